//! Anchors: a span of an article recorded by its text, the text around it
//! and where it was, so that it is found again after edits elsewhere.
//!
//! An anchor matches where the article has its text with its `before`
//! text right before and its `after` text right after. Of several such
//! places, the one nearest the recorded offset wins; when none is left
//! (an edit touched one side of the span), a place with one of the two
//! contexts does, if that context has at least [`STRONG_CHARS`]
//! characters. Otherwise the anchor is stale. The search is one
//! left-to-right pass over the article for the anchor's text
//! (non-overlapping occurrences, so the pass is linear however often the
//! text repeats), each occurrence costing a bounded comparison of the
//! context; an anchor still at its place, or moved by the same amount as
//! the previous one (an edit above both), is found without a pass.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Characters of context recorded on each side of a span.
pub const CONTEXT_CHARS: usize = 24;

/// A context shorter than this (the span was near the start or end of
/// the article) does not find a span alone.
pub const STRONG_CHARS: usize = 8;

/// Whether `context` is long enough to find a span alone.
fn strong(context: &str) -> bool {
    context.chars().nth(STRONG_CHARS - 1).is_some()
}

/// A span anchored by its text and context.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// Up to [`CONTEXT_CHARS`] characters before the span (fewer at the
    /// start of the article).
    #[serde(default)]
    pub before: String,
    /// The span's text.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] characters after the span.
    #[serde(default)]
    pub after: String,
    /// Byte offset of the span when it was recorded.
    #[serde(default)]
    pub offset: usize,
}

impl Anchor {
    /// The anchor of `range` in `text`.
    pub fn of(text: &str, range: Range<usize>) -> Anchor {
        let before_start = text[..range.start].char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
        let after_end = text[range.end..].char_indices().nth(CONTEXT_CHARS).map_or(text.len(), |(i, _)| range.end + i);
        Anchor {
            before: text[before_start..range.start].to_string(),
            text: text[range.clone()].to_string(),
            after: text[range.end..after_end].to_string(),
            offset: range.start,
        }
    }

    /// How well the anchor matches at byte `at` of `text`: `None` when its
    /// text is not there; 2 when both contexts are; 1 when one context of
    /// at least [`STRONG_CHARS`] characters is (an edit touched the other
    /// side); else 0.
    fn fit_at(&self, text: &str, at: usize) -> Option<u8> {
        let end = at + self.text.len();
        if text.get(at..end) != Some(self.text.as_str()) {
            return None;
        }
        let before = text.get(..at).is_some_and(|b| b.ends_with(&self.before));
        let after = text.get(end..).is_some_and(|a| a.starts_with(&self.after));
        Some(match (before, after) {
            (true, true) => 2,
            _ if (before && strong(&self.before)) || (after && strong(&self.after)) => 1,
            _ => 0,
        })
    }

    /// Where the anchor is in `text`: its place if it still matches there,
    /// else `at + shift` if it matches there, else the place where its
    /// text is with both contexts nearest its offset, else (an edit touched
    /// one side) the nearest with one of them.
    pub fn resolve(&self, text: &str, shift: isize) -> Option<Range<usize>> {
        let len = self.text.len();
        if self.fit_at(text, self.offset) == Some(2) {
            return Some(self.offset..self.offset + len);
        }
        if let Some(moved) = self.offset.checked_add_signed(shift)
            && self.fit_at(text, moved) == Some(2)
        {
            return Some(moved..moved + len);
        }
        // (fit, place), best first: more context, then nearer.
        let mut best: Option<(u8, usize)> = None;
        for (at, _) in text.match_indices(self.text.as_str()) {
            let fit = self.fit_at(text, at).unwrap_or(0);
            let better =
                best.is_none_or(|(f, b)| fit > f || (fit == f && at.abs_diff(self.offset) < b.abs_diff(self.offset)));
            if fit > 0 && better {
                best = Some((fit, at));
            }
            if at > self.offset && best.is_some_and(|(f, _)| f == 2) {
                // Later places are only farther.
                break;
            }
        }
        best.map(|(_, at)| at..at + len)
    }
}

/// Resolves every anchor of `anchors` in `text`, in order: `None` for an
/// anchor that no longer matches. An anchor's move is tried on the next
/// one first.
pub fn resolve_all<'a>(text: &str, anchors: impl IntoIterator<Item = &'a Anchor>) -> Vec<Option<Range<usize>>> {
    let mut shift = 0isize;
    anchors
        .into_iter()
        .map(|anchor| {
            let found = anchor.resolve(text, shift);
            if let Some(range) = &found {
                shift = range.start as isize - anchor.offset as isize;
            }
            found
        })
        .collect()
}
