//! Quantitative claims: a number, in digits or words, together with what it
//! counts ("approximately thirty Western leaders", "27% of commitments",
//! "€4.2 billion", "600 miles"), and the numbers that are not claims
//! (dates, years, times, ages, ordinals, durations, numbers in names).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Sourcing;

const NUMBER_WORDS: &str = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|\
    sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion";

/// The currency signs a sum of money is written with ("$", "€", "£",
/// "¥", "₹", "₦", "₱", "₩", "₺", "₽"), for every check that asks whether a
/// figure is money.
pub const CURRENCY_SIGNS: [char; 10] = ['$', '€', '£', '¥', '₹', '₦', '₱', '₩', '₺', '₽'];

/// Currency codes and abbreviations written before an amount, with or
/// without a space ("USD 1.2 billion", "Rs. 80", "Ksh80,000", "Kshs 1700",
/// "RM43.9 million"): matched by [`NUMBER`] and read as the claim's unit.
/// Whether `claim` is written as a sum of money: with a currency sign, or
/// opening with a currency code ("Ksh80,000", "USD 1.2 billion").
pub fn written_as_money(claim: &str) -> bool {
    claim.contains(CURRENCY_SIGNS) || CURRENCY_CODES.iter().any(|code| claim.starts_with(code))
}

const CURRENCY_CODES: [&str; 20] = [
    "USD", "EUR", "GBP", "INR", "JPY", "CNY", "AUD", "CAD", "NZD", "ZAR", "KES", "NGN", "Rs.", "Rs", "RM", "Kshs",
    "KSh", "Ksh", "Sh", "Tsh",
];

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?ix)
        (?:(?:(?:(?-u:\b)(?:US|A|HK|C|NZ|S))?(?:\$|[€£¥₹₦₱₩₺₽])|(?-u:\b)(?-i:{codes})\s?)\s?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s?(?:million|billion|trillion|bn|m|k)(?-u:\b))?)
      | (?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:[km](?-u:\b))?(?:-\d+(?:\.\d+)?)?(?:\s?(?:%|(?-u:\b)percent(?-u:\b)|(?-u:\b)per\s+cent(?-u:\b)|(?-u:\b)pct(?-u:\b)))?(?:\s(?:million|billion|trillion|thousand)(?-u:\b))?)
      | (?:(?-u:\b)(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+dozen(?-u:\b))
      | (?:(?-u:\b)(?:dozens|hundreds|thousands|millions|billions|tens\s+of\s+thousands)(?:\s+(?:of|more))?(?-u:\b))
      | (?:(?-u:\b)[Ss]cores\s+of(?-u:\b))
      | (?:(?-u:\b)half\s+of(?-u:\b))
      | (?:(?-u:\b)(?:a|one|two|three|four)[-\s](?:thirds?|quarters?|fifths?|tenths?)\s+of(?-u:\b))
      | (?:(?-u:\b)(?:{w})(?:[-\s](?:{w}))*(?-u:\b)(?:\s+in\s+(?:{w}|\d+)(?-u:\b))?)
    ",
        w = NUMBER_WORDS,
        codes = CURRENCY_CODES.iter().map(|c| regex::escape(c)).collect::<Vec<_>>().join("|")
    );
    Regex::new(&pattern).expect("number pattern compiles")
});

data_list!(APPROXIMATORS, "approximators.txt");

/// Whether a claim is stated as an approximation ("more than 30%",
/// "around $1.5 million").
pub fn is_approximate(claim: &str) -> bool {
    let lower = claim.to_lowercase();
    APPROXIMATORS.iter().any(|a| lower.starts_with(a) && lower[a.len()..].starts_with(' '))
}

data_list!(MONTHS, "months.txt");

/// Whether `word` (lower case) names a month ("june", "sept").
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(&word)
}

data_list!(TIME_UNITS, "time_units.txt");

data_list!(LABEL_WORDS, "label_words.txt");

data_list!(
    /// Words after a street number, as written ("Street", "CR"): the number
    /// is part of an address.
    STREET_WORDS,
    "street_words.txt"
);

