//! The words around a name that give its bearer a title.
//!
//! Before the name, from the name outwards: honorifics and ranks ("Sir",
//! "Lt. Gen."), one of the actor's registered role forms ("U.S. President"),
//! and a modifier ("former", "ex-", "then-"). After the name, an apposition:
//! ", a former U.K. Defence Secretary", ", Trump’s envoy". Only the actor's
//! own role forms count, longest first, so a title is never guessed.

use std::ops::Range;

use super::Mention;
use crate::registry::Registry;

/// Honorifics and ranks that may stand before a name, longest first within
/// each family so that "Lt. Gen." wins over "Gen.".
pub const HONORIFICS: &[&str] = &[
    "Lt. Gen.",
    "Maj. Gen.",
    "Brig. Gen.",
    "Lt. Col.",
    "Vice Adm.",
    "Rear Adm.",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Baroness",
    "Baron",
    "Dr.",
    "Dr",
    "Prof.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Mx.",
    "Gen.",
    "Col.",
    "Maj.",
    "Capt.",
    "Lt.",
    "Sgt.",
    "Cpl.",
    "Adm.",
    "Cmdr.",
    "Rev.",
    "Fr.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Hon.",
    "Rabbi",
    "Imam",
    "Sheikh",
    "Prophet",
    "Apostle",
    // Malaysian and Bruneian honours, before the name they precede
    // ("Prime Minister Datuk Seri Anwar Ibrahim").
    "Datuk Seri",
    "Dato' Sri",
    "Dato’ Sri",
    "Tan Sri",
    "Puan Sri",
    "Datuk",
    "Dato'",
    "Dato’",
    "Datin",
    "Tun",
    "General",
    "Admiral",
    "Colonel",
    "Captain",
];

/// A word before a title that changes which time it refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    /// "former", "ex-": the role is over.
    Former,
    /// "then-": the role as it was at the time of the events told.
    Then,
}

/// Where a title stands relative to the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// "President Volodymyr Zelenskyy".
    Before,
    /// "Ben Wallace, a former Defence Secretary".
    Apposition,
}

/// A registered role form written beside a mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleUse {
    /// Byte range of the role form as written.
    pub form: Range<usize>,
    /// The modifier and its byte range, if any.
    pub modifier: Option<(Modifier, Range<usize>)>,
    /// Before the name or in apposition.
    pub placement: Placement,
    /// The registered role form an abbreviation stands for ("Governor" for
    /// "Gov."); `None` when the form is written out.
    pub abbreviates: Option<String>,
}

impl TitleUse {
    /// The whole title phrase, modifier included.
    pub fn range(&self) -> Range<usize> {
        match &self.modifier {
            Some((_, m)) => m.start.min(self.form.start)..self.form.end.max(m.end),
            None => self.form.clone(),
        }
    }
}

/// Sets `mention.prefix` and `mention.title` from the text around it.
pub(super) fn attach(prose: &str, registry: &Registry, mention: &mut Mention) {
    let forms: Vec<&str> = match mention.actor {
        Some(actor) => {
            let mut forms: Vec<&str> =
                registry.actor(actor).roles.iter().flat_map(|r| &r.forms).map(String::as_str).collect();
            forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
            forms.dedup();
            forms
        }
        None => Vec::new(),
    };

    let mut start = mention.range.start;
    // The honorifics, nearest the name first.
    let mut honorifics: Vec<Range<usize>> = Vec::new();
    while let Some(h) = before_word(prose, start, HONORIFICS.iter().copied(), true) {
        start = h.start;
        honorifics.push(h);
    }
    if let Some(form) = before_word(prose, start, forms.iter().copied(), false)
        && !preceded_by_title_word(prose, form.start)
    {
        start = form.start;
        let modifier = modifier_before(prose, form.start);
        if let Some((_, range)) = &modifier {
            start = range.start;
        }
        mention.title = Some(TitleUse { form, modifier, placement: Placement::Before, abbreviates: None });
    } else if let Some(title) = abbreviated_title(prose, &honorifics, &forms) {
        start = start.min(title.range().start);
        mention.title = Some(title);
    }
    mention.prefix = start..if start < mention.range.start { mention.range.start } else { start };
    if mention.title.is_none() {
        mention.title = apposition(prose, mention.range.end, &forms);
    }
}

