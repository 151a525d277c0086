//! `check --statistics`: counts per rule, mentions per actor, and who is
//! quoted (the spellings that split across the corpus are in the summary).

use std::io::{self, Write};

use super::report::Summary;
use crate::text::terminal::escape_all_controls;

/// Writes the statistics tables.
pub fn write(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    write_counts(out, "Findings by rule", s.by_rule.iter().map(|(rule, &n)| (*rule, n)))?;
    // People read names; the id beside each is what the registry and JSON use.
    let named: Vec<(String, usize)> = s
        .mentions_by_actor
        .iter()
        .map(|(id, &n)| match s.actor_names.get(id) {
            Some(name) => (format!("{name} ({id})"), n),
            None => (id.clone(), n),
        })
        .collect();
    write_counts(out, "Mentions by actor", named.iter().map(|(who, n)| (who.as_str(), *n)))?;
    // The spellings that split across articles are in the summary above
    // ("Spellings that differ across articles"), printed once.
    writeln!(out, "\nQuoted (direct + partial quotations; statements reported without quotation marks; articles):")?;
    if s.quoted.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for q in &s.quoted {
        let who = match &q.actor {
            Some(id) => format!("{} ({id})", q.name),
            None => format!("{} (not registered)", q.name),
        };
        let articles = if q.articles == 1 { "1 article".to_string() } else { format!("{} articles", q.articles) };
        writeln!(
            out,
            "  {:>6}  {}: {} direct, {} partial, {} reported, {articles}",
            q.direct + q.partial,
            escape_all_controls(&who),
            q.direct,
            q.partial,
            q.indirect
        )?;
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
