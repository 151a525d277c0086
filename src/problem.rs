//! Problems found in input files (configuration, registry, articles) that stop
//! or degrade a run, each located at a byte span of its file.
//!
//! A [`FileProblem`] carries both the byte span (for editors, which show it at
//! an exact range) and the 1-based line and column (for people, who read
//! `file:line:column`). Columns count Unicode scalar values.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::position::{ColumnUnit, LineIndex};

/// How bad a [`FileProblem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemLevel {
    /// The run can go on, but the user should know (e.g. an ambiguous alias).
    Warning,
    /// The file cannot be used as written; the CLI exits with status 2.
    Error,
}

/// One located problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// The file the problem is in.
    pub path: PathBuf,
    /// Byte span of the offending text (empty when only a point is known).
    pub span: Range<usize>,
    /// 1-based line of the span's start.
    pub line: u32,
    /// 1-based column of the span's start, in Unicode scalar values.
    pub column: u32,
    /// How bad it is.
    pub level: ProblemLevel,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
    /// A stable id for problems that programs act on (e.g.
    /// [`INTERNAL_ERROR`]); `None` for the others.
    pub code: Option<&'static str>,
}

/// The code of a problem that is a bug in copydesk, not in the input: the
/// analysis of a file failed, and the file was skipped.
pub const INTERNAL_ERROR: &str = "internal-error";

impl FileProblem {
    /// A problem at `span` of `text`, the contents of `path`.
    pub fn at(
        path: &Path,
        text: &str,
        span: Range<usize>,
        level: ProblemLevel,
        message: impl Into<String>,
    ) -> FileProblem {
        let index = LineIndex::new(text);
        FileProblem::with_index(path, text, &index, span, level, message)
    }

    /// Like [`FileProblem::at`] with a line index the caller already has.
    pub fn with_index(
        path: &Path,
        text: &str,
        index: &LineIndex,
        span: Range<usize>,
        level: ProblemLevel,
        message: impl Into<String>,
    ) -> FileProblem {
        let start = span.start.min(text.len());
        let pos = index.position(text, start, ColumnUnit::Scalar);
        FileProblem {
            path: path.to_path_buf(),
            span: start..span.end.clamp(start, text.len()),
            line: pos.line + 1,
            column: pos.col + 1,
            level,
            message: message.into(),
            code: None,
        }
    }

    /// A problem about a whole file that has no position (e.g. unreadable).
    pub fn whole_file(path: &Path, level: ProblemLevel, message: impl Into<String>) -> FileProblem {
        FileProblem {
            path: path.to_path_buf(),
            span: 0..0,
            line: 1,
            column: 1,
            level,
            message: message.into(),
            code: None,
        }
    }

    /// This problem with the stable id `code`.
    pub fn with_code(mut self, code: &'static str) -> FileProblem {
        self.code = Some(code);
        self
    }

    /// Whether this problem stops the run.
    pub fn is_error(&self) -> bool {
        self.level == ProblemLevel::Error
    }
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            ProblemLevel::Warning => "warning",
            ProblemLevel::Error => "error",
        };
        // Paths and messages quote files and registries: no control
        // character reaches a terminal raw.
        write!(f, "{}:{}:{}: {level}", crate::text::shown_path(&self.path), self.line, self.column)?;
        if let Some(code) = self.code {
            write!(f, "[{code}]")?;
        }
        write!(f, ": {}", crate::text::terminal::escape_controls(&self.message))
    }
}

/// serde_json's message without its trailing "at line L column C", for
/// callers that report the location themselves.
pub fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
