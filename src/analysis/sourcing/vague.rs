//! Attribution that names nobody ("sources say", "officials said" with no
//! agency): what `vague-attribution` flags, and what never counts as the
//! source of a figure.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::Context;

/// The cues, one alternative per line of `data/vague_attribution.txt`.
static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<&str> =
        crate::text::data_entries(include_str!("../../../data/vague_attribution.txt")).collect();
    Regex::new(&format!(r"(?ix)(?-u:\b)(?:{})(?-u:\b)", alternatives.join("\n|"))).expect("vague phrases compile")
});

/// The vague phrases in `range` of the prose (built-in cues and the
/// configured `[sourcing] vague` ones), in order and disjoint. "Officials",
/// "diplomats" and "authorities" right after a named body ("NATO
/// officials", a registered organisation) are not vague.
pub fn vague_phrases(cx: &Context<'_>, range: Range<usize>) -> Vec<Range<usize>> {
    let prose = cx.prose();
    let text = &prose[range.clone()];
    let extra = cx.sourcing.extra_vague().map(|r| r.find_iter(text).collect::<Vec<_>>()).unwrap_or_default();
    let mut ranges: Vec<Range<usize>> =
        VAGUE.find_iter(text).chain(extra).map(|m| range.start + m.start()..range.start + m.end()).collect();
    ranges.sort_by_key(|r| r.start);
    ranges.dedup_by(|b, a| b.start < a.end);
    // "…, asking not to be identified because the talks are private": the
    // article says why its sources cannot be named (guideline §3).
    let anonymity_explained = ANONYMITY_EXPLAINED.is_match(prose);
    // A speaker's own words ("“… the dinosaur it was thought to have
    // been,” he told …") are attributed to the speaker: hearsay inside a
    // quotation is not the article's.
    // A quotation that is no more than the phrase ("citing “people
    // familiar with the matter”") quotes the article's own source label.
    let quoted = |r: &Range<usize>| {
        cx.article.quotation_at(r.start).is_some_and(|q| {
            let inner = prose[q.range.clone()].trim_matches(|c: char| !c.is_alphanumeric()).len();
            r.end <= q.range.end && 2 * r.len() < inner
        })
    };
    ranges.retain(|r| !quoted(r));
    ranges.retain(|r| {
        // The phrase in lower case, read once for every test below.
        let phrase = prose[r.clone()].to_lowercase();
        !reports_a_state(prose, r, &phrase)
            && !polled_by_a_named_compiler(prose, r)
            && !nothing_reported(prose, r, &phrase)
            && !agrees_to_act(prose, r, &phrase)
            && !after_named_body(cx, r, &phrase)
            && !after_possessive(prose, r)
            && !states_consensus(cx, r, &phrase)
            && !(anonymity_explained && names_anonymous_sources(&phrase))
    });
    ranges
}

/// Why sources are not named: "spoke on condition of anonymity", "asking
/// not to be identified", "not authorised to speak", "sought anonymity".
static ANONYMITY_EXPLAINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:anonymity|not\s+to\s+be\s+(?:identified|named)|not\s+authori[sz]ed\s+to\s+(?:speak|discuss|disclose|comment)|lack\s+of\s+authori[sz]ation)(?-u:\b)",
    )
    .expect("anonymity compiles")
});

/// "a car that had been reported stolen", "20 villagers feared killed":
/// the participle says what was reported or feared of someone, and
/// attributes no claim.
fn reports_a_state(prose: &str, range: &Range<usize>, phrase: &str) -> bool {
    (phrase.ends_with("reported") || phrase.ends_with("feared"))
        && crate::text::head(prose, range.end, 16).split_whitespace().next().is_some_and(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "stolen" | "missing" | "lost" | "dead" | "killed" | "drowned" | "trapped" | "buried"
            )
        })
}

/// "Oil producers agreed on Sunday to extend output cuts", "Farmers agreed
/// to end the blockade": agreeing to do something is an act, not a source.
fn agrees_to_act(prose: &str, range: &Range<usize>, phrase: &str) -> bool {
    if !(phrase.ends_with("agree") || phrase.ends_with("agreed")) {
        return false;
    }
    let after: Vec<&str> = crate::text::head(prose, range.end, 40).split_whitespace().take(4).collect();
    // "to" at once, or after a time ("on Sunday to", "last week to").
    after.first() == Some(&"to") || (after.len() >= 3 && after[2] == "to" && matches!(after[0], "on" | "last" | "this"))
}

