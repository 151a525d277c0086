//! Which part of a person's name stands for them alone.

/// Lowercase particles that belong to the surname that follows them
/// ("Ursula von der Leyen" → "von der Leyen").
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "bin", "ibn", "al",
    "ter", "ten", "zu", "y",
];

/// Generational suffixes skipped when finding the surname.
const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Capitalised words that are too common in running text to stand for a
/// person on their own: a person named "Theresa May" is still found by her
/// full name, but not every "May" is her. Months and weekdays are in
/// [`crate::text::calendar`].
const COMMON_WORDS: &[&str] = &[
    "Will", "Long", "Young", "Little", "King", "Hope", "Black", "White", "Brown", "Green", "Gray", "Grey", "Rich",
    "Small",
];

/// The forms by which a person called `full_name` is recognised by surname
/// alone: the last word with any particles before it, plus the same with a
/// capitalised first particle for sentence starts ("De la Vega said").
/// Empty for one-word names and for surnames that are common words.
pub fn surname_of(full_name: &str) -> Vec<String> {
    let mut words: Vec<&str> = full_name.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(w)) {
        words.pop();
    }
    if words.len() < 2 {
        return Vec::new();
    }
    let mut start = words.len() - 1;
    while start > 1 && PARTICLES.contains(&words[start - 1]) {
        start -= 1;
    }
    let surname = words[start..].join(" ");
    if COMMON_WORDS.contains(&surname.as_str()) || crate::text::calendar::is_calendar_word(&surname) {
        return Vec::new();
    }
    let mut forms = vec![surname.clone()];
    let mut chars = surname.chars();
    if let Some(first) = chars.next()
        && first.is_lowercase()
    {
        forms.push(first.to_uppercase().chain(chars).collect());
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::surname_of;

    #[test]
    fn surnames() {
        assert_eq!(surname_of("Volodymyr Zelenskyy"), ["Zelenskyy"]);
        assert_eq!(surname_of("Ursula von der Leyen"), ["von der Leyen", "Von der Leyen"]);
        assert_eq!(surname_of("Martin Luther King Jr."), Vec::<String>::new());
        assert_eq!(surname_of("Sammy Davis Jr."), ["Davis"]);
        assert_eq!(surname_of("Theresa May"), Vec::<String>::new());
        assert_eq!(surname_of("Madonna"), Vec::<String>::new());
        assert_eq!(surname_of("Talib Talib"), ["Talib"]);
    }
}
