//! Figures that make one claim (guideline §1.5: "one claim is one span"):
//! a range, a conversion, a restatement, a figure and its change, a count
//! and its members, one group counted two ways.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::numbers::Statistic;

/// Joins figures that make one claim: a range ("5% to 5.25%", "between 12
/// and 17 per cent"), a conversion ("$1.9 billion (€1.38 billion)"), a
/// restatement ("166.64, or 1.1%", "…, or 31 cents per share"), a hedged
/// second estimate ("hundreds (maybe thousands)"). `text` is
/// the prose the ranges index.
pub fn group_claims(text: &str, stats: Vec<Statistic>, casualties: bool) -> Vec<Range<usize>> {
    let mut claims: Vec<Range<usize>> = Vec::new();
    for stat in stats {
        if let Some(last) = claims.last_mut()
            && (stat.range.start < last.end
                || joins(
                    text.get(last.end..stat.range.start).unwrap_or("x"),
                    text.get(last.clone()).unwrap_or(""),
                    casualties,
                )
                || one_group_two_ways(
                    text.get(last.end..stat.range.start).unwrap_or("x"),
                    text.get(last.clone()).unwrap_or(""),
                    text.get(stat.range.clone()).unwrap_or(""),
                ))
        {
            last.end = stat.range.end.max(last.end);
            continue;
        }
        claims.push(stat.range);
    }
    claims
}

/// Whether `first` and `next` count one group two ways, people and the
/// households they make up (`data/group_counts.txt`), with `gap` between:
/// "5,700 people from 1,736 families".
fn one_group_two_ways(gap: &str, first: &str, next: &str) -> bool {
    static GROUPS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        crate::text::data_entries(include_str!("../../../data/group_counts.txt"))
            .filter_map(|line| line.split_once(':'))
            .map(|(kind, word)| (kind.trim(), word.trim()))
            .collect()
    });
    let joined = matches!(
        gap.trim_matches(|c: char| c.is_whitespace() || c == ',').to_lowercase().as_str(),
        "from" | "in" | "involving" | "or"
    );
    // The counted noun: the word after the number in the claim's last few
    // words (bounded, so a long chain of joined figures stays linear).
    let kind_of = |claim: &str| {
        let noun = crate::text::tail(claim, claim.len(), 48)
            .split_whitespace()
            .skip_while(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
            .nth(1)
            .unwrap_or("")
            .to_lowercase();
        GROUPS.iter().find(|(_, word)| *word == noun).map(|(kind, _)| *kind)
    };
    joined && matches!((kind_of(first), kind_of(next)), (Some(a), Some(b)) if a != b)
}

/// A figure's change stated after it in the same clause: "$2.9 billion,
/// up 14 percent", "$44 million; an increase of 6% over …".
static CHANGE_RESTATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;:!?]{0,64}?(?:,\s*(?:up|down)(?:\s+from)?|[,;]\s*an?\s+(?:increase|decrease|rise|drop|fall|cut|jump|gain|decline)\s+(?:of|from(?:\s+the)?)|,?\s*(?:but\s+)?(?:could|may|might|would|will)\s+rise\s+to|,\s*rising\s+to)\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|roughly\s+|some\s+)?$")
        .expect("change restatement compiles")
});

/// A figure and what it is compared with in the same clause: "700 francs
/// per kg compared with between 640 and 670 francs", "4.1% against 3.9%".
static COMPARISON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;:!?]{0,48}?\s(?:compared\s+(?:with|to)|against|versus|vs\.?)\s+(?:between\s+|about\s+|nearly\s+|some\s+|roughly\s+|around\s+)?(?:[\d.,]+\s+(?:and|to)\s+)?$")
        .expect("comparison compiles")
});

