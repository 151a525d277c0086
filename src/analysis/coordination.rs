//! Names joined to a person's name: the members of a list ("Ada Brill, Tom
//! Oakes and Nell Ashby"), each perhaps with a few words of its own ("Ben
//! Ray with 3,302 and Ivo Stanek with 3,226", "Ada Brill (ankle) and Tom
//! Oakes"). A list of names puts like with like, so a name-shaped run
//! joined to a registered person, or to a person already recognised, is a
//! person too, whatever its words (lists of candidates, players, officials
//! rarely give each member a title or a verb).

use std::ops::Range;

use super::lists::SPEECH_VERBS;
use super::names::{Cx, UnknownName};
use crate::registry::ActorKind;

/// The most words of its own a list member may have between its name and
/// the next conjunction ("with 3,302", "(right ankle)").
const MAX_OWN_WORDS: usize = 4;

/// How far (bytes) on each side of a name a list is looked for.
const WINDOW: usize = 120;

/// Whether the name at `range` is a member of a list with a person's name:
/// "PERSON [own words] and NAME", "PERSON [own words], NAME [own words]
/// and …", or "NAME [own words] and PERSON". `earlier` are the unknown
/// names recognised before it.
pub(super) fn joined_to_person(cx: &Cx<'_>, range: &Range<usize>, earlier: &[UnknownName]) -> bool {
    let after = head(cx.prose, range.end);
    let after_own = skip_own_words_forward(after);
    let before = crate::text::tail(cx.prose, range.start, WINDOW);
    let base = range.start - before.len();
    // A comma alone joins a list only if the list goes on after the name,
    // with a conjunction or another name: "In Lisbon, Ada Brill said" and
    // "Ada Brill, Lisbon Capital chief strategist, said" are no lists.
    let list_goes_on = [" and ", " or ", ", and "].iter().any(|c| after_own.starts_with(c))
        || after_own.strip_prefix(", ").is_some_and(|rest| rest.starts_with(char::is_uppercase));
    let conjunction = [", and ", " and ", " or "].into_iter().find(|c| before.ends_with(c));
    let conjunction = conjunction.or_else(|| (before.ends_with(", ") && list_goes_on).then_some(", "));
    if let Some(conjunction) = conjunction {
        let left = strip_own_words_back(&before[..before.len() - conjunction.len()]);
        if left.is_some_and(|left| person_ends_at(cx, base + left.len(), earlier)) {
            return true;
        }
    }
    let joined =
        ["and ", "or "].into_iter().find_map(|c| after_own.trim_start_matches(',').strip_prefix(' ')?.strip_prefix(c));
    // Every piece is a suffix of `after`, which starts at `range.end`.
    joined.is_some_and(|rest| person_starts_at(cx, range.end + after.len() - rest.len()))
}

/// Up to [`WINDOW`] bytes of `prose` from `at`.
fn head(prose: &str, at: usize) -> &str {
    &prose[at..crate::position::floor_char_boundary(prose, (at + WINDOW).min(prose.len()))]
}

/// A list member's own word: lowercase, a number or a bracketed note,
/// never a clause's end, a verb of saying or the conjunction that joins
/// the members.
fn own_word(word: &str) -> bool {
    let inner = word.trim_matches(['(', ')']);
    let starts_lower_or_digit = inner.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    let punctuation_inside_numbers = inner.char_indices().all(|(i, c)| {
        !matches!(c, ',' | '.') || {
            let digit = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
            i > 0 && digit(&inner[i + 1..]) && inner[..i].ends_with(|c: char| c.is_ascii_digit())
        }
    });
    starts_lower_or_digit
        && punctuation_inside_numbers
        && inner.chars().all(|c| c.is_alphanumeric() || matches!(c, ',' | '.' | '%' | '-'))
        && !SPEECH_VERBS.contains(&inner)
        && !matches!(inner, "and" | "or")
}

/// `text` without the list member's own words at its end, or `None` if it
/// ends in more of them than a list member has.
fn strip_own_words_back(text: &str) -> Option<&str> {
    let mut rest = text;
    for _ in 0..=MAX_OWN_WORDS {
        let word_start = rest.rfind(' ').map_or(0, |i| i + 1);
        if !own_word(&rest[word_start..]) {
            return Some(rest);
        }
        rest = &rest[..word_start.saturating_sub(1)];
    }
    None
}

/// `text` (which starts right after a name) from the end of the name's own
/// words on.
fn skip_own_words_forward(text: &str) -> &str {
    let mut rest = text;
    for _ in 0..MAX_OWN_WORDS {
        let Some(next) = rest.strip_prefix(' ') else { break };
        let end = next.find([' ', '\n']).unwrap_or(next.len());
        // A comma after a word ends the member ("with 3,302, and").
        let word = next[..end].strip_suffix(',').unwrap_or(&next[..end]);
        if !own_word(word) {
            break;
        }
        rest = &next[word.len()..];
    }
    rest
}

fn is_person(cx: &Cx<'_>, m: usize) -> bool {
    cx.mentions[m].actor.is_some_and(|a| cx.registry.actor(a).kind == ActorKind::Person)
}

/// Whether a registered person's mention or an earlier unknown name ends at `end`.
fn person_ends_at(cx: &Cx<'_>, end: usize, earlier: &[UnknownName]) -> bool {
    let m = cx.mentions.partition_point(|m| m.range.end < end);
    (m < cx.mentions.len() && cx.mentions[m].range.end == end && is_person(cx, m))
        || earlier.last().is_some_and(|n| n.range.end == end)
}

/// Whether a registered person's mention starts at `start`.
fn person_starts_at(cx: &Cx<'_>, start: usize) -> bool {
    let m = cx.mentions.partition_point(|m| m.range.start < start);
    m < cx.mentions.len() && cx.mentions[m].range.start == start && is_person(cx, m)
}