// Nouns that make "the N%" a named rule rather than a measurement.
data_list!(THRESHOLD_WORDS, "threshold_words.txt");

data_list!(DEFINITE, "definite_words.txt");

data_list!(STOP, "count_stop_words.txt");

data_list!(NUMBER_NOUNS, "number_nouns.txt");

data_list!(CHARGE_NOUNS, "charge_nouns.txt");

/// A quantitative claim in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statistic {
    /// Byte range: the approximator, the number and what it counts.
    pub range: Range<usize>,
}

fn words_before(text: &str, at: usize, n: usize) -> Vec<&str> {
    let window = crate::text::tail(text, at, 256);
    let mut words: Vec<&str> = window.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let keep = words.len().saturating_sub(n);
    words.drain(..keep);
    words
}

/// Whether `before` (the words before a number, in order) ends with a month
/// and a list of days ("March 2, 5 and"): the number is the list's last day.
fn ends_date_list(before: &[&str]) -> bool {
    let mut days = 0;
    for word in before.iter().rev() {
        let w = clean(word);
        if matches!(w.as_str(), "and" | "or" | "&") {
            continue;
        }
        if (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()) {
            days += 1;
            continue;
        }
        return days > 0 && MONTHS.contains(&w.as_str());
    }
    false
}

fn clean(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'' && c != '-' && c != '.')
        .trim_end_matches('.')
        .to_lowercase()
}

/// The statistics in `sentence` (a slice of the prose view starting at byte
/// `offset` of the article).
pub fn statistics(sentence: &str, offset: usize, sourcing: &Sourcing) -> Vec<Statistic> {
    let lower = sentence.to_lowercase();
    let casualties = super::scope::reports_casualties(sentence);
    let counts_something = lower.contains("number of")
        || lower.contains("total")
        || lower.contains("toll")
        || lower.contains("tally")
        || lower.contains("count");
    let mut found = Vec::new();
    for m in NUMBER.find_iter(sentence) {
        let (start, end) = (m.start(), m.end());
        let core = m.as_str();
        let listed = !found.is_empty();
        if let Some(range) =
            judge(sentence, start, end, core, Counting { counts_something, casualties, listed }, sourcing)
        {
            found.push(Statistic { range: offset + range.start..offset + range.end });
        }
    }
    found
}

/// What the sentence says about every number in it.
#[derive(Clone, Copy)]
struct Counting {
    /// It names a count ("the number of", "the toll").
    counts_something: bool,
    /// It reports casualties or damage ([`super::scope::reports_casualties`]).
    casualties: bool,
    /// A figure came before this number in the sentence.
    listed: bool,
}

