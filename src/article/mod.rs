//! An article: its text, front matter, metadata and prose view.
//!
//! An [`Article`] is built once per version of a document's text and is
//! immutable. All ranges in and derived from it are byte offsets into
//! [`Article::text`], which is the file's text without a byte-order mark
//! (editors do not show the mark either; writers put it back).

pub mod front_matter;
pub mod prose;
pub mod sentences;
pub mod suppressions;

use std::ops::Range;
use std::path::Path;

use crate::date::Date;
use crate::position::LineIndex;
pub use front_matter::FrontMatter;
pub use prose::Syntax;
pub use sentences::{Quotation, Sentence};

/// Article metadata from the front matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The publication date, if the front matter has a valid one.
    pub date: Option<Date>,
    /// Headline.
    pub title: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
}

/// A front-matter value copydesk could not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataProblem {
    /// Byte range of the bad value.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
}

/// One article, parsed.
#[derive(Clone, Debug)]
pub struct Article {
    text: String,
    had_bom: bool,
    syntax: Syntax,
    front_matter: Option<FrontMatter>,
    metadata: Metadata,
    metadata_problems: Vec<MetadataProblem>,
    prose: String,
    lines: LineIndex,
    body_start: usize,
    /// Computed on first use: indexing a workspace links names and never
    /// needs sentences.
    sentence_view: std::sync::OnceLock<SentenceView>,
    suppressions: suppressions::Suppressions,
}

/// Sentences, quotations and the prose without quotations.
#[derive(Clone, Debug)]
struct SentenceView {
    sentences: Vec<Sentence>,
    quotations: Vec<Quotation>,
    unquoted: String,
}

impl Article {
    /// Parses `text` (a leading byte-order mark is dropped and remembered).
    pub fn new(text: &str, syntax: Syntax) -> Article {
        let (text, had_bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest.to_string(), true),
            None => (text.to_string(), false),
        };
        let front_matter = front_matter::parse(&text);
        let body_start = front_matter.as_ref().map_or(0, |fm| fm.range.end);
        let prose = prose::blank(&text, &prose::non_prose_ranges(&text, body_start, syntax));
        let (metadata, metadata_problems) = read_metadata(front_matter.as_ref());
        let lines = LineIndex::new(&text);
        let suppressions = suppressions::parse(&text);
        Article {
            text,
            had_bom,
            syntax,
            front_matter,
            metadata,
            metadata_problems,
            prose,
            lines,
            body_start,
            sentence_view: std::sync::OnceLock::new(),
            suppressions,
        }
    }

    fn sentence_view(&self) -> &SentenceView {
        self.sentence_view.get_or_init(|| {
            let sentences = sentences::split_sentences(&self.prose, self.body_start);
            let quotations = sentences::find_quotations(&self.prose, &sentences);
            let quoted: Vec<Range<usize>> = quotations.iter().map(|q| q.range.clone()).collect();
            let unquoted = prose::blank(&self.prose, &quoted);
            SentenceView { sentences, quotations, unquoted }
        })
    }

    /// Parses `text` with the syntax its path's extension implies.
    pub fn for_path(path: &Path, text: &str) -> Article {
        Article::new(text, syntax_for(path))
    }

    /// The text, without a byte-order mark.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The prose view: `text` with non-prose bytes blanked, same offsets.
    pub fn prose(&self) -> &str {
        &self.prose
    }

    /// Whether the file started with a byte-order mark.
    pub fn had_bom(&self) -> bool {
        self.had_bom
    }

    /// Markdown or plain text.
    pub fn syntax(&self) -> Syntax {
        self.syntax
    }

    /// The front matter, if any.
    pub fn front_matter(&self) -> Option<&FrontMatter> {
        self.front_matter.as_ref()
    }

    /// Where the body (after the front matter) starts.
    pub fn body_start(&self) -> usize {
        self.body_start
    }

    /// Metadata read from the front matter.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Front-matter values that could not be used.
    pub fn metadata_problems(&self) -> &[MetadataProblem] {
        &self.metadata_problems
    }

    /// Sentences of the prose, in order (headlines and bullet lines are
    /// sentences too).
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentence_view().sentences
    }

    /// Direct quotations, in order.
    pub fn quotations(&self) -> &[Quotation] {
        &self.sentence_view().quotations
    }

    /// The quotation holding byte `offset`, if any (a binary search).
    pub fn quotation_at(&self, offset: usize) -> Option<&Quotation> {
        self.quotation_from(offset).filter(|q| q.range.start <= offset)
    }

    /// The first quotation overlapping `range`, if any (a binary search).
    pub fn quotation_overlapping(&self, range: &Range<usize>) -> Option<&Quotation> {
        self.quotation_from(range.start).filter(|q| q.range.start < range.end)
    }

    /// The first quotation ending after `offset`.
    fn quotation_from(&self, offset: usize) -> Option<&Quotation> {
        let quotations = self.quotations();
        quotations.get(quotations.partition_point(|q| q.range.end <= offset))
    }

    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let sentences = self.sentences();
        let i = sentences.partition_point(|s| s.range.end <= offset);
        (i < sentences.len() && sentences[i].range.start <= offset).then_some(i)
    }

    /// The prose view with quoted words blanked too (same offsets): where
    /// to look for who is speaking.
    pub fn unquoted(&self) -> &str {
        &self.sentence_view().unquoted
    }

    /// Suppression comments.
    pub fn suppressions(&self) -> &suppressions::Suppressions {
        &self.suppressions
    }

    /// Line index of the text.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }
}

