//! Open documents: a rope per document, edited incrementally and strictly
//! in the order the client sent the changes.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

use super::convert::Encoding;
use crate::analysis::Analysis;
use crate::analysis::spellings::ArticleSpellings;
use crate::article::Article;
use crate::position::byte_of_column;

/// What an open document is to copydesk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// An article: analysed and diagnosed.
    Article,
    /// A registry file of a workspace.
    Registry,
    /// A `copydesk.toml`.
    Config,
    /// Anything else (ignored).
    Other,
}

/// The analysis of one version of an article.
pub struct DocumentAnalysis {
    /// The document version analysed.
    pub version: i32,
    /// The registry generation it used.
    pub generation: u64,
    /// The parsed article.
    pub article: Article,
    /// Mentions and findings.
    pub analysis: Analysis,
}

/// An open document.
pub struct Document {
    /// The client's version.
    pub version: i32,
    /// The text.
    pub rope: Rope,
    /// What it is.
    pub role: Role,
    /// The latest analysis (articles only).
    pub analysis: Option<Arc<DocumentAnalysis>>,
    /// Whether the "too large" message was shown.
    pub size_warned: bool,
    /// Counts changes, whatever versions the client sends: a scheduled
    /// analysis that sees a newer revision was superseded.
    pub revision: u64,
    /// Its spellings of each actor when last published: when they change,
    /// the other open articles' corpus spelling counts change too.
    pub spellings: Option<ArticleSpellings>,
    /// Whether its last diagnostics went out without the corpus spelling
    /// ones (the workspace was being indexed): published again when
    /// indexing ends.
    pub corpus_pending: bool,
}

impl Document {
    /// A new document.
    pub fn new(text: &str, version: i32, role: Role) -> Document {
        Document {
            version,
            rope: Rope::from_str(text),
            role,
            analysis: None,
            size_warned: false,
            revision: 0,
            spellings: None,
            corpus_pending: false,
        }
    }

    /// The whole text.
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies `changes` in order. Ranges past the end are clamped, so a
    /// bad change never corrupts the text or panics.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let mut start = self.byte_at(range.start, encoding);
                    let mut end = self.byte_at(range.end, encoding);
                    if start > end {
                        std::mem::swap(&mut start, &mut end);
                    }
                    let start_char = self.rope.byte_to_char(start);
                    let end_char = self.rope.byte_to_char(end);
                    self.rope.remove(start_char..end_char);
                    self.rope.insert(start_char, &change.text);
                }
            }
        }
        self.version = version;
        self.revision += 1;
    }

    /// The byte offset of `position`, clamped into the text.
    pub fn byte_at(&self, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.rope.len_lines() {
            return self.rope.len_bytes();
        }
        let line_start = self.rope.line_to_byte(line);
        let text = self.rope.line(line).to_string();
        let content = text.trim_end_matches(['\n', '\r']);
        line_start + byte_of_column(content, position.character, encoding.unit())
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::Range;

    use super::*;

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range { start: Position::new(l0, c0), end: Position::new(l1, c1) }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_in_both_encodings() {
        let mut doc = Document::new("“Привіт” 👋 Zelensky\r\nsecond line\n", 1, Role::Article);
        // UTF-16: quotes and Cyrillic are one unit each, the emoji two, so
        // "Zelensky" starts at 9 + 1 + 2 + 1 = 12.
        doc.apply(vec![change(0, 12, 0, 20, "Zelenskyy")], 2, Encoding::Utf16);
        assert_eq!(doc.text(), "“Привіт” 👋 Zelenskyy\r\nsecond line\n");
        // UTF-8: "Привіт" starts at byte 3.
        doc.apply(vec![change(0, 3, 0, 15, "Hi")], 3, Encoding::Utf8);
        assert_eq!(doc.text(), "“Hi” 👋 Zelenskyy\r\nsecond line\n");
        doc.apply(vec![change(1, 0, 1, 6, "2nd"), change(1, 3, 1, 3, "!")], 4, Encoding::Utf16);
        assert_eq!(doc.text(), "“Hi” 👋 Zelenskyy\r\n2nd! line\n");
        assert_eq!(doc.version, 4);
    }

    /// Fuzz target: edits applied through LSP positions on the rope equal
    /// the same edits on a plain string, in both encodings, for text with
    /// CRLF, emoji and Cyrillic. Fixed seed here; `scripts/fuzz` runs it
    /// longer with COPYDESK_FUZZ_SECONDS.
    #[test]
    fn incremental_edits_match_a_plain_string() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
        let seconds: Option<u64> = std::env::var("COPYDESK_FUZZ_SECONDS").ok().and_then(|v| v.parse().ok());
        // Runs of 300 cases, repeated until the deadline: the runner's seed
        // moves on, so every run tries new cases.
        let config = Config { cases: 300, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[9; 32]));
        let deadline = seconds.map(|s| std::time::Instant::now() + std::time::Duration::from_secs(s));
        let piece = prop::sample::select(vec!["a", "Ж", "👋", "\r\n", "\n", " ", "“", "—", "e\u{301}", "\r"]);
        let text = prop::collection::vec(piece.clone(), 0..30).prop_map(|p| p.concat());
        let edits = prop::collection::vec((0usize..40, 0usize..40, prop::collection::vec(piece, 0..4)), 1..8);
        let strategy = (text, edits, any::<bool>());
        /// Start and end column of an edit, and the pieces of its new text.
        type FuzzEdit<'a> = (usize, usize, Vec<&'a str>);
        let property = |(text, edits, utf8): (String, Vec<FuzzEdit<'_>>, bool)| {
            let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let mut doc = Document::new(&text, 1, Role::Article);
            let mut plain = text.clone();
            for (i, (a, b, insert)) in edits.into_iter().enumerate() {
                // Pick char boundaries of the current plain text.
                let bounds: Vec<usize> =
                    plain.char_indices().map(|(k, _)| k).chain(std::iter::once(plain.len())).collect();
                let (mut start, mut end) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
                if start > end {
                    std::mem::swap(&mut start, &mut end);
                }
                let index = crate::position::LineIndex::new(&plain);
                let unit = encoding.unit();
                let p0 = index.position(&plain, start, unit);
                let p1 = index.position(&plain, end, unit);
                // Positions inside a CRLF pair are not addressable in LSP.
                if index.offset(&plain, p0, unit) != start || index.offset(&plain, p1, unit) != end {
                    continue;
                }
                let insert = insert.concat();
                let change = TextDocumentContentChangeEvent {
                    range: Some(tower_lsp_server::ls_types::Range {
                        start: Position::new(p0.line, p0.col),
                        end: Position::new(p1.line, p1.col),
                    }),
                    range_length: None,
                    text: insert.clone(),
                };
                doc.apply(vec![change], i as i32 + 2, encoding);
                plain.replace_range(start..end, &insert);
                prop_assert_eq!(doc.text(), plain.clone());
            }
            Ok(())
        };
        loop {
            if let Err(e) = runner.run(&strategy, property) {
                panic!("{e}");
            }
            if deadline.is_none_or(|d| std::time::Instant::now() > d) {
                break;
            }
        }
    }

    #[test]
    fn ranges_past_the_end_are_clamped() {
        let mut doc = Document::new("abc\n", 1, Role::Article);
        doc.apply(vec![change(0, 99, 7, 3, "!")], 2, Encoding::Utf16);
        assert_eq!(doc.text(), "abc!");
        doc.apply(vec![change(0, 2, 0, 1, "")], 3, Encoding::Utf16);
        assert_eq!(doc.text(), "ac!");
    }
}
