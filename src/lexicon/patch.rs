//! Reusing an earlier lexicon's automaton for a new registry version.
//!
//! Building the automaton is most of the time a large registry takes to
//! compile (3.6 s of 6.6 s at a million actors), and an edit of a few actors
//! changes a handful of its 1.2 million patterns. So a new version can take
//! the earlier version's automaton as it is, renumber its values to the new
//! version's pattern ids (masking the patterns that are gone), and build a
//! second, small automaton over the new patterns it does not reach
//! ([`Matcher::Patched`]). Everything else in the lexicon is built afresh,
//! so form ids, targets and indexes are those a full build gives; the
//! matcher's search gives the same matches (see `matcher.rs`).

use std::sync::Arc;

use daachorse::{DoubleArrayAhoCorasickBuilder, MatchKind};
use rayon::prelude::*;

use super::matcher::{MASKED, Matcher};
use rustc_hash::FxHashMap as HashMap;

use super::{Automaton, Form, FormId, Lexicon, TermPattern};

/// A patch is worth it while the patterns the earlier automaton lacks, and
/// those it has that are gone, stay under this share (1/n) of the
/// patterns: beyond it, a whole automaton is built.
pub(super) const WORTH_IT: usize = 8;

/// The matcher of a new version with these `forms`, `term_patterns` and
/// lookup of forms by text, from the automaton of `base`; `None` when a
/// whole automaton is the better choice (no earlier automaton, or more
/// than 1/`share` of the patterns changed; `share` 0: patch always).
pub(super) fn patched_matcher(
    base: &Lexicon,
    share: usize,
    forms: &[Form],
    term_patterns: &[TermPattern],
    by_text: &HashMap<String, FormId>,
) -> Option<Matcher> {
    let terms: HashMap<&str, u32> =
        term_patterns.iter().enumerate().map(|(i, t)| (t.text.as_str(), (forms.len() + i) as u32)).collect();
    let id_of = |text: &str| by_text.get(text).or_else(|| terms.get(text)).copied();
    let text_of = |id: u32| match (id as usize).checked_sub(forms.len()) {
        None => forms[id as usize].text.as_str(),
        Some(term) => term_patterns[term].text.as_str(),
    };
    let patterns = forms.len() + term_patterns.len();
    let (automaton, earlier): (&Arc<Automaton>, Option<&[u32]>) = match base.matcher.as_ref()? {
        Matcher::Whole(automaton) => (automaton, None),
        Matcher::Patched { base, renumber, .. } => (base, Some(renumber)),
    };
    let values = earlier.map_or_else(|| base.pattern_count(), <[u32]>::len);
    // Value → the base lexicon's pattern → its text → the new id.
    let renumber: Vec<u32> = (0..values)
        .into_par_iter()
        .map(|value| {
            let old = earlier.map_or(value as u32, |r| r[value]);
            if old == MASKED {
                return MASKED;
            }
            base.pattern_text(old).and_then(id_of).unwrap_or(MASKED)
        })
        .collect();
    let mut reached = vec![false; patterns];
    let mut masked = 0;
    for &id in &renumber {
        match reached.get_mut(id as usize) {
            Some(seen) => *seen = true,
            None => masked += 1,
        }
    }
    let missing: Vec<u32> = (0..patterns as u32).filter(|&id| !reached[id as usize]).collect();
    // The same patterns under the same ids (an edit of roles, dates or
    // descriptions only, or none): the earlier automaton is this version's
    // whole automaton, shared as it is.
    if missing.is_empty() && masked == 0 && renumber.iter().enumerate().all(|(value, &id)| id as usize == value) {
        return Some(Matcher::Whole(automaton.clone()));
    }
    if share > 0 && (missing.len() + masked) * share > patterns.max(values) {
        return None;
    }
    let overlay = (!missing.is_empty()).then(|| {
        DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(missing.iter().map(|&id| (text_of(id).as_bytes(), id)))
            .expect("patterns are distinct, non-empty and within the automaton's limits")
    });
    Some(Matcher::Patched { base: automaton.clone(), renumber, overlay })
}
