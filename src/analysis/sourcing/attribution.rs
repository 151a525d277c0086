//! Does a sentence say where its claims come from?

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Sourcing;
use crate::analysis::Context;

/// Cues that a sentence names its source.
static CUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:
            according\ to | cit(?:ing|ed|es)
          | (?:said|says|say|told|tells|tell|reported|reports|reporting|estimated|estimates|found|finds|showed|shows
             |wrote|writes|published|publishes|calculated|counted|recorded|measured|stated|noted|announced|confirmed
             |claimed|claims|added|argued|forecast|forecasts|projected|predicted|posted|warned|explained|testified|tweeted|posted|acknowledged|conceded|insisted)
          | (?:data|figures|statistics|numbers|estimates)\ (?:from|by|released\ by|published\ by|compiled\ by|provided\ by)
          | (?:a|an|the)\ (?:\w+\ ){0,3}(?:survey|study|report|poll|analysis|census|audit|review|tally|count|assessment|estimate|investigation|paper)\ (?:by|from|of|for|at|published)
          | in\ a\ (?:statement|report|letter|briefing|interview|post|filing)
        )(?-u:\b)",
    )
    .expect("attribution cues compile")
});

/// "X’s report", "the ministry's figures".
static POSSESSIVE_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\w['’]s?\s+(?:\w+\s+){0,2}(?:report|study|survey|data|figures|estimates?|analysis|assessment|count|tally|census|poll|findings|statement|vision|plan|proposal|account|records|website|dashboard|registry)(?-u:\b)",
    )
    .expect("possessive cue compiles")
});

/// "per Reuters", "per the ministry".
static PER_SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[Pp]er\s+(?:the\s+\w|\p{Lu})").expect("per cue compiles"));

/// Links and citations: "[1]", "(Source: ...)", a URL.
static CITATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\[\d+\]|\(source:|https?://|\]\(").expect("citation cue compiles"));

/// A sentence that carries on from an attributed one.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:also|additionally|moreover|the\ same\ (?:report|study|survey|data)|(?:the|that|this)\ (?:report|study|survey|data|figures|poll|analysis|census|audit|review)|(?:it|he|she|they)\ (?:found|said|showed|estimated|added|forecast|expects?|projected))(?-u:\b)",
    )
    .expect("continuation cue compiles")
});

/// Whether the sentence `range` of the article (prose and original text,
/// for links) attributes its claims.
pub fn sentence_is_attributed(cx: &Context<'_>, sourcing: &Sourcing, range: Range<usize>) -> bool {
    let prose = &cx.prose()[range.clone()];
    let original = cx.text(range);
    CUES.find_iter(prose).any(|m| m.as_str().contains(' ') || !is_passive(prose, m.start()))
        || POSSESSIVE_SOURCE.is_match(prose)
        || PER_SOURCE.is_match(prose)
        || CITATION.is_match(original)
        || sourcing.extra_attribution().is_some_and(|r| r.is_match(prose))
}

/// Whether a cue verb at `at` is passive ("were later found"), which names
/// no source.
fn is_passive(text: &str, at: usize) -> bool {
    let before: Vec<&str> = text[..at].split_whitespace().rev().take(2).collect();
    before.iter().any(|w| matches!(w.to_lowercase().as_str(), "was" | "were" | "been" | "be" | "is" | "are" | "being"))
}

/// Whether the sentence `range` reads as a continuation of the one before.
pub fn continues_previous(cx: &Context<'_>, range: Range<usize>) -> bool {
    CONTINUATION.is_match(&cx.prose()[range])
}

/// Verbs of saying that introduce or follow a quotation.
static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = crate::analysis::SPEECH_VERBS.join("|");
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:{verbs}|according to|in a statement|wrote on|posted on|put it|continued|remarked)(?-u:\b)"
    ))
    .expect("speech cue compiles")
});

/// "it said", "the ministry said": an organisation speaks (guideline §2).
static ORGANISATION_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:it|the\ \w+)\ (?:said|says|added|stated|noted|wrote)(?-u:\b)")
        .expect("organisation speaker compiles")
});

static PRONOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:he|she|they|i|we|it)(?-u:\b)").expect("pronoun compiles"));

