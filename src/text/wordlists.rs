//! Large word lists read from `data/` (each file's header names its
//! source): common English words and given names. Loaded once, on first
//! use, into hash sets; a lookup is one hash of one word.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

fn load(text: &'static str) -> FxHashSet<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

static COMMON_WORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| load(include_str!("../../data/common_words.txt")));

static GIVEN_NAMES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| load(include_str!("../../data/given_names.txt")));

/// Whether `word`, lowercased, is a common English word ("still",
/// "justice"). Capitalisation of `word` is ignored.
pub fn is_common_word(word: &str) -> bool {
    lowercase_in(&COMMON_WORDS, word)
}

/// Whether `word`, lowercased, is a common given name ("rod", "pippa").
pub fn is_given_name(word: &str) -> bool {
    lowercase_in(&GIVEN_NAMES, word)
}

fn lowercase_in(set: &FxHashSet<&'static str>, word: &str) -> bool {
    if word.chars().all(|c| c.is_ascii_lowercase()) {
        set.contains(word)
    } else {
        set.contains(word.to_lowercase().as_str())
    }
}

/// The places of `data/demonyms.txt` with the adjective news copy makes of
/// each ("Serbia" → "Serbian"), in file order.
pub fn demonyms() -> &'static [(&'static str, &'static str)] {
    static PAIRS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        include_str!("../../data/demonyms.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('|'))
            .map(|(place, adjective)| (place.trim(), adjective.trim()))
            .collect()
    });
    &PAIRS
}

/// Whether `word` is a nationality as written ("Serbian", "Chilean"): an
/// adjective of [`demonyms`].
pub fn is_demonym(word: &str) -> bool {
    static ADJECTIVES: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| demonyms().iter().map(|(_, adjective)| *adjective).collect());
    ADJECTIVES.contains(word)
}

#[cfg(test)]
mod tests {
    use super::{is_common_word, is_given_name};

    #[test]
    fn common_words_and_given_names() {
        assert!(is_common_word("still") && is_common_word("Justice"));
        assert!(!is_common_word("Devitt") && !is_common_word("Scott"));
        assert!(is_given_name("Rod") && is_given_name("scott"));
        assert!(!is_given_name("Laver") && !is_given_name("Justice") && !is_given_name("Santa"));
    }
}