/// "where no faults had been reported": a passive that says nothing was
/// reported attributes nothing.
fn nothing_reported(prose: &str, range: &Range<usize>, phrase: &str) -> bool {
    phrase.ends_with("been reported")
        && crate::text::tail(prose, range.start, 32)
            .split_whitespace()
            .rev()
            .take(3)
            .any(|w| matches!(w.to_lowercase().as_str(), "no" | "none" | "not" | "nothing"))
}

/// "a forecast by analysts polled by Thomson Reuters", "forecast by
/// analysts in a Bloomberg poll": the analysts are a poll whose compiler is
/// named, not an unnamed source.
fn polled_by_a_named_compiler(prose: &str, range: &Range<usize>) -> bool {
    static IN_A_POLL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:polled|surveyed)\s+by|^in\s+an?\s+(?:\p{Lu}[\p{L}&.-]*\s+){1,3}(?:poll|survey)")
            .expect("poll compiles")
    });
    IN_A_POLL.is_match(crate::text::head(prose, range.end, 48).trim_start())
}

/// Whether a vague phrase (`lower`, in lower case) is about anonymous
/// sources ("the sources said", "people familiar with"), whose anonymity an
/// article can explain.
fn names_anonymous_sources(lower: &str) -> bool {
    lower.contains("source") || lower.contains("familiar with") || lower.contains("people said")
}

/// Whether a phrase of expectation ("analysts expected") is followed in its
/// clause by a figure ("… a profit of 30 cents a share"): the analysts'
/// consensus, which the guideline leaves borderline, not a vague source.
fn states_consensus(cx: &Context<'_>, range: &Range<usize>, phrase: &str) -> bool {
    let prose = cx.prose();
    let expectation = ["expect", "expects", "expected", "expecting", "predict", "predicts", "predicted", "forecasting"]
        .iter()
        .any(|verb| phrase.ends_with(verb));
    // Only forecasters have a consensus; "players expect exports to reach
    // 640,000 tonnes" is hearsay with a figure.
    let forecasters = ["analysts", "economists"].iter().any(|who| phrase.contains(who));
    if !expectation || !forecasters {
        return false;
    }
    // The clause: up to its end, and no more than a line's worth of text.
    // A year ("in the first quarter of 2023") is no figure.
    let rest = crate::text::head(prose, range.end, 160);
    let clause = rest.split(['.', ';', '\n']).next().unwrap_or("");
    !super::numbers::statistics(clause, 0, cx.sourcing).is_empty()
}

/// "children seeing their parents argue": a group someone has is who the
/// clause is about, not a source.
fn after_possessive(prose: &str, range: &Range<usize>) -> bool {
    let before = crate::text::tail(prose, range.start, 8);
    let last = before.split_whitespace().next_back().unwrap_or("").to_lowercase();
    before.ends_with(' ') && matches!(last.as_str(), "their" | "his" | "her" | "my" | "our" | "your" | "its")
}

/// Whether a phrase opening with "officials", "diplomats" or
/// "authorities" follows the body they speak for ("NATO officials", a
/// registered body) or the office's holder ("sheriff’s officials").
fn after_named_body(cx: &Context<'_>, range: &Range<usize>, phrase: &str) -> bool {
    let prose = cx.prose();
    if !["officials", "diplomats", "authorities"].iter().any(|w| phrase.starts_with(w)) {
        return false;
    }
    let before = crate::text::tail(prose, range.start, 64);
    // "(H5N1), officials said": punctuation between ends any name.
    before.split_whitespace().next_back().filter(|w| !w.ends_with([',', ')', ';', ':', '.'])).is_some_and(|w| {
        // "sheriff’s officials": the office named by its holder's title.
        let office = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .is_some_and(|holder| crate::analysis::is_title_word_lowercase(&holder.to_lowercase()));
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let acronym = w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        // A registered body right before ("NATO officials"): the last
        // mention starting before the phrase, found by binary search, and
        // only white space between.
        let k = cx.mentions.partition_point(|m| m.range.start < range.start);
        let body_before = k > 0 && {
            let m = &cx.mentions[k - 1];
            m.range.end <= range.start && prose[m.range.end..range.start].trim().is_empty()
        };
        office || acronym || body_before
    })
}
