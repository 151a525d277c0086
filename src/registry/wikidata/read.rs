//! Streaming Wikidata's entity files, one entity at a time, in the three
//! forms Wikidata publishes (plain or gzip-compressed, told by the file's
//! first bytes):
//!
//! - the JSON dump: a JSON array with one entity a line (`[`, then
//!   `{...},` lines, then `]`);
//! - JSON Lines: one entity, or one `Special:EntityData` document, a line;
//! - a `Special:EntityData` document (`{"entities": {"Q42": {...}}}`),
//!   possibly spread over several lines; such a document is read whole
//!   (it holds the few entities asked for), up to [`DOCUMENT_CAP`].
//!
//! Memory holds one line (at most [`LINE_CAP`]) and one entity.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::entity::Entity;

/// The longest line read: far above any real entity (the largest Wikidata
/// items are a few MB).
pub const LINE_CAP: u64 = 64 << 20;

/// The largest multi-line `Special:EntityData` document read.
pub const DOCUMENT_CAP: u64 = 256 << 20;

/// Why an entity file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A line or document is not an entity in Wikidata's JSON format.
    #[error("{path}:{line}:{column}: not a Wikidata entity: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// 1-based column (in bytes).
        column: u64,
        /// What was wrong.
        message: String,
    },
    /// A line or document past the caps.
    #[error("{path}:{line}: a line longer than {cap} bytes; is this a Wikidata entity file?")]
    TooLong {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// The cap.
        cap: u64,
    },
}

/// A `Special:EntityData` document.
#[derive(Deserialize)]
struct Document {
    entities: HashMap<String, Entity>,
}

/// Calls `each` with every entity of the file at `path`, in file order
/// (the entities of one `Special:EntityData` document in id order).
/// Returns the number of entities read.
pub fn for_each_entity(path: &Path, mut each: impl FnMut(Entity)) -> Result<u64, ReadError> {
    let io = |source| ReadError::Io { path: path.to_path_buf(), source };
    let mut file = File::open(path).map_err(io)?;
    let mut magic = [0u8; 2];
    let gzip = file.read(&mut magic).map_err(io)? == 2 && magic == [0x1f, 0x8b];
    let file = File::open(path).map_err(io)?;
    let reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    Lines { path, reader, number: 0, buffer: Vec::new() }.run(&mut each)
}

struct Lines<'a> {
    path: &'a Path,
    reader: Box<dyn BufRead>,
    /// Lines read so far.
    number: u64,
    buffer: Vec<u8>,
}

impl Lines<'_> {
    /// Reads the next line into the buffer; `false` at the end.
    fn next_line(&mut self) -> Result<bool, ReadError> {
        self.buffer.clear();
        let read = (&mut self.reader)
            .take(LINE_CAP + 1)
            .read_until(b'\n', &mut self.buffer)
            .map_err(|source| ReadError::Io { path: self.path.to_path_buf(), source })?;
        if read == 0 {
            return Ok(false);
        }
        self.number += 1;
        if self.buffer.len() as u64 > LINE_CAP {
            return Err(ReadError::TooLong { path: self.path.to_path_buf(), line: self.number, cap: LINE_CAP });
        }
        Ok(true)
    }

    fn run(mut self, each: &mut dyn FnMut(Entity)) -> Result<u64, ReadError> {
        let mut count = 0;
        let mut first = true;
        while self.next_line()? {
            let line = trim_line(&self.buffer);
            if line.is_empty() || (line == b"[" || line == b"]") {
                first = false;
                continue;
            }
            if first && line.starts_with(b"{") && serde_json::from_slice::<serde::de::IgnoredAny>(line).is_err() {
                // A document spread over lines: read it whole.
                return self.whole_document(each);
            }
            first = false;
            count += self.parse_line(each)?;
        }
        Ok(count)
    }

    /// Parses the line in the buffer: an entity or an EntityData document.
    fn parse_line(&self, each: &mut dyn FnMut(Entity)) -> Result<u64, ReadError> {
        let line = trim_line(&self.buffer);
        let is_document = line[1..].trim_ascii_start().starts_with(b"\"entities\"");
        let located = |e: serde_json::Error| self.json_error(e, self.number);
        if is_document {
            let document: Document = serde_json::from_slice(line).map_err(located)?;
            Ok(each_of(document, each))
        } else {
            let entity: Entity = serde_json::from_slice(line).map_err(located)?;
            each(entity);
            Ok(1)
        }
    }

    fn whole_document(mut self, each: &mut dyn FnMut(Entity)) -> Result<u64, ReadError> {
        let first_line = self.number;
        let mut text = std::mem::take(&mut self.buffer);
        (&mut self.reader)
            .take(DOCUMENT_CAP)
            .read_to_end(&mut text)
            .map_err(|source| ReadError::Io { path: self.path.to_path_buf(), source })?;
        if text.len() as u64 >= DOCUMENT_CAP {
            return Err(ReadError::TooLong { path: self.path.to_path_buf(), line: first_line, cap: DOCUMENT_CAP });
        }
        let document: Document = serde_json::from_slice(&text).map_err(|e| self.json_error(e, first_line))?;
        Ok(each_of(document, each))
    }

    /// A JSON error at serde's (line, column) within text that starts on
    /// line `first` of the file.
    fn json_error(&self, e: serde_json::Error, first: u64) -> ReadError {
        ReadError::Json {
            path: self.path.to_path_buf(),
            line: first + (e.line().max(1) as u64 - 1),
            column: (e.column() as u64).max(1),
            message: crate::problem::json_message(&e),
        }
    }
}

fn each_of(document: Document, each: &mut dyn FnMut(Entity)) -> u64 {
    let mut entities: Vec<Entity> = document.entities.into_values().collect();
    entities.sort_by(|a, b| id_number(&a.id).cmp(&id_number(&b.id)).then_with(|| a.id.cmp(&b.id)));
    let count = entities.len() as u64;
    entities.into_iter().for_each(each);
    count
}

/// The number of an id (`Q42` → 42), for ordering.
pub fn id_number(id: &str) -> u64 {
    id.get(1..).and_then(|n| n.parse().ok()).unwrap_or(u64::MAX)
}

/// A dump line without its line break, surrounding blanks and the comma
/// that separates array elements.
fn trim_line(line: &[u8]) -> &[u8] {
    let line = line.trim_ascii();
    line.strip_suffix(b",").unwrap_or(line).trim_ascii_end()
}
