//! The lexicon's pattern matcher: one automaton over every pattern, or,
//! after an edit of a large registry, the previous version's automaton with
//! its patterns renumbered (or masked) plus a small automaton of the
//! patterns it lacks (see `patch.rs`).
//!
//! Both give the same matches: [`Matcher::next_match`] is, over the union
//! of the live patterns, exactly the leftmost-longest search with a retry
//! inside a match that is not accepted (a masked pattern counts as not
//! accepted), which is what one automaton over the new patterns gives.

use std::ops::Range;
use std::sync::Arc;

use super::Automaton;

/// A pattern of the base automaton that the lexicon no longer has.
pub(super) const MASKED: u32 = u32::MAX;

/// Finds the patterns (a lexicon's forms and term spellings) in a text.
pub enum Matcher {
    /// One automaton; its values are the pattern ids.
    Whole(Arc<Automaton>),
    /// An earlier version's automaton, whose value `v` is pattern
    /// `renumber[v]` of this version ([`MASKED`]: none, or out of range),
    /// and an automaton over this version's patterns that the earlier one
    /// does not reach, whose values are pattern ids.
    Patched {
        /// The earlier version's automaton.
        base: Arc<Automaton>,
        /// Its values to this version's pattern ids.
        renumber: Vec<u32>,
        /// The patterns the base does not reach.
        overlay: Option<Automaton>,
    },
}

/// One automaton of a matcher with its translation of values.
#[derive(Clone, Copy)]
struct Source<'a> {
    automaton: &'a Automaton,
    renumber: Option<&'a [u32]>,
}

impl Source<'_> {
    /// The pattern id of a value, or `None` for a masked one.
    fn id(&self, value: u32) -> Option<u32> {
        match self.renumber {
            None => Some(value),
            Some(renumber) => renumber.get(value as usize).copied().filter(|&id| id != MASKED),
        }
    }

    /// The leftmost-longest raw match in `bytes[range]`, as (start, end,
    /// value) in `bytes`.
    fn leftmost_longest(&self, bytes: &[u8], range: Range<usize>) -> Option<(usize, usize, u32)> {
        let offset = range.start;
        let m = self.automaton.leftmost_find_iter(&bytes[range]).next()?;
        Some((offset + m.start(), offset + m.end(), m.value()))
    }

    /// The first place at or after `at` where one of this source's live
    /// patterns that `accept` takes starts, with the longest such pattern
    /// there: (start, end, pattern id).
    fn next_accepted(
        &self,
        text: &str,
        mut at: usize,
        accept: &impl Fn(usize, usize) -> bool,
    ) -> Option<(usize, usize, u32)> {
        let bytes = text.as_bytes();
        while at < text.len() {
            let first = self.leftmost_longest(bytes, at..text.len())?;
            let mut found = Some(first);
            while let Some((start, end, value)) = found {
                if let Some(id) = self.id(value)
                    && accept(start, end)
                {
                    return Some((start, end, id));
                }
                // The longest shorter pattern starting at the same place:
                // the leftmost-longest match within the refused one, if it
                // starts there (one starting there would be the leftmost).
                found = self.leftmost_longest(bytes, start..end - 1).filter(|&(s, _, _)| s == start);
            }
            at = next_char_boundary(text, first.0);
        }
        None
    }
}

/// The byte offset of the character after the one at `at`.
fn next_char_boundary(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

impl Matcher {
    fn sources(&self) -> [Option<Source<'_>>; 2] {
        match self {
            Matcher::Whole(automaton) => [Some(Source { automaton, renumber: None }), None],
            Matcher::Patched { base, renumber, overlay } => [
                Some(Source { automaton: base, renumber: Some(renumber) }),
                overlay.as_ref().map(|automaton| Source { automaton, renumber: None }),
            ],
        }
    }

    /// Every match in `text` that `accept` (given start and end) takes,
    /// as (start, end, pattern id), in text order: at each place the
    /// longest accepted pattern starting there, the search going on after
    /// its end; where none starts, one character on. Linear in the text:
    /// each automaton's next match is kept until the search passes it.
    pub fn matches(&self, text: &str, accept: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize, u32)> {
        let sources = self.sources();
        // Each source's next accepted match from `at`, once looked for.
        let mut next: [Option<Option<(usize, usize, u32)>>; 2] = [None, None];
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            for (source, next) in sources.iter().zip(&mut next) {
                let Some(source) = source else { continue };
                if next.is_none() || next.is_some_and(|m| m.is_some_and(|(start, _, _)| start < at)) {
                    *next = Some(source.next_accepted(text, at, &accept));
                }
            }
            // Of the two, the leftmost, then the longest: one source's
            // patterns are never the other's, so two cannot be equal.
            let best = next.iter().flatten().flatten().min_by_key(|&&(start, end, _)| (start, std::cmp::Reverse(end)));
            let Some(&(start, end, id)) = best else { break };
            out.push((start, end, id));
            at = end.max(start + 1);
        }
        out
    }

    /// Whether the matcher is patched (an earlier automaton and an overlay).
    pub fn is_patched(&self) -> bool {
        matches!(self, Matcher::Patched { .. })
    }
}
