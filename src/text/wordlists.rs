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
