//! Registered names written with their letters changed in ways an edit
//! distance misjudges: without diacritics ("Olga Sevcikova"), without a
//! hyphen ("Jacob Rees Mogg"), with a capitalised particle ("Bill De
//! Blasio"), and with both words off by a letter ("Grahm Spainer").
//!
//! Each is tried at a capitalised word that is not a mention, over the
//! (at most six) adjacent words from it: a few hash lookups per word.

use super::lists::NAME_PARTICLES;
use super::names::{Cx, NamedInFull, NearMiss, full_name_miss, looks_like_name_word};
use crate::text::normalize::fold_diacritics;

/// The most words of a name tried ("Luiz Inácio Lula da Silva").
const MAX_WORDS: usize = 6;

/// The near-miss starting at token `i` in one of these forms, if any.
pub(super) fn near_form(cx: &Cx<'_>, named: &NamedInFull, i: usize) -> Option<NearMiss> {
    let mut end = i + 1;
    while end < cx.tokens.len() && end - i < MAX_WORDS && cx.adjacent(end - 1) {
        end += 1;
    }
    let variant = |miss: NearMiss| NearMiss { variant: true, ..miss };
    // Only words that start a form with diacritics or hyphens are tried
    // for those (a set lookup, so ordinary words cost nothing more).
    let head = cx.lexicon.may_start_variant(cx.word(i));
    head.then(|| folded(cx, named, i, end))
        .flatten()
        .or_else(|| particle_case(cx, i, end))
        .or_else(|| head.then(|| dropped_hyphen(cx, named, i, end)).flatten())
        .map(variant)
        .or_else(|| two_words_off(cx, i, end))
}

/// The words `i..end` written as registered without diacritics.
fn folded(cx: &Cx<'_>, named: &NamedInFull, i: usize, end: usize) -> Option<NearMiss> {
    for last in (i + 1..=end).rev() {
        let text = words(cx, i, last, " ");
        if !matches!(fold_diacritics(&text), std::borrow::Cow::Borrowed(_)) {
            continue;
        }
        let Some(form_id) = cx.lexicon.form_by_folded(&text) else { continue };
        let form = cx.lexicon.form(form_id);
        if last - i >= 2 {
            if let Some(miss) = full_name_miss(cx, &form.text, i..last) {
                return Some(miss);
            }
        } else if let Some(miss) = named.lone_surname_of(cx, form_id, cx.tokens[i].range.clone()) {
            return Some(miss);
        }
    }
    None
}

/// The words `i..end` as registered with a particle in lowercase ("Bill De
/// Blasio" for "Bill de Blasio").
fn particle_case(cx: &Cx<'_>, i: usize, end: usize) -> Option<NearMiss> {
    let is_particle = |k: usize| {
        let w = cx.word(k);
        looks_like_name_word(w) && NAME_PARTICLES.contains(&w.to_lowercase().as_str())
    };
    if !(i + 1..end).any(is_particle) {
        return None;
    }
    for last in (i + 2..=end).rev() {
        let text: Vec<String> = (i..last)
            .map(|k| if k > i && is_particle(k) { cx.word(k).to_lowercase() } else { cx.word(k).to_string() })
            .collect();
        if let Some(miss) = full_name_miss(cx, &text.join(" "), i..last) {
            return Some(miss);
        }
    }
    None
}

/// The words `i..end` as registered with a hyphen for one of the spaces
/// ("Jacob Rees Mogg" for "Jacob Rees-Mogg"), or two words as the
/// hyphenated surname of someone named before ("Rees Mogg").
fn dropped_hyphen(cx: &Cx<'_>, named: &NamedInFull, i: usize, end: usize) -> Option<NearMiss> {
    for last in (i + 2..=end).rev() {
        for gap in i..last - 1 {
            let text = format!("{}-{}", words(cx, i, gap + 1, " "), words(cx, gap + 1, last, " "));
            if let Some(miss) = full_name_miss(cx, &text, i..last) {
                return Some(miss);
            }
            if last - i == 2
                && let Some(form_id) = cx.lexicon.form_by_text(&text)
            {
                let range = cx.tokens[i].range.start..cx.tokens[i + 1].range.end;
                if let Some(miss) = named.lone_surname_of(cx, form_id, range) {
                    return Some(miss);
                }
            }
        }
    }
    None
}

/// Two adjacent words each a small edit from the two words of a registered
/// full name ("Grahm Spainer" for "Graham Spanier").
fn two_words_off(cx: &Cx<'_>, i: usize, end: usize) -> Option<NearMiss> {
    let j = i + 1;
    if j >= end
        || cx.mention_of[j].is_some()
        || !looks_like_name_word(cx.word(j))
        || cx.lexicon.near().contains(cx.word(i))
        || cx.lexicon.near().contains(cx.word(j))
    {
        return None;
    }
    let seconds = cx.lexicon.near().lookup(cx.word(j));
    if seconds.is_empty() {
        return None;
    }
    for (first, _) in cx.lexicon.near().lookup(cx.word(i)) {
        for (second, _) in &seconds {
            if let Some(miss) = full_name_miss(cx, &format!("{first} {second}"), i..j + 1) {
                return Some(miss);
            }
        }
    }
    None
}

/// Tokens `start..end` joined by `sep`.
fn words(cx: &Cx<'_>, start: usize, end: usize, sep: &str) -> String {
    (start..end).map(|k| cx.word(k)).collect::<Vec<_>>().join(sep)
}