/// Whether the text between two figures joins them into one claim; `first`
/// is the claim before the gap. "and"/"or" join a range ("12 and 17 per
/// cent", "$5 million or $6 million"), not two counts of different things
/// ("400 rescue workers and 12 sniffer dogs").
fn joins(gap: &str, first: &str, casualties: bool) -> bool {
    if CHANGE_RESTATEMENT.is_match(gap) || COMPARISON.is_match(gap) {
        return true;
    }
    // The members of the count before: "Twelve people, including a
    // driver, 10 women and a child".
    // (A member or two named between, no more: "22 countries, including
    // much of Europe, by October, and more than 70 by December" are two.)
    let lower_gap = gap.trim_start().to_lowercase();
    let between = [", including", "(including", ", among them"].iter().find_map(|p| lower_gap.strip_prefix(p));
    if between.is_some_and(|rest| rest.len() <= 40 && rest.split_whitespace().count() <= 3) {
        return true;
    }
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
        ["to"] => true,
        // "5 and 6%"; a toll broken down, "23 children and four adults
        // were killed" (but "400 rescuers and 14 helicopters" are two).
        ["and"] | ["or"] => {
            let last = first.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
            casualties
                || last.ends_with(|c: char| c.is_ascii_digit() || c == '%')
                || matches!(last.as_str(), "million" | "billion" | "trillion" | "percent" | "cent" | "pct" | "bn" | "m")
        }
        ["per", "share", "or"] | ["a", "share", "or"] => true,
        // A hedged second estimate in brackets revises the first figure:
        // "hundreds (perhaps thousands) of hours".
        [hedge] => bracket && matches!(*hedge, "maybe" | "perhaps" | "possibly" | "probably" | "even"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sourcing::scope::reports_casualties;

    fn group(text: &str) -> Vec<&str> {
        let stats = super::super::numbers::statistics(text, 0, &super::super::Sourcing::new(Default::default()));
        group_claims(text, stats, reports_casualties(text)).into_iter().map(|r| &text[r]).collect()
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
        // A figure and its change are one claim.
        assert_eq!(group("Revenue climbed to $2.9 billion, up 14 percent."), ["$2.9 billion, up 14 percent"]);
        assert_eq!(
            group("Costs reach $44 million; an increase of 6% over last year."),
            ["$44 million; an increase of 6%"]
        );
        assert_eq!(group("It cost $4 million. Sales rose 3%."), ["$4 million", "3%"]);
        assert_eq!(group("It will cost $5 million or $6 million."), ["$5 million or $6 million"]);
        assert_eq!(group("It sent 400 rescue workers and 12 dogs."), ["400 rescue workers", "12 dogs"]);
        assert_eq!(group("Volunteers gave hundreds (perhaps thousands) of hours."), ["hundreds (perhaps thousands"]);
        assert_eq!(group("It sent 400 workers (with 12 dogs)."), ["400 workers", "12 dogs"]);
        // A count and its members.
        assert_eq!(
            group("Twelve people, including a driver, 10 women and a child, died."),
            ["Twelve people, including a driver, 10 women"]
        );
        // One group counted two ways.
        assert_eq!(group("It rose to 5,722 people from 1,736 families."), ["5,722 people from 1,736 families"]);
        assert_eq!(
            group("Some 2,000 residents in 920 households fled."),
            ["Some 2,000 residents in 920 households fled"]
        );
        assert_eq!(
            group("It hit 485 families, or approximately 1,446 people."),
            ["485 families, or approximately 1,446 people"]
        );
        assert_eq!(group("It hit 485 families and 1,446 people."), ["485 families", "1,446 people"]);
        // A figure and what it is compared with.
        assert_eq!(
            group("It paid 700 francs per kg in the bush compared with between 640 and 670 francs."),
            ["700 francs per kg in the bush compared with between 640 and 670 francs"]
        );
        assert_eq!(group("Turnout was 61% against 58% in 2019."), ["61% against 58%"]);
        assert_eq!(
            group("It fell to 430 francs compared with 450 and 500 francs."),
            ["430 francs compared with 450 and 500 francs"]
        );
    }
}
