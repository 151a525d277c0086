//! `check --statistics`: counts per rule, mentions per actor, and the
//! spellings that split across the corpus.

use std::io::{self, Write};

use super::report::Summary;

/// Writes the statistics tables.
pub fn write(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    writeln!(out, "\nFindings by rule:")?;
    if s.by_rule.is_empty() {
        writeln!(out, "  (none)")?;
    }
    let mut rules: Vec<(&&str, &usize)> = s.by_rule.iter().collect();
    rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (rule, n) in rules {
        writeln!(out, "  {n:>6}  {rule}")?;
    }
    writeln!(out, "\nMentions by actor:")?;
    if s.mentions_by_actor.is_empty() {
        writeln!(out, "  (none)")?;
    }
    let mut actors: Vec<(&String, &usize)> = s.mentions_by_actor.iter().collect();
    actors.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (actor, n) in actors {
        writeln!(out, "  {n:>6}  {actor}")?;
    }
    writeln!(out, "\nSpelling splits:")?;
    if s.spelling_splits.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for split in &s.spelling_splits {
        let list: Vec<String> = split
            .spellings
            .iter()
            .map(|(text, n)| format!("{text}: {n} article{}", if *n == 1 { "" } else { "s" }))
            .collect();
        writeln!(out, "  {} ({}): {}", split.name, split.actor, list.join(", "))?;
    }
    Ok(())
}