/// Abbreviated titles and the titles they stand for, from
/// `data/title_abbreviations.txt`.
fn abbreviations() -> &'static [(&'static str, &'static str)] {
    static TABLE: std::sync::LazyLock<Vec<(&str, &str)>> = std::sync::LazyLock::new(|| {
        include_str!("../../data/title_abbreviations.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    });
    &TABLE
}

/// The abbreviation among the honorifics before a name (nearest first) that
/// stands for one of the actor's role forms: "former Gov. Earl Ray Tomblin"
/// when a role form is "Governor". Two honorifics are read together first
/// ("Lt. Gov." is not "Governor").
fn abbreviated_title(prose: &str, honorifics: &[Range<usize>], forms: &[&str]) -> Option<TitleUse> {
    let nearest = honorifics.first()?;
    let pair = honorifics.get(1).map(|h| h.start..nearest.end);
    for range in pair.into_iter().chain(std::iter::once(nearest.clone())) {
        let written = &prose[range.clone()];
        // Registered as it is written ("Gov." among the role forms), or
        // standing for a registered form.
        let abbreviates = if forms.iter().any(|f| f.eq_ignore_ascii_case(written)) {
            None
        } else {
            let Some((_, full)) = abbreviations().iter().find(|(short, _)| *short == written) else { continue };
            // A known abbreviation that is not this actor's title: nothing to check.
            Some(forms.iter().find(|f| f.eq_ignore_ascii_case(full))?.to_string())
        };
        let modifier = modifier_before(prose, range.start);
        return Some(TitleUse { form: range, modifier, placement: Placement::Before, abbreviates });
    }
    None
}

/// If the text before `at` ends with one of `words` (followed by one space),
/// the range of that word. Role forms compare without regard to ASCII case.
fn before_word<'a>(
    prose: &str,
    at: usize,
    words: impl Iterator<Item = &'a str>,
    exact_case: bool,
) -> Option<Range<usize>> {
    let before = &prose[..at];
    let trimmed = before.strip_suffix(' ').or_else(|| before.strip_suffix('\u{a0}'))?;
    let last = trimmed.as_bytes().last()?.to_ascii_lowercase();
    for word in words {
        // Most words end differently: a byte comparison rules them out.
        if word.as_bytes().last().map(u8::to_ascii_lowercase) != Some(last) {
            continue;
        }
        if trimmed.len() < word.len() || !trimmed.is_char_boundary(trimmed.len() - word.len()) {
            continue;
        }
        let start = trimmed.len() - word.len();
        let candidate = &trimmed[start..];
        let same = if exact_case { candidate == word } else { candidate.eq_ignore_ascii_case(word) };
        let bounded = !trimmed[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '.');
        if same && bounded {
            return Some(start..trimmed.len());
        }
    }
    None
}

/// Whether a capitalised word that is not a modifier stands right before a
/// title at `at` ("Vice President"): then the title is a longer one the
/// registry does not know, and nothing should be concluded from it.
fn preceded_by_title_word(prose: &str, at: usize) -> bool {
    let before = &prose[..at];
    if before.ends_with('-') {
        return modifier_before(prose, at).is_none();
    }
    let trimmed = before.trim_end_matches(' ');
    let word_start =
        trimmed.char_indices().rev().take_while(|(_, c)| c.is_alphanumeric()).last().map_or(trimmed.len(), |(i, _)| i);
    let word = &trimmed[word_start..];
    word.chars().next().is_some_and(char::is_uppercase) && !matches!(word, "Former" | "The" | "A" | "An")
}

fn modifier_before(prose: &str, at: usize) -> Option<(Modifier, Range<usize>)> {
    let before = &prose[..at];
    for (word, modifier) in
        [("ex-", Modifier::Former), ("Ex-", Modifier::Former), ("then-", Modifier::Then), ("Then-", Modifier::Then)]
    {
        if let Some(rest) = before.strip_suffix(word)
            && !rest.chars().next_back().is_some_and(char::is_alphanumeric)
        {
            return Some((modifier, rest.len()..at));
        }
    }
    let words = [("former", Modifier::Former), ("Former", Modifier::Former), ("then", Modifier::Then)];
    let range = before_word(prose, at, words.iter().map(|(w, _)| *w), true)?;
    let modifier = words.iter().find(|(w, _)| *w == &prose[range.clone()]).map(|(_, m)| *m)?;
    Some((modifier, range.start..at))
}

/// A role form in apposition right after the name: ", a former X", ", the
/// X", ", Trump’s X".
fn apposition(prose: &str, end: usize, forms: &[&str]) -> Option<TitleUse> {
    if forms.is_empty() {
        return None;
    }
    let rest = prose[end..].strip_prefix(", ")?;
    let mut at = end + 2;
    let first_word_len = rest.find(' ')?;
    let first_word = &rest[..first_word_len];
    let is_determiner = matches!(first_word, "a" | "an" | "the" | "his" | "her" | "its" | "their")
        || first_word.ends_with("’s")
        || first_word.ends_with("'s");
    if is_determiner {
        at += first_word_len + 1;
    }
    let mut modifier = None;
    for (word, m) in [("former ", Modifier::Former), ("ex-", Modifier::Former), ("then-", Modifier::Then)] {
        if prose[at..].starts_with(word) {
            modifier = Some((m, at..at + word.trim_end().len()));
            at += word.len();
            break;
        }
    }
    for form in forms {
        let Some(candidate) = prose.get(at..at + form.len()) else { continue };
        let bounded = !prose[at + form.len()..].chars().next().is_some_and(char::is_alphanumeric);
        if candidate.eq_ignore_ascii_case(form) && bounded {
            return Some(TitleUse {
                form: at..at + form.len(),
                modifier,
                placement: Placement::Apposition,
                abbreviates: None,
            });
        }
    }
    None
}
