//! What kind of claim a figure makes (guideline §1.1): a count, a share, a
//! sum of money, a measurement, an estimate or a record. The kind tells the
//! writer what source would do.

use std::sync::LazyLock;

use regex::Regex;

/// The kind of a quantitative claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    /// People, things or events counted ("4,200 families").
    Count,
    /// A share, rate or percentage ("27%", "one in five households").
    Share,
    /// A sum of money in any currency notation ("US$377 million", "27 cents").
    Money,
    /// A distance, mass, volume, speed or magnitude ("600 miles").
    Measurement,
    /// An approximation or projection ("more than 300", "expected to reach").
    Estimate,
    /// A ranking or record ("the highest since 1990").
    Record,
}

impl ClaimKind {
    /// The kind as a stable lowercase word (for messages and exports).
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Count => "count",
            ClaimKind::Share => "share",
            ClaimKind::Money => "sum of money",
            ClaimKind::Measurement => "measurement",
            ClaimKind::Estimate => "estimate",
            ClaimKind::Record => "record",
        }
    }

    /// What a source for this kind of claim looks like.
    pub fn source_hint(self) -> &'static str {
        match self {
            ClaimKind::Count => "say who counted it: “according to …”, “… said”",
            ClaimKind::Share => "say whose data, survey or count it comes from",
            ClaimKind::Money => "say who reported the sum: the budget, filing or official that gives it",
            ClaimKind::Measurement => "say who measured it",
            ClaimKind::Estimate => "say who estimates or projects it",
            ClaimKind::Record => "say whose records show it",
        }
    }
}

static UNITS: LazyLock<Regex> = LazyLock::new(|| {
    let units: Vec<String> =
        crate::text::data_entries(include_str!("../../../data/measurement_units.txt")).map(regex::escape).collect();
    Regex::new(&format!(r"(?i)[\d.,]\s?(?:{})(?:$|[^\w])", units.join("|"))).expect("units compile")
});

/// "one in five", "two-thirds of", "half of": shares written in words.
static SHARE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:one|\d+)\s+in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred)|(?:a|one|two|three|four)[-\s](?:half|thirds?|quarters?|fifths?|tenths?)|half\s+of)(?-u:\b)")
        .expect("share words compile")
});

static RECORD: LazyLock<Regex> = LazyLock::new(|| {
    let words = super::alternation(include_str!("../../../data/record_words.txt"));
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})(?-u:\b)")).expect("record compiles")
});

/// What a sentence says about every claim in it, read once per sentence
/// (reading the sentence again for each of its claims would make a long
/// sentence of figures quadratic).
#[derive(Clone, Copy, Debug)]
pub struct SentenceTraits {
    /// The sentence states a projection ("is expected to reach").
    pub projection: bool,
    /// The sentence speaks of a record ("the highest since 1990").
    pub record: bool,
}

impl SentenceTraits {
    /// Reads `sentence`.
    pub fn of(sentence: &str) -> SentenceTraits {
        SentenceTraits { projection: super::scope::states_projection(sentence), record: RECORD.is_match(sentence) }
    }
}

/// Whether `text` names a record beyond an event's own results ("the
/// sixth-fastest race of all time", "a record 1,204"); a personal or
/// season's "best" is the record of the contest it was set in.
pub fn names_record(text: &str) -> bool {
    RECORD.find_iter(text).any(|m| !m.as_str().eq_ignore_ascii_case("best"))
}

/// Whether the claim is a number nobody gave exactly: an approximation
/// ("more than 40 per cent", "about 4,000 people") or a vague number
/// ("several hundred", "thousands of"); a stressed exact figure ("only 3%",
/// "just 40") is not one.
pub fn is_estimated(claim: &str) -> bool {
    data_list!(VAGUE_NUMBERS, "vague_numbers.txt");
    let lower = claim.to_lowercase();
    let vague_number = VAGUE_NUMBERS.iter().any(|w| lower.starts_with(w));
    let stressed = ["only ", "just ", "a mere ", "barely "].iter().any(|w| lower.starts_with(w));
    vague_number || (super::numbers::is_approximate(claim) && !stressed)
}

/// The kind of the claim `claim`, in a sentence with `traits`.
pub fn classify(claim: &str, traits: SentenceTraits) -> ClaimKind {
    let lower = claim.to_lowercase();
    data_list!(MONEY_WORDS, "money_words.txt");
    let money_word =
        || MONEY_WORDS.iter().any(|w| lower.match_indices(w).any(|(k, _)| k > 0 && lower[..k].ends_with(' ')));
    if super::numbers::written_as_money(claim) || money_word() {
        return ClaimKind::Money;
    }
    if is_estimated(claim) || traits.projection {
        return ClaimKind::Estimate;
    }
    if claim.contains('%') || lower.contains("percent") || lower.contains("per cent") || lower.contains("pct") {
        return ClaimKind::Share;
    }
    if SHARE_WORDS.is_match(claim) {
        return ClaimKind::Share;
    }
    if UNITS.is_match(claim) {
        return ClaimKind::Measurement;
    }
    if traits.record {
        return ClaimKind::Record;
    }
    ClaimKind::Count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let kind = |claim: &str, sentence: &str| classify(claim, SentenceTraits::of(sentence));
        assert_eq!(kind("US$377 million", "The fund holds US$377 million."), ClaimKind::Money);
        assert_eq!(kind("27 cents", "Earnings were 27 cents a share."), ClaimKind::Money);
        assert_eq!(kind("more than 300 families", "More than 300 families left."), ClaimKind::Estimate);
        assert_eq!(kind("250,000 people", "It is expected to reach 250,000 people."), ClaimKind::Estimate);
        assert_eq!(kind("27% of pledges", "Just 27% of pledges are honoured."), ClaimKind::Share);
        assert_eq!(kind("One in five households", "One in five households is cold."), ClaimKind::Share);
        assert_eq!(kind("600 miles", "The front runs 600 miles."), ClaimKind::Measurement);
        assert_eq!(kind("12 tonnes", "They sent 12 tonnes of rice."), ClaimKind::Measurement);
        assert_eq!(kind("1,204 complaints", "A record 1,204 complaints were filed."), ClaimKind::Record);
        assert_eq!(kind("40 boats", "Crews lost 40 boats."), ClaimKind::Count);
        assert_eq!(kind("several hundred protesters", "Several hundred protesters kept vigil."), ClaimKind::Estimate);
        assert_eq!(kind("up to 20 years in prison", "He faces up to 20 years in prison."), ClaimKind::Estimate);
        assert_eq!(kind("20 years in prison", "He faces 20 years in prison."), ClaimKind::Count);
        assert_eq!(kind("12 fifth-graders", "12 fifth-graders won."), ClaimKind::Count);
        assert_eq!(kind("only 3% of voters", "Only 3% of voters came."), ClaimKind::Share);
    }
}
