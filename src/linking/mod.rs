//! Linking: finding every mention of a registered actor in an article.
//!
//! One leftmost-longest pass of the lexicon's automaton over the article's
//! normalised prose finds the surface forms that sit on word boundaries; of
//! overlapping ones the leftmost-longest wins ("Volodymyr Zelenskyy" over
//! "Zelenskyy"). Matching is case-sensitive.
//! A shared surname or alias is resolved by the most recent earlier full
//! mention of one of its actors in the same article; otherwise it stays
//! ambiguous. Each mention then gets its title context: the honorific, role
//! form and "former"/"ex-" before it, or a role in apposition after it.

mod title;

use std::ops::Range;

use crate::lexicon::{FormId, FormKind, Lexicon};
use crate::registry::{ActorIdx, Registry};
use crate::text::normalize::MatchText;
pub use title::{HONORIFICS, Modifier, Placement, TitleUse};

/// One mention of a registered actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the name as written (no title, no possessive).
    pub range: Range<usize>,
    /// The surface form matched.
    pub form: FormId,
    /// How the form relates to the resolved actor (or to the candidates).
    pub kind: FormKind,
    /// The actor, when the mention is unambiguous or resolved. When it is
    /// `None`, the form is shared and `Lexicon::form(form).actors()` lists
    /// who it could be (not copied here: a common surname in a large
    /// registry has hundreds of bearers).
    pub actor: Option<ActorIdx>,
    /// Text before the name that belongs to it: honorifics, a role form,
    /// "former". Empty when there is none.
    pub prefix: Range<usize>,
    /// The role written before or after the name, if it is one of the
    /// actor's registered role forms.
    pub title: Option<TitleUse>,
}

impl Mention {
    /// Whether the mention is a surname alone.
    pub fn is_surname(&self) -> bool {
        matches!(self.kind, FormKind::Surname | FormKind::VariantSurname)
    }
}

/// A house-style term's avoided spelling found in the prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermUse {
    /// Byte range of the spelling as written.
    pub range: Range<usize>,
    /// Index of the term in `Registry::terms`.
    pub term: u32,
}

/// Finds the mentions in `prose` (an article's prose view).
pub fn link(prose: &str, registry: &Registry, lexicon: &Lexicon) -> Vec<Mention> {
    link_with_terms(prose, registry, lexicon).0
}

/// [`link`], and the house-style terms' avoided spellings found in the same
/// automaton pass.
pub fn link_with_terms(prose: &str, registry: &Registry, lexicon: &Lexicon) -> (Vec<Mention>, Vec<TermUse>) {
    let Some(matcher) = lexicon.matcher() else { return (Vec::new(), Vec::new()) };
    let normalized = MatchText::new(prose);
    let haystack = normalized.text.as_str();

    let mut mentions = Vec::new();
    let mut terms = Vec::new();
    // Of the forms at a place, the longest that is a whole word sequence
    // ("Ana" in "Ana Ruizes", whose longest form "Ana Ruiz" is not).
    for (start, end, form_id) in matcher.matches(haystack, |start, end| on_word_boundaries(haystack, start, end)) {
        let range = normalized.original_range(start..end);
        if let Some(pattern) = lexicon.term_pattern(form_id) {
            terms.push(TermUse { range, term: pattern.term });
            continue;
        }
        let form = lexicon.form(form_id);
        let (actor, kind) = match form.unique_actor() {
            Some(actor) => (Some(actor), form.kind_for(actor).unwrap_or(FormKind::Name)),
            None => (None, form.targets[0].kind),
        };
        mentions.push(Mention { range, form: form_id, kind, actor, prefix: 0..0, title: None });
    }

    resolve_shared_forms(&mut mentions, lexicon);
    for mention in &mut mentions {
        title::attach(prose, registry, mention);
    }
    (mentions, terms)
}

/// Resolves each ambiguous mention to the candidate fully mentioned most
/// recently before it, if any.
// Indexing, not iterating: each step reads earlier mentions and updates the current one.
#[allow(clippy::needless_range_loop)]
fn resolve_shared_forms(mentions: &mut [Mention], lexicon: &Lexicon) {
    let mut last_full: Vec<(ActorIdx, usize)> = Vec::new();
    for i in 0..mentions.len() {
        if let Some(actor) = mentions[i].actor {
            if mentions[i].kind.is_full() {
                last_full.retain(|&(a, _)| a != actor);
                last_full.push((actor, i));
            }
            continue;
        }
        let form = lexicon.form(mentions[i].form);
        let resolved = last_full.iter().rev().find_map(|&(a, _)| form.kind_for(a).map(|kind| (a, kind)));
        if let Some((actor, kind)) = resolved {
            let mention = &mut mentions[i];
            mention.actor = Some(actor);
            mention.kind = kind;
        }
    }
}

/// Whether `text[start..end]` is a whole word sequence: not preceded by a
/// letter or digit (nor by an apostrophe inside a word, as in "O'Brien"),
/// and not followed by one.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let starts_ok = match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('\'') => !before.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    };
    starts_ok && !text[end..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;
