//! `check --statistics`: counts per rule, mentions per actor, and the
//! spellings that split across the corpus.

use std::io::{self, Write};

use super::report::Summary;
use crate::text::terminal::escape_all_controls;

/// Writes the statistics tables.
pub fn write(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    write_counts(out, "Findings by rule", s.by_rule.iter().map(|(rule, &n)| (*rule, n)))?;
    write_counts(out, "Mentions by actor", s.mentions_by_actor.iter().map(|(actor, &n)| (actor.as_str(), n)))?;
    writeln!(out, "\nSpelling splits:")?;
    if s.spelling_splits.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for split in &s.spelling_splits {
        writeln!(out, "{}", split.line())?;
    }
    Ok(())
}

/// A titled table of counts, largest first (ties by name).
fn write_counts<'a>(
    out: &mut dyn Write,
    title: &str,
    counts: impl Iterator<Item = (&'a str, usize)>,
) -> io::Result<()> {
    writeln!(out, "\n{title}:")?;
    let mut rows: Vec<(&str, usize)> = counts.collect();
    if rows.is_empty() {
        writeln!(out, "  (none)")?;
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (name, n) in rows {
        writeln!(out, "  {n:>6}  {}", escape_all_controls(name))?;
    }
    Ok(())
}
