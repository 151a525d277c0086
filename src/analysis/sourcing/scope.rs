//! The scope of attribution beyond a figure's own sentence (guideline §1.2
//! and §1.3): the next sentence of the paragraph naming the source ("This
//! was announced by …"), the article's subject reporting its own figures in
//! the lead, and sentences that report the observable record of the event
//! itself. Also the grouping of figures into claims (§1.5). Word lists are
//! data files under `data/`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::numbers::Statistic;

/// Compiles a data file of one word or phrase per line (`#` comments) into
/// one case-insensitive, word-bounded alternation.
fn word_list(data: &str) -> Regex {
    let words: Vec<String> =
        data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(regex::escape).collect();
    Regex::new(&format!(r"(?i)(?:^|[^\w&])(?:{})(?:$|[^\w&])", words.join("|"))).expect("word list compiles")
}

static EVENT_RECORD: LazyLock<Regex> = LazyLock::new(|| word_list(include_str!("../../../data/event_record.txt")));
static SUBJECT_TERMS: LazyLock<Regex> =
    LazyLock::new(|| word_list(include_str!("../../../data/lead_subject_terms.txt")));

/// A score ("7-6", "6-1 lead", "61-39"): a match or tally being reported.
static SCORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)\d{1,2}-\d{1,2}(?-u:\b)").expect("score"));

/// A sentence that names the source of the sentence before it.
static BACKWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:this|that|these|the\ (?:figures?|results?|data|numbers?))\s+(?:was|were|is|are|has\ been|have\ been)\s+(?:announced|reported|published|confirmed|released|stated|disclosed)\s+by(?-u:\b)",
    )
    .expect("backward cue compiles")
});

/// A lead whose subject reports or decides something itself ("Cisco
/// reported", "The central bank raised its rate").
static LEAD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:reported|reports|posted|posts|announced|announces|raised|raises|increased|increases|cut|cuts|lowered|forecast|forecasts|said|says|recorded|records|confirmed|beat|beats)(?-u:\b)",
    )
    .expect("lead verb compiles")
});

/// Whether the sentence reports the observable record of the event itself:
/// market moves, tallies, scores, verdicts.
pub fn is_event_record(sentence: &str) -> bool {
    EVENT_RECORD.is_match(sentence) || SCORE.is_match(sentence)
}

/// A lead that reports an event with a public record: a result, a vote, a
/// verdict, a market session.
static EVENT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:elections?|won|wins|win|winning|defeated|beat|beats|verdict|sentenced|sentences|trial|final|champion|stocks|shares|markets?|index|votes?|seats)(?-u:\b)",
    )
    .expect("event lead compiles")
});

/// Whether the lead reports an event whose record needs no source.
pub fn lead_reports_event(lead: &str) -> bool {
    is_event_record(lead) || EVENT_LEAD.is_match(lead)
}

/// Whether `next` (the following sentence of the same paragraph) names the
/// source of the sentence before it.
pub fn names_source_of_previous(next: &str) -> bool {
    BACKWARD.is_match(next)
}

/// Whether the lead makes the article's subject the source of its own
/// figures.
pub fn lead_names_subject(lead: &str) -> bool {
    LEAD_VERB.is_match(lead)
}

/// Whether the sentence is about the subject's own results (profit, rate,
/// cases, budget).
pub fn about_subject_results(sentence: &str) -> bool {
    SUBJECT_TERMS.is_match(sentence)
}

/// Joins figures that make one claim: a range ("5% to 5.25%", "between 12
/// and 17 per cent"), a conversion ("$1.9 billion (€1.38 billion)"), a
/// restatement ("166.64, or 1.1%", "…, or 31 cents per share"). `text` is
/// the prose the ranges index.
pub fn group_claims(text: &str, stats: Vec<Statistic>) -> Vec<Range<usize>> {
    let mut claims: Vec<Range<usize>> = Vec::new();
    for stat in stats {
        if let Some(last) = claims.last_mut()
            && (stat.range.start < last.end || joins(text.get(last.end..stat.range.start).unwrap_or("x")))
        {
            last.end = stat.range.end.max(last.end);
            continue;
        }
        claims.push(stat.range);
    }
    claims
}

/// Whether the text between two figures joins them into one claim.
fn joins(gap: &str) -> bool {
    if gap.len() > 24 {
        return false;
    }
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '–' | '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let bracket = gap.contains('(');
    match words.as_slice() {
        [] => bracket || gap.trim().is_empty() && gap.contains(['–', '-']),
        ["to"] | ["and"] | ["or"] => true,
        ["per", "share", "or"] | ["a", "share", "or"] => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(text: &str) -> Vec<&str> {
        let stats = super::super::numbers::statistics(text, 0, &super::super::Sourcing::new(Default::default()));
        group_claims(text, stats).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn ranges_conversions_and_restatements_are_one_claim() {
        assert_eq!(group("Growth of 13 per cent to 16 per cent."), ["13 per cent to 16 per cent"]);
        assert_eq!(
            group("Profit rose to $1.9 billion (€1.38 billion), or 31 cents per share."),
            ["$1.9 billion (€1.38 billion), or 31 cents"]
        );
        assert_eq!(group("Sales were US$377 million."), ["US$377 million"]);
        assert_eq!(group("It cost 40 boats and then 12 ferries sank."), ["40 boats", "12 ferries sank"]);
    }

    #[test]
    fn scope_cues() {
        assert!(names_source_of_previous("This was announced by the election commission."));
        assert!(!names_source_of_previous("This was a surprise."));
        assert!(is_event_record("The index fell 1.2% to 3,567.79."));
        assert!(is_event_record("He won 7-6 6-4."));
        assert!(!is_event_record("Some 300 families were moved."));
        assert!(lead_names_subject("Cisco reported a profit on Wednesday."));
        assert!(about_subject_results("Revenue rose 12%."));
    }
}