fn judge(
    sentence: &str,
    start: usize,
    end: usize,
    core: &str,
    counting: Counting,
    sourcing: &Sourcing,
) -> Option<Range<usize>> {
    let Counting { counts_something, casualties, listed } = counting;
    let core_lower = core.to_lowercase();
    let is_digits = core.chars().next().is_some_and(|c| c.is_ascii_digit());
    // A currency sign or code ("USD 1.2 billion", "Rs 67").
    let has_unit = core.contains('%')
        || written_as_money(core)
        || core_lower.contains("percent")
        || core_lower.contains("per cent")
        || core_lower.ends_with("pct")
        || ["million", "billion", "trillion", "bn"].iter().any(|u| core_lower.contains(u))
        // Thousands and millions written short: "rose 0.9k", "-1m hours".
        || (core_lower.ends_with(['k', 'm']) && core_lower.starts_with(|c: char| c.is_ascii_digit()));
    let prev_char = sentence[..start].chars().next_back();
    let next_char = sentence[end..].chars().next();

    // Glued to letters: G7, F-16, COVID-19, 5th, 737MAX, 2nd.
    if prev_char.is_some_and(char::is_alphanumeric) || next_char.is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    if prev_char == Some('-') && sentence[..start - 1].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    // Times ("9:30") and number ranges inside other tokens.
    if next_char == Some(':') && sentence[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if prev_char == Some(':') || prev_char == Some('/') || prev_char == Some('.') {
        return None;
    }
    // A phone word ("328-TIPS"), a room or a form ("2-D", "3-D").
    if next_char == Some('-') {
        let word: String = sentence[end + 1..].chars().take_while(|c| c.is_alphanumeric()).collect();
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
    }
    // "-like", "-year-old", "-day": adjectives built on the number (but
    // "5,000-strong crowd" counts people).
    if next_char == Some('-') {
        // "a 10- to 12-year term": the first half of a suspended range takes
        // the unit of the second.
        let after_hyphen = &sentence[end + 1..];
        let suspended = ["to ", "or ", "and "]
            .iter()
            .find_map(|joiner| after_hyphen.trim_start().strip_prefix(joiner))
            .map(|rest| {
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').strip_prefix('-').unwrap_or("")
            });
        let suffix_source = match suspended {
            Some(rest) if !after_hyphen.starts_with(|c: char| c.is_alphabetic()) => rest,
            _ => after_hyphen,
        };
        let suffix: String = suffix_source.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
        let temporal = suffix == "like"
            || suffix == "old"
            || suffix == "th"
            || TIME_UNITS.contains(&suffix.as_str())
            || suffix.starts_with("year");
        if !suffix.is_empty() && !has_unit && temporal {
            return None;
        }
        // "after 17-odd minutes": a rough duration is still a duration.
        let unit_after_odd =
            clean(after_hyphen.get(suffix.len()..).unwrap_or("").split_whitespace().next().unwrap_or(""));
        if suffix == "odd"
            && !has_unit
            && (TIME_UNITS.contains(&unit_after_odd.as_str()) || unit_after_odd.starts_with("year"))
        {
            return None;
        }
        // A number word in a compound adjective: "a two-party contest", "a
        // three-judge panel" (but "a three-fold rise" is a claim).
        if !is_digits && !has_unit && !suffix.is_empty() && suffix != "fold" && suspended.is_none() {
            return None;
        }
        // A thing the number names: "a 3-pointer", "a two-wheeler".
        if NUMBER_NOUNS.contains(&suffix.as_str()) {
            return None;
        }
    }
    let digits: String = core.chars().filter(char::is_ascii_digit).collect();
    let plain_digits = is_digits && !has_unit && !core.contains([',', '.']);
    if plain_digits
        && digits.len() == 4
        && (1800..=2100).contains(&digits.parse::<u32>().unwrap_or(0))
        && !core.contains('-')
    {
        return None;
    }
    // Dates and year ranges: "2025-08-19", "2019-2021".
    let first_part: String = core.chars().take_while(char::is_ascii_digit).collect();
    let starts_with_year = first_part.len() == 4 && (1800..=2100).contains(&first_part.parse::<u32>().unwrap_or(0));
    if starts_with_year && !has_unit && (core.contains('-') || next_char == Some('-')) {
        return None;
    }
    if next_char == Some('-') && sentence[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Phone numbers and long identifiers.
    if plain_digits && digits.len() >= 7 && !core.contains(',') {
        return None;
    }

    let before = words_before(sentence, start, 3);
    let prev = before.last().map(|w| clean(w)).unwrap_or_default();
    let prev_raw = before.last().copied().unwrap_or("");
    let after: Vec<&str> = sentence[end..].split_whitespace().take(4).collect();
    let next = after.first().map(|w| clean(w)).unwrap_or_default();

    // Dates: next to a month name ("3 March", "March 3"; not "March, forty").
    let prev_adjacent = !prev_raw.ends_with([',', ';', ':', '—', '–']);
    if (prev_adjacent && MONTHS.contains(&prev.as_str())) || MONTHS.contains(&next.as_str()) {
        return None;
    }
    // A list of days after a month: "on March 2, 5 and 12".
    if is_digits && !has_unit && digits.len() <= 2 && ends_date_list(&words_before(sentence, start, 6)) {
        return None;
    }
    // Phone numbers and other digit groups: "+99 21 555 0192".
    let digit_group_before = sentence[..start].trim_end_matches(' ').ends_with(|c: char| c.is_ascii_digit())
        && sentence[..start].ends_with(' ');
    let digit_group_after =
        sentence[end..].strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    if is_digits && !has_unit && (prev_char == Some('+') || digit_group_before || digit_group_after) {
        return None;
    }
    // Durations and times of day; but a prison term is a penalty, a claim
    // ("up to 442 years in prison").
    let prison_term = after.get(1..3).is_some_and(|w| {
        let w: Vec<String> = w.iter().map(|w| clean(w)).collect();
        matches!((w[0].as_str(), w[1].as_str()), ("in", "prison" | "jail") | ("behind", "bars"))
    });
    if (TIME_UNITS.contains(&next.as_str()) || next.starts_with("year")) && !prison_term {
        return None;
    }
    if after.first().is_some_and(|w| w.starts_with("a.m") || w.starts_with("p.m")) {
        return None;
    }
    // Addresses and emergency numbers: "the 2700 block of Ohio 132", "497
    // CR 31", "12 Bloor Street", "called 911", "dialled 999".
    if plain_digits {
        let is_street = |w: &&str| STREET_WORDS.contains(&w.trim_end_matches([',', '.']));
        // "497 CR 31", or a street's name first: "12 Bloor Street".
        let street = match after.as_slice() {
            [first, second, ..] if first.starts_with(char::is_uppercase) => is_street(first) || is_street(second),
            [first, ..] => is_street(first),
            [] => false,
        };
        let block = next == "block" && after.get(1).is_some_and(|w| clean(w) == "of");
        let dialled =
            matches!(prev.as_str(), "called" | "call" | "calling" | "dialled" | "dialed" | "dial" | "dialing");
        if street || block || dialled {
            return None;
        }
    }
    // The unit of a rate or a quotation: "per 100,000 people", "Rs 67 per
    // 100 yen".
    if prev == "per" {
        return None;
    }
    // Labels and names: "page 5", "Article 5", "Flight 17", "World War Three".
    if LABEL_WORDS.contains(&prev.as_str()) || sourcing.is_name_word(&prev) {
        return None;
    }
    // An age range: "aged between seven and 10", "aged from 5 to 12" (not
    // "a girl aged 7 and 30 other pupils": the range needs its "between").
    // (The words before are gathered only after a word that can join a
    // range: this runs for every number of the article.)
    let range_word = matches!(prev.as_str(), "between" | "from" | "and" | "to");
    let window: Vec<String> =
        if range_word { words_before(sentence, start, 4).iter().map(|w| clean(w)).collect() } else { Vec::new() };
    let aged = |w: &String| matches!(w.as_str(), "aged" | "ages");
    let opens_range = |w: &String| matches!(w.as_str(), "between" | "from");
    let age_range = match window.as_slice() {
        [.., age, open] if open == &prev => aged(age) && opens_range(open),
        _ => false,
    } || match window.as_slice() {
        [age, open, _first, joiner] => aged(age) && opens_range(open) && matches!(joiner.as_str(), "and" | "to"),
        _ => false,
    };
    if age_range {
        return None;
    }
    // A capitalised word right before the number names something ("Article
    // 5", "World War Three"), unless it merely starts the sentence ("Some 40").
    let prev_is_capitalised = prev_raw.chars().next().is_some_and(char::is_uppercase)
        && !prev_raw.ends_with([',', '.', ':', ';', '—', '–'])
        && sentence[..start].ends_with(' ');
    let prev_is_sentence_start = before.len() == 1 && sentence[..start].trim_start().len() == prev_raw.len() + 1;
    let prev_is_approximator = APPROXIMATORS.iter().any(|a| a.split(' ').next_back() == Some(prev.as_str()));
    // "Area 3K": a capital K after a label names a zone, not thousands.
    let label_k =
        core.len() > 1 && core.ends_with(['K', 'M']) && core[..core.len() - 1].chars().all(|c| c.is_ascii_digit());
    if prev_is_capitalised
        && (!has_unit || label_k)
        && !prev_is_approximator
        && !STOP.contains(&prev.as_str())
        && !prev_is_sentence_start
    {
        return None;
    }
    // Ages in a name line: "Ivo Stanek, 54, said".
    if sentence[..start].ends_with(", ") && next_char == Some(',') && !has_unit {
        return None;
    }
    // Definite references ("the two countries") and "one" as a pronoun. A
    // thousand or more is a count even after "the" ("the 15,000 crowd").
    // Casualties are a count even after "the" ("many of the 870 people who
    // were injured").
    let large = is_digits && (digits.len() >= 4 || (digits.len() >= 2 && casualties));
    if DEFINITE.contains(&prev.as_str()) && !has_unit && !large {
        return None;
    }
    // A named rule: "the 5% threshold", "the 2 percent target".
    if DEFINITE.contains(&prev.as_str()) && THRESHOLD_WORDS.contains(&next.as_str()) {
        return None;
    }
    // A round number as a milestone: "crossed Rs 80 mark", "the 1,000 mark".
    if next == "mark" {
        return None;
    }
    // An exchange-rate note: "(1 US dollar = 1.1434 Canadian dollar)".
    let rate_note_after = crate::text::head(sentence, end, 24).split(|c: char| c.is_ascii_digit()).next().unwrap_or("");
    if rate_note_after.contains('=') || sentence[..start].trim_end().ends_with('=') {
        return None;
    }
    // The charges in a case: "on two counts of assault".
    if CHARGE_NOUNS.contains(&next.as_str()) && after.get(1).is_some_and(|w| clean(w) == "of") {
        return None;
    }
    let first_word = core_lower.split([' ', '-']).next().unwrap_or("");
    // "One" counts in a list of casualty counts ("15 children, three
    // teenagers and one adult"); elsewhere it is mostly a pronoun or article.
    let listed_one = casualties && ((listed && prev == "and") || prev == "least");
    let lone_one = first_word == "one"
        && !listed_one
        && !core_lower.contains(" in ")
        && !["hundred", "thousand", "million", "billion", "dozen"].iter().any(|u| core_lower.contains(u));
    if lone_one {
        return None;
    }

    // What the number counts: up to three words, stopping at function words,
    // verbs and punctuation.
    let mut span_end = end;
    let mut counted = 0;
    let rest = &sentence[end..];
    let mut cursor = end + (rest.len() - rest.trim_start().len());
    let core_ends_with_of = core_lower.ends_with(" of");
    let mut allow_of = has_unit || core_ends_with_of;
    for word in sentence[cursor..].split_inclusive(char::is_whitespace).take(6) {
        let bare = word.trim_end();
        let w = clean(bare);
        if w.is_empty() {
            break;
        }
        if w == "of" && allow_of && counted == 0 {
            allow_of = false;
            cursor += word.len();
            continue;
        }
        // "seven more cases": what is counted comes after "more" (but
        // "seven more than last year" counts nothing).
        if w == "more" && counted == 0 && !sentence[cursor + word.len()..].trim_start().starts_with("than") {
            cursor += word.len();
            continue;
        }
        // "a third of its value", "half of the budget": the determiner
        // after a share's "of" belongs to what it counts.
        if core_ends_with_of
            && counted == 0
            && matches!(w.as_str(), "the" | "its" | "their" | "his" | "her" | "our" | "all")
        {
            cursor += word.len();
            continue;
        }
        if STOP.contains(&w.as_str()) || bare.starts_with('(') {
            break;
        }
        let verb_like = (w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4;
        if verb_like && counted > 0 {
            break;
        }
        counted += 1;
        let trailing_punct = bare.len() - bare.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        span_end = cursor + bare.len() - trailing_punct;
        cursor += word.len();
        if trailing_punct > 0 || counted == 3 || verb_like {
            break;
        }
    }
    // "up to 40 years in prison": the term and where it is served.
    if prison_term {
        // The two words are right after the term: look no further (a
        // sentence of a thousand terms stays linear).
        let window = &sentence[span_end..crate::position::floor_char_boundary(sentence, span_end + 24)];
        if let Some(k) = ["prison", "jail", "bars"].iter().filter_map(|w| window.find(w).map(|k| k + w.len())).min() {
            span_end += k;
        }
    }
    let large = is_digits && core.contains([',', '.']);
    // "Thousands fled", "hundreds (maybe thousands) of hours"; a number as
    // the subject of a clause ("another 22 are believed trapped", "Eight
    // were pulled from …") counts people.
    let bare_plural = matches!(core_lower.as_str(), "dozens" | "hundreds" | "thousands" | "millions" | "billions")
        || core_lower.starts_with("scores");
    let subject_count = prev == "another"
        || (matches!(next.as_str(), "were" | "are" | "was" | "remain" | "remained" | "died" | "have" | "had")
            && (prev.is_empty() || matches!(prev.as_str(), "and" | "say" | "says" | "said")));
    // "The death toll has risen to four": a count named as such.
    let quantity = counted > 0 || has_unit || large || counts_something || bare_plural || subject_count;
    if !quantity {
        return None;
    }
    if counted > 0
        && !prison_term
        && TIME_UNITS.contains(&clean(sentence[end..].split_whitespace().next().unwrap_or("")).as_str())
    {
        return None;
    }
    // A share of a time: "the first half of the month", "the second half
    // of last year", "the first half of 2019".
    let last_counted = clean(sentence[..span_end].rsplit(char::is_whitespace).next().unwrap_or(""));
    let is_year = last_counted.len() == 4 && last_counted.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
    if core_ends_with_of && counted <= 2 && (TIME_UNITS.contains(&last_counted.as_str()) || is_year) {
        return None;
    }

    // Approximations are claims too: include "more than", "nearly", ...
    let mut span_start = start;
    let lower_before = crate::text::tail(sentence, start, 64).to_lowercase();
    for approx in APPROXIMATORS.iter() {
        let needle = format!("{approx} ");
        if lower_before.ends_with(&needle) {
            let at = start - needle.len();
            let bounded = !sentence[..at].chars().next_back().is_some_and(char::is_alphanumeric);
            if bounded {
                span_start = at;
                break;
            }
        }
    }
    // "All but one of the state's 14 fatalities": one claim, from "All".
    let tail = crate::text::tail(sentence, span_start, 64);
    if let Some(m) = ALL_BUT.find(tail) {
        span_start -= tail.len() - m.start();
    }
    Some(span_start..span_end)
}

/// "all but one of the state's" right before a count: the part of the count
/// the claim is about.
static ALL_BUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)all\s+but\s+(?:{NUMBER_WORDS}|\d+)\s+of\s+(?:(?:the|its|their|his|her)\s+)?(?:[\w.-]+['’]s?\s+)?$"
    ))
    .expect("all-but pattern compiles")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(sentence: &str) -> Vec<&str> {
        statistics(sentence, 0, &Sourcing::new(Default::default())).iter().map(|s| &sentence[s.range.clone()]).collect()
    }

    #[test]
    fn claims_with_what_they_count() {
        assert_eq!(
            stats("In Paris, approximately thirty Western leaders engaged with him."),
            ["approximately thirty Western leaders"]
        );
        assert_eq!(stats("More than two dozen nations deliberated."), ["More than two dozen nations"]);
        assert_eq!(stats("The front line, exceeding 600 miles, is long."), ["exceeding 600 miles"]);
        assert_eq!(stats("Twelve wounded after a strike."), ["Twelve wounded"]);
        assert_eq!(
            stats("Just 27% of global security commitments are honored."),
            ["Just 27% of global security commitments"]
        );
        assert_eq!(stats("It will cost €4.2 billion."), ["€4.2 billion"]);
        assert_eq!(stats("Hundreds of protesters marched."), ["Hundreds of protesters"]);
        assert_eq!(stats("One in five households has no heating."), ["One in five households"]);
        assert_eq!(stats("It passed in a 61-39 vote."), ["61-39 vote"]);
        assert_eq!(stats("Attendance reached 12,400 people."), ["12,400 people"]);
        // Bare plurals and fractions count people and money too.
        assert_eq!(stats("Thousands fled the coast."), ["Thousands fled"]);
        assert_eq!(stats("Millions more watched on television."), ["Millions more watched"]);
        assert_eq!(stats("The fund lost nearly a third of its value."), ["nearly a third of its value"]);
        assert_eq!(stats("Two-thirds of voters backed it."), ["Two-thirds of voters"]);
        assert_eq!(stats("He faces up to 40 years in prison."), ["up to 40 years in prison"]);
        assert_eq!(stats("Another 22 are believed trapped."), ["22"]);
        assert_eq!(stats("Eight were pulled from the rubble."), ["Eight"]);
        assert_eq!(stats("Doctors treated many of the 870 people who were injured."), ["870 people"]);
        assert_eq!(stats("They gave hundreds (maybe thousands) of hours."), ["hundreds", "thousands"]);
        assert_eq!(
            stats("The number of cases rose to 19 with seven more cases suspected."),
            ["19", "seven more cases"]
        );
        assert_eq!(stats("It was seven more than last year."), Vec::<&str>::new());
        assert_eq!(
            stats("The injured include 15 children, three teachers and one adult."),
            ["15 children", "three teachers", "one adult"]
        );
        assert_eq!(stats("She met one adult and two children."), ["two children"]);
        assert_eq!(
            stats("All but one of the state's 14 fatalities were drivers."),
            ["All but one of the state's 14 fatalities"]
        );
        assert_eq!(stats("Velmar will pay for half of the purchase in stock."), ["half of the purchase"]);
        assert_eq!(stats("Employment rose 0.9k; sales fell by -1m units."), ["0.9k", "1m units"]);
        assert_eq!(stats("Funds withdrew nearly USD 1.2 billion."), ["nearly USD 1.2 billion"]);
        assert_eq!(stats("The death toll has risen to four."), ["four"]);
        assert_eq!(stats("At least one person was killed."), ["At least one person"]);
        assert_eq!(stats("The rate is 5 deaths per 100,000 people."), ["5 deaths"]);
    }

    #[test]
    fn numbers_that_are_not_claims() {
        for sentence in [
            "The war began in 2022 and since 2014 tensions rose.",
            "They met on March 3 and again on 5 March.",
            "The meeting starts at 9:30 or 10 a.m.",
            "Ivo Stanek, 54, said no.",
            "It was the third time.",
            "As the invasion approaches four years, talks go on.",
            "Four years after the war, nothing changed.",
            "Protections like Article 5 and World War Three were named.",
            "The G7 met; an F-16 and a Boeing 737 flew; Flight 17 fell.",
            "One of the ministers left.",
            "On one hand it helps.",
            "See page 12 and section 4.",
            "Call 555-0199 now.",
            "Talks between the two countries stalled.",
            "The deal expires on 2025-08-19.",
            "Fans came by the thousands.",
            "The party missed the 5% threshold.",
            "He served four years in the army.",
            "It was a quarter past nine in the second half.",
            "The writs were issued on March 2, 5 and 12 respectively.",
            "Two-party preferred figures and a three-judge panel were all it took.",
            "Hall opened the scoring with a 3-pointer.",
            "Shipments rose in the first half of the month.",
            "Call Crime Stoppers at 328-TIPS.",
            "Petrol had last crossed Rs 80 mark in 2018.",
        ] {
            assert_eq!(stats(sentence), Vec::<&str>::new(), "{sentence}");
        }
    }

    #[test]
    fn configured_name_words() {
        let sourcing =
            Sourcing::new(super::super::SourcingSettings { name_words: vec!["Quay".into()], ..Default::default() });
        let s = "Boats left from quay 4 with 300 passengers.";
        let found: Vec<&str> = statistics(s, 0, &sourcing).iter().map(|x| &s[x.range.clone()]).collect();
        assert_eq!(found, ["300 passengers"]);
    }
}
