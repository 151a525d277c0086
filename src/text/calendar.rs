//! Month and weekday names: capitalised words in every news text that are
//! never a name on their own (and would otherwise read as one).

/// English month and weekday names, capitalised.
pub const CALENDAR_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether `word` is a month or weekday name.
pub fn is_calendar_word(word: &str) -> bool {
    CALENDAR_WORDS.contains(&word)
}
