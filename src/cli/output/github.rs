//! `--format github`: GitHub Actions workflow commands, which GitHub shows
//! as annotations on the pull request's changed lines.

use std::io::{self, Write};

use super::Emitter;
use crate::cli::report::{ReportFinding, Summary};
use crate::finding::Severity;
use crate::problem::{FileProblem, ProblemLevel};
use crate::text::terminal::escape_all_controls;

pub(super) struct GithubEmitter;

/// Escapes a workflow-command property value.
fn property(value: &str) -> String {
    let value =
        value.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A").replace(':', "%3A").replace(',', "%2C");
    escape_all_controls(&value).into_owned()
}

/// Escapes a workflow-command message.
fn message(value: &str) -> String {
    escape_all_controls(&value.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")).into_owned()
}

impl Emitter for GithubEmitter {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn findings(&mut self, out: &mut dyn Write, findings: &[ReportFinding]) -> io::Result<()> {
        for f in findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&f.path.to_string_lossy()),
                f.span.line,
                f.span.column,
                f.span.end_line,
                f.span.end_column,
                property(f.rule),
                message(&f.message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _summary: &Summary, problems: &[FileProblem]) -> io::Result<()> {
        for p in problems {
            // A problem with a code (internal-error) is titled with it, as
            // findings are with their rule.
            let title = p.code.map(|code| format!(",title={}", property(code))).unwrap_or_default();
            // A registry warning (an alias two actors claim) does not fail
            // the run, so it is not shown as an error either.
            let command = match p.level {
                ProblemLevel::Warning => "warning",
                ProblemLevel::Error => "error",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={}{title}::{}",
                property(&p.path.to_string_lossy()),
                p.line,
                p.column,
                message(&p.message)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{message, property};

    #[test]
    fn escaping() {
        assert_eq!(property("a:b,c%\nd"), "a%3Ab%2Cc%25%0Ad");
        assert_eq!(message("50% of: x\ny"), "50%25 of: x%0Ay");
    }
}
