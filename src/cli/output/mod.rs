//! Output formats of `copydesk check`, all behind [`Emitter`].
//!
//! Findings arrive one file at a time, in path order, as the files are
//! checked: every format writes them as they come, so a corpus run never
//! holds all of its findings (or an output document) in memory.

mod github;
mod json;
mod sarif;
mod text;

use std::io::{self, Write};

use super::Format;
use super::report::{ReportFinding, Summary};
use crate::problem::FileProblem;

/// Writes a check run in one format, as a stream.
pub trait Emitter: Send {
    /// Writes what comes before the first finding.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;

    /// Writes one file's findings, in order.
    fn findings(&mut self, out: &mut dyn Write, findings: &[ReportFinding]) -> io::Result<()>;

    /// Writes what comes after the last finding: files that could not be
    /// checked, registry warnings and the totals.
    fn end(&mut self, out: &mut dyn Write, summary: &Summary, problems: &[FileProblem]) -> io::Result<()>;
}

/// The emitter for `format`; `color` colours text output (the other
/// formats are read by programs).
pub fn emitter(format: Format, color: bool) -> Box<dyn Emitter> {
    match format {
        Format::Text => Box::new(text::TextEmitter { color }),
        Format::Json => Box::new(json::JsonEmitter::default()),
        Format::Sarif => Box::new(sarif::SarifEmitter::default()),
        Format::Github => Box::new(github::GithubEmitter),
    }
}

/// A JSON array written one element a line as elements arrive (the JSON
/// and SARIF documents hold their findings in one).
#[derive(Default)]
struct StreamedArray {
    written: usize,
}

impl StreamedArray {
    /// Writes `value` as the next element.
    fn push(&mut self, out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, value)?;
        self.written += 1;
        Ok(())
    }
}
