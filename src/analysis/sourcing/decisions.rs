//! Figures that are the terms of a named body's decision or request: "the
//! Electricity Regulatory Commission (UPERC) on Tuesday approved up to 12%
//! increase", "the High Court on Friday granted bail to the 29 lawyers",
//! "the increase of 18.65% granted by the National Energy Regulator",
//! "Eskom's request for a 36% hike", "an application by Eskom for a 36%
//! increase". The body that decided (or asked) is named with the figure, and
//! the decision (or the application) is public record (guideline §1.3).
//! An unnamed or common-noun agent ("officials approved", "a request for a
//! 36% hike") names no one and covers nothing.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Bytes read before a figure for the decision that states it.
const BEFORE: usize = 160;
/// Bytes read after a figure for "granted by the …".
const AFTER: usize = 80;

/// A named body after another word (so not a sentence's first word:
/// "Officials approved"): two or more capitalised words ("the Vell High
/// Court"), an acronym ("NERSA", "(UPERC)") or a body's one-word name ("the
/// Senate"); its optional day; a ruling verb; at most six words (no clause
/// break) up to the figure. A lone capitalised word is a place or a person
/// as often as a body ("Shoppers in Lagos ordered 43% more rice").
static DECIDED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = super::alternation(include_str!("../../../data/ruling_verbs.txt"));
    Regex::new(&format!(
        r"\w[\w’'-]*\s+(?:(?:\p{{Lu}}[\p{{L}}.&’'-]+\s+)+\p{{Lu}}[\p{{L}}.&’'-]+|\p{{Lu}}{{2,}}|\(\p{{Lu}}{{2,}}\)|Court|Senate|Council|Parliament|Assembly|Board|Commission|Regulator|Authority|Tribunal|Congress|Cabinet|Committee|Government|Ministry)(?:\s+on\s+\p{{Lu}}\p{{Ll}}+)?\s+(?:has\s+|have\s+|had\s+)?(?:{verbs})\s+(?:[\p{{L}}’'-]+\s+){{0,6}}$"
    ))
    .expect("decided before compiles")
});

/// A named party's request or application, right before the figure: its
/// possessive name (`party`: "Eskom’s request for a") or "by" and its name.
static REQUESTED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?P<party>\p{Lu}[\p{L}&-]+)[’']s\s+(?:\w+\s+)?(?:request|application|bid|proposal)|(?:request|application|bid|proposal)\s+by\s+(?:the\s+)?(?:\p{Lu}[\p{L}.&-]*\s+){1,6})\s*for\s+(?:a|an)\s+$",
    )
    .expect("requested before compiles")
});

/// "… granted by the National Energy Regulator", right after the figure
/// (not "passed by", which runners do to a landmark).
static DECIDED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^,.;:]{0,24}?\s(?:granted|approved|awarded|imposed|sanctioned|authorised|authorized)\s+by\s+(?:the\s+)?\p{Lu}")
        .expect("decided after compiles")
});

/// Whether `claim` (in `sentence`, both ranges of `prose`) states the terms
/// of a decision or request by a body the sentence names.
pub fn is_decided_term(prose: &str, sentence: &Range<usize>, claim: &Range<usize>) -> bool {
    let from = crate::position::floor_char_boundary(prose, claim.start.saturating_sub(BEFORE).max(sentence.start));
    let before = &prose[from..claim.start];
    let to = crate::position::floor_char_boundary(prose, (claim.end + AFTER).min(sentence.end).max(claim.end));
    let after = &prose[claim.end..to];
    // "It’s a bid for", "Monday’s proposal for": no party.
    let requested = REQUESTED_BEFORE
        .captures(before)
        .is_some_and(|c| c.name("party").is_none_or(|p| !crate::analysis::is_not_name_word(p.as_str())));
    DECIDED_BEFORE.is_match(before) || requested || DECIDED_AFTER.is_match(after)
}

#[cfg(test)]
mod tests {
    use super::is_decided_term;

    /// Whether the figure `figure` of `sentence` is a decided term.
    fn decided(sentence: &str, figure: &str) -> bool {
        let at = sentence.find(figure).expect("figure in sentence");
        is_decided_term(sentence, &(0..sentence.len()), &(at..at + figure.len()))
    }

    #[test]
    fn a_named_body_deciding_or_asking_states_the_figure() {
        assert!(decided(
            "The Harbour Tariff Commission (HTC) on Tuesday approved up to 9% increase in fees.",
            "up to 9%"
        ));
        assert!(decided("The Vell High Court on Friday granted bail to the 14 fishermen.", "14 fishermen"));
        assert!(decided("The board cut the levy of 4.5% granted by the Lanthe Energy Regulator.", "4.5%"));
        assert!(decided("The regulator turned down Gridco's request for a 28% hike.", "28%"));
        assert!(decided("It ruled on an application by Gridco Holdings for a 28% increase.", "28%"));
    }

    #[test]
    fn an_unnamed_agent_a_clause_break_or_a_far_figure_is_no_decision() {
        // No named body: "officials", "a request".
        assert!(!decided("Officials approved a 12% increase in fees.", "12%"));
        assert!(!decided("The regulator weighed a request for a 28% hike.", "28%"));
        assert!(!decided("The regulator weighed Gridco's plans for a 28% cut in staff.", "28%"));
        // A lone capitalised word, a pronoun's or a day's "request", and
        // runners passing by a landmark.
        assert!(!decided("Shoppers in Lagos ordered 43% more rice this year.", "43%"));
        assert!(!decided("Then I approved a 43% rise in fees.", "43%"));
        assert!(!decided("It’s a bid for a 23% stake in the port.", "23%"));
        assert!(!decided("Monday’s proposal for a 23% cut in fees was popular.", "23%"));
        assert!(!decided("The 5,231 runners passed by the Tower of London on Sunday.", "5,231 runners"));
        assert!(decided("The Senate approved a $4 billion aid package.", "$4 billion"));
        // A clause after the decision: the figure is the writer's claim.
        assert!(!decided("The Council approved the plan, which will cost $4 million.", "$4 million"));
        // More than six words after the verb.
        assert!(!decided(
            "The Council approved the plan for the new bridge over the river that carries 9,000 cars.",
            "9,000 cars"
        ));
    }
}