/// The syntax of a file, from its extension.
pub fn syntax_for(path: &Path) -> Syntax {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md" | "markdown" | "mdx") => Syntax::Markdown,
        _ => Syntax::Plain,
    }
}

fn read_metadata(front_matter: Option<&FrontMatter>) -> (Metadata, Vec<MetadataProblem>) {
    let mut metadata = Metadata::default();
    let mut problems = Vec::new();
    let Some(fm) = front_matter else { return (metadata, problems) };
    for (range, message) in &fm.problems {
        problems.push(MetadataProblem { range: range.clone(), message: message.clone() });
    }
    let text = |key: &str| fm.get(key).map(|f| f.value.clone()).filter(|v| !v.is_empty());
    metadata.title = text("title");
    metadata.outlet = text("outlet");
    metadata.url = text("url");
    metadata.lang = text("lang");
    if let Some(field) = fm.get("date") {
        match Date::parse(&field.value) {
            Ok(date) => metadata.date = Some(date),
            Err(e) => problems.push(MetadataProblem {
                range: field.value_range.clone(),
                message: format!("front-matter date cannot be used: {e}; date-dependent checks are skipped"),
            }),
        }
    }
    (metadata, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_bom_and_prose() {
        let text = "\u{feff}---\r\ndate: 2025-08-19\r\ntitle: Talks\r\n---\r\nBody <!-- note --> here.\r\n";
        let article = Article::new(text, Syntax::Plain);
        assert!(article.had_bom());
        assert_eq!(article.metadata().date.unwrap().to_string(), "2025-08-19");
        assert_eq!(article.metadata().title.as_deref(), Some("Talks"));
        assert_eq!(article.text().len(), article.prose().len());
        assert!(article.prose().starts_with(&" ".repeat(3)));
        assert!(!article.prose().contains("date"));
        assert!(article.prose().contains("Body               here."));
        assert_eq!(&article.text()[article.body_start()..], "Body <!-- note --> here.\r\n");
    }

    #[test]
    fn a_bad_date_is_reported_at_its_value() {
        let article = Article::new("---\ndate: 2025-02-30\n---\nBody", Syntax::Plain);
        assert_eq!(article.metadata().date, None);
        let problem = &article.metadata_problems()[0];
        assert_eq!(&article.text()[problem.range.clone()], "2025-02-30");
        assert_eq!(
            problem.message,
            "front-matter date cannot be used: `2025-02-30` is not a calendar date; date-dependent checks are skipped"
        );
    }
}
