//! The LSP edge's conversions: byte ranges to and from LSP ranges in the
//! negotiated encoding, and URIs to and from paths. All column arithmetic
//! is delegated to [`crate::position`].

use std::ops::Range;
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range as LspRange, Uri};

use crate::position::{ColumnUnit, LineCol, LineIndex};

/// The position encoding agreed with the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units, when the client offers it.
    Utf8,
    /// UTF-16 code units, the LSP default.
    Utf16,
}

impl Encoding {
    /// Picks UTF-8 when the client offers it, else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The LSP name.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The core's column unit.
    pub fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf8 => ColumnUnit::Utf8,
            Encoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// A text with its line index, for conversions.
pub struct Lines<'a> {
    /// The text.
    pub text: &'a str,
    /// Its line index.
    pub index: &'a LineIndex,
}

impl Lines<'_> {
    /// The LSP position of byte `offset`.
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let p = self.index.position(self.text, offset, encoding.unit());
        Position { line: p.line, character: p.col }
    }

    /// The LSP range of byte range `range`.
    pub fn range(&self, range: &Range<usize>, encoding: Encoding) -> LspRange {
        LspRange { start: self.position(range.start, encoding), end: self.position(range.end, encoding) }
    }

    /// The byte offset of an LSP position (clamped into the text).
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        self.index.offset(self.text, LineCol { line: position.line, col: position.character }, encoding.unit())
    }

    /// Whether `position` names a place inside the text (its line exists).
    pub fn contains(&self, position: Position) -> bool {
        (position.line as usize) < self.index.line_count()
    }
}

/// The file path of a `file:` URI.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The `file:` URI of an absolute or existing path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let absolute = crate::config::normalize(path);
    Uri::from_file_path(absolute)
}
