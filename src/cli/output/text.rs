//! `--format text`: one block per finding, as rustc and ruff print them,
//! with a window of the source line (news paragraphs are one long line)
//! and a caret underline that respects display width.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Emitter;
use crate::cli::report::{ReportFinding, Summary};
use crate::finding::Severity;
use crate::problem::FileProblem;
use crate::text::shown_path;
use crate::text::terminal::escape_all_controls;

pub(super) struct TextEmitter {
    /// Whether to colour the severity, rule and caret (ANSI SGR codes).
    pub(super) color: bool,
}

/// The SGR colour of a severity, as rustc and ruff use them.
fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
        Severity::Hint => "1;32",
    }
}

/// `text` in SGR `code` when `on`.
fn paint(on: bool, code: &str, text: &str) -> String {
    if on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
}

/// Characters of context shown on each side of a finding.
const CONTEXT: usize = 40;

impl Emitter for TextEmitter {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn findings(&mut self, out: &mut dyn Write, findings: &[ReportFinding]) -> io::Result<()> {
        findings.iter().try_for_each(|f| write_finding(out, f, self.color))
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary, problems: &[FileProblem]) -> io::Result<()> {
        for problem in problems {
            writeln!(out, "{problem}")?;
        }
        write_summary(out, summary)
    }
}

fn write_finding(out: &mut dyn Write, f: &ReportFinding, color: bool) -> io::Result<()> {
    let tint = severity_color(f.severity);
    writeln!(
        out,
        "{}:{}:{}: {}[{}] {}",
        paint(color, "1", &shown_path(&f.path).to_string()),
        f.span.line,
        f.span.column,
        paint(color, tint, &f.severity.to_string()),
        paint(color, "1", f.rule),
        escape_all_controls(&f.message)
    )?;
    let (shown, caret_pad, caret_len) =
        window(&f.excerpt.line, f.excerpt.start, f.excerpt.end, f.excerpt.cut_before, f.excerpt.cut_after);
    let gutter = f.span.line.to_string().len();
    writeln!(out, "{:gutter$} |", "")?;
    writeln!(out, "{} | {}", f.span.line, shown)?;
    writeln!(out, "{:gutter$} | {}{}", "", " ".repeat(caret_pad), paint(color, tint, &"^".repeat(caret_len.max(1))))?;
    if let Some(fix) = f.fixes.first() {
        let note = if fix.safe { "" } else { " (unsafe: review before applying)" };
        writeln!(out, "{:gutter$} = fix: {}{note}", "", escape_all_controls(&fix.title))?;
    }
    if let Some(s) = &f.suggestion {
        writeln!(out, "{:gutter$} = add to the registry as id `{}`", "", escape_all_controls(&s.id))?;
    }
    writeln!(out)
}

/// The part of `line` to show around `start..end` (byte offsets), the
/// display column where the caret starts and the caret's width.
fn window(line: &str, start: usize, end: usize, cut_before: bool, cut_after: bool) -> (String, usize, usize) {
    let before: Vec<char> = line[..start].chars().collect();
    let after: Vec<char> = line[end..].chars().collect();
    let flagged = &line[start..end];
    let cut_before = cut_before || before.len() > CONTEXT;
    let cut_after = cut_after || after.len() > CONTEXT;
    let mut shown_before: String = before[before.len().saturating_sub(CONTEXT)..].iter().collect();
    if cut_before {
        shown_before = format!("…{}", shown_before.trim_start());
    }
    let mut shown_after: String = after[..after.len().min(CONTEXT)].iter().collect();
    if cut_after {
        shown_after = format!("{}…", shown_after.trim_end());
    }
    // Tabs become spaces; other control characters are shown escaped, and
    // the caret is placed by what is shown.
    let shown_before = escape_all_controls(&shown_before.replace('\t', " ")).into_owned();
    let flagged = escape_all_controls(&flagged.replace('\t', " ")).into_owned();
    let shown_after = escape_all_controls(&shown_after.replace('\t', " ")).into_owned();
    let caret_pad = shown_before.width();
    (format!("{shown_before}{flagged}{shown_after}"), caret_pad, flagged.width())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_summary(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let total = s.findings;
    if total == 0 {
        writeln!(out, "No findings in {}.", plural(s.files, "article", "articles"))?;
    } else {
        let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint]
            .iter()
            .filter_map(|sev| s.by_severity.get(sev).map(|&n| plural(n, sev.as_str(), &format!("{}s", sev.as_str()))))
            .map(|p| p.replace("infos", "info"))
            .collect();
        writeln!(
            out,
            "Found {} ({}) in {} of {}.",
            plural(total, "finding", "findings"),
            parts.join(", "),
            s.files_with_findings,
            plural(s.files, "article", "articles")
        )?;
    }
    writeln!(
        out,
        "Linked {} to {}.",
        plural(s.mentions, "mention", "mentions"),
        plural(s.actors_mentioned(), "actor", "actors")
    )?;
    if s.safe_fixes > 0 {
        writeln!(out, "{} a safe fix.", plural(s.safe_fixes, "finding has", "findings have"))?;
    }
    if s.unsafe_fixes > 0 {
        writeln!(
            out,
            "{} only an unsafe fix (review it, or apply with --fix --unsafe-fixes).",
            plural(s.unsafe_fixes, "finding has", "findings have")
        )?;
    }
    if !s.spelling_splits.is_empty() {
        writeln!(out, "\nSpellings that differ across articles:")?;
        for split in &s.spelling_splits {
            writeln!(out, "{}", split.line())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn long_lines_are_windowed_and_carets_follow_display_width() {
        let line = format!("{}said 👋 Zoë Ng today{}", "x".repeat(100), "y".repeat(100));
        let start = line.find("Zoë").unwrap();
        let (shown, pad, len) = window(&line, start, start + "Zoë Ng".len(), false, false);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert!(shown[shown.find("Zoë").unwrap()..].starts_with("Zoë Ng today"));
        assert_eq!(pad, 1 + 33 + "said ".len() + 2 + 1);
        assert_eq!(len, 6);
    }
}