/// Whether the quotation `q` has a speaker: a verb of saying together with
/// a name (a mention, a capitalised name) or a pronoun whose referent is a
/// person named earlier, in the quote's own sentences or the adjacent ones;
/// or a name and a colon introducing it ("Meloni put it bluntly: “...”").
pub fn quotation_has_speaker(cx: &Context<'_>, q: &crate::article::Quotation) -> bool {
    let article = cx.article;
    let sentences = article.sentences();
    let (Some(first), Some(last)) =
        (article.sentence_at(q.range.start), article.sentence_at(q.range.end.saturating_sub(1)))
    else {
        return false;
    };
    let paragraph = sentences[first].paragraph;
    let lo = if first > 0 && sentences[first - 1].paragraph == paragraph { first - 1 } else { first };
    let hi = if last + 1 < sentences.len() && sentences[last + 1].paragraph == paragraph { last + 1 } else { last };
    let person_named_before = cx.mentions.first().is_some_and(|m| m.range.end <= q.range.start)
        || cx.names.unknown.first().is_some_and(|n| n.range.end <= q.range.start)
        || cx.names.first_name_pair_end.is_some_and(|end| end <= q.range.start);
    let unquoted = article.unquoted();
    // A speaker stands near the quotation: look within a window around it,
    // so a paragraph full of quotations costs linear, not quadratic, time.
    let near = q.range.start.saturating_sub(WINDOW)..q.range.end + WINDOW;
    for s in &sentences[lo..=hi] {
        let window = s.range.start.max(near.start)..s.range.end.min(near.end);
        if window.start >= window.end {
            continue;
        }
        let window = crate::position::floor_char_boundary(unquoted, window.start)
            ..crate::position::floor_char_boundary(unquoted, window.end);
        let text = &unquoted[window.clone()];
        if !SPEECH.is_match(text) && !colon_introduction(cx, q, s.range.clone()) {
            continue;
        }
        let has_name = any_inside(cx.mentions, |m| &m.range, &window, &q.range)
            || any_inside(&cx.names.unknown, |n| &n.range, &window, &q.range)
            || capitalised_name_near_verb(text);
        if has_name || (person_named_before && PRONOUN.is_match(text)) || ORGANISATION_SPEAKER.is_match(text) {
            return true;
        }
    }
    continues_previous_paragraph(cx, q, first)
}

/// Whether the quotation opens a paragraph right after a paragraph that
/// ends with speech or a quotation: news style continues a speaker's
/// statement in the next paragraph (guideline §2).
fn continues_previous_paragraph(cx: &Context<'_>, q: &crate::article::Quotation, first: usize) -> bool {
    let sentences = cx.article.sentences();
    let Some(previous) = first.checked_sub(1).map(|k| &sentences[k]) else {
        return false;
    };
    let opens_paragraph = sentences[first].paragraph != previous.paragraph
        && cx.prose()[sentences[first].range.start..q.range.start.max(sentences[first].range.start)].trim().is_empty();
    if !opens_paragraph {
        return false;
    }
    let quotes = cx.article.quotations();
    let k = quotes.partition_point(|o| o.range.end <= previous.range.start);
    let quoted = quotes.get(k).is_some_and(|o| o.range.start < previous.range.end);
    let window = crate::text::tail(cx.prose(), previous.range.end, WINDOW);
    quoted || SPEECH.is_match(window)
}

/// Bytes around a quotation searched for its speaker.
const WINDOW: usize = 400;

/// Whether one of `items` (sorted by range start) lies inside `window` and
/// not inside `quote`: a binary search, then a walk through the window.
fn any_inside<T>(
    items: &[T],
    range: impl Fn(&T) -> &Range<usize>,
    window: &Range<usize>,
    quote: &Range<usize>,
) -> bool {
    let first = items.partition_point(|t| range(t).start < window.start);
    items[first..]
        .iter()
        .map(range)
        .take_while(|r| r.start < window.end)
        .any(|r| contains(window, r) && !contains(quote, r))
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn colon_introduction(cx: &Context<'_>, q: &crate::article::Quotation, sentence: Range<usize>) -> bool {
    // Only the window before the quotation: a sentence with thousands of
    // quotations must not be rescanned from its start for each.
    let end = q.range.start.max(sentence.start);
    let lead = crate::text::tail(cx.prose(), end, WINDOW);
    let lo = (end - lead.len()).max(sentence.start);
    let before = cx.prose()[lo..end].trim_end();
    let first = cx.mentions.partition_point(|m| m.range.start < lo);
    before.ends_with(':')
        && (cx.mentions.get(first).is_some_and(|m| m.range.end <= q.range.start)
            || before.split_whitespace().any(|w| w.chars().next().is_some_and(char::is_uppercase)))
}

/// "Ulyanov remarked", "said Petra Lund": a capitalised word right beside a
/// verb of saying.
fn capitalised_name_near_verb(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| {
        let verb = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        if !crate::analysis::SPEECH_VERBS.contains(&verb.as_str()) {
            return false;
        }
        let is_name = |k: usize| {
            words.get(k).is_some_and(|n| {
                let n = n.trim_matches(|c: char| !c.is_alphabetic());
                n.chars().next().is_some_and(char::is_uppercase) && !crate::analysis::is_not_name_word(n)
            })
        };
        (i > 0 && is_name(i - 1)) || is_name(i + 1)
    })
}
