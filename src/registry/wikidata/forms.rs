//! The forms a title takes before a name, derived from the position's
//! label: "President of Russia" → "President", "Russian President";
//! "Mayor of London" → "Mayor", "London Mayor"; "Minister of Finance" →
//! itself. The import's mapping file overrides them per position.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Place → adjective, from `data/demonyms.txt`.
static DEMONYMS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| crate::text::wordlists::demonyms().iter().copied().collect());

/// Words after " of " that name a portfolio or body rather than a place:
/// "Minister of Finance" keeps its full title.
fn is_place_like(tail: &str) -> bool {
    let first = tail.split_whitespace().next().unwrap_or_default();
    let capitalised = first.chars().next().is_some_and(char::is_uppercase);
    capitalised && !tail.contains(" of ") && !tail.contains(" and ") && !PORTFOLIOS.contains(&first)
}

/// First words of portfolios, which follow " of " like a place but are not
/// one ("Minister of Defence", "Secretary of State").
const PORTFOLIOS: &[&str] = &[
    "Agriculture",
    "Culture",
    "Defence",
    "Defense",
    "Economy",
    "Education",
    "Energy",
    "Finance",
    "Foreign",
    "Health",
    "Home",
    "Internal",
    "Interior",
    "Justice",
    "Labour",
    "Labor",
    "State",
    "Trade",
    "Transport",
    "Treasury",
    "Staff",
    "Commerce",
    "Environment",
    "Industry",
    "Infrastructure",
    "Science",
    "Sport",
    "Tourism",
];

/// The forms of the title `title`: for "Head of Place", the head and the
/// head after the place's adjective (or the place itself); for a title
/// whose head is in lower case ("member of the State Duma"), none (the
/// desk writes them, and `registry lint` lists roles without forms);
/// otherwise the title itself.
pub fn derive_forms(title: &str) -> Vec<String> {
    let title = title.trim();
    if !title.chars().next().is_some_and(char::is_uppercase) {
        return Vec::new();
    }
    let place_of = |tail: &'_ str| tail.strip_prefix("the ").unwrap_or(tail).trim().to_string();
    // "President of the United States of America": the whole tail is a place.
    if let Some((head, tail)) = title.split_once(" of ") {
        let place = place_of(tail);
        if !head.is_empty() && (DEMONYMS.contains_key(place.as_str()) || is_place_like(&place)) {
            return head_and_adjective(head, &place);
        }
    }
    // "Minister of Foreign Affairs of Russia": a known place at the end.
    if let Some((head, tail)) = title.rsplit_once(" of ") {
        let place = place_of(tail);
        if DEMONYMS.contains_key(place.as_str()) {
            return head_and_adjective(head, &place);
        }
    }
    vec![title.to_string()]
}

fn head_and_adjective(head: &str, place: &str) -> Vec<String> {
    let adjective = DEMONYMS.get(place).copied().unwrap_or(place);
    vec![head.to_string(), format!("{adjective} {head}")]
}

#[cfg(test)]
mod tests {
    use super::derive_forms;

    #[test]
    fn forms_of_titles() {
        assert_eq!(derive_forms("President of Russia"), ["President", "Russian President"]);
        assert_eq!(derive_forms("Prime Minister of the United Kingdom"), ["Prime Minister", "British Prime Minister"]);
        assert_eq!(derive_forms("Mayor of London"), ["Mayor", "London Mayor"]);
        assert_eq!(derive_forms("Minister of Finance"), ["Minister of Finance"]);
        assert_eq!(
            derive_forms("Minister of Foreign Affairs of Russia"),
            ["Minister of Foreign Affairs", "Russian Minister of Foreign Affairs"]
        );
        assert_eq!(derive_forms("President of the United States of America"), ["President", "US President"]);
        assert_eq!(derive_forms("Chancellor"), ["Chancellor"]);
        assert!(derive_forms("member of the State Duma").is_empty());
    }
}
