//! Word tokens with byte ranges.
//!
//! A word is a run of letters and digits; an apostrophe or hyphen between two
//! letters joins ("O’Brien", "al-Assad", "week-and-a-half"), except that a
//! possessive "’s" or "'s" ends the word and is recorded on it, so that
//! "Trump’s" is the word "Trump" and never a different name.

use std::ops::Range;

/// One word of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the word, without a possessive ending.
    pub range: Range<usize>,
    /// Whether the word is followed by a possessive "’s" / "'s" / "’".
    pub possessive: bool,
}

impl Token {
    /// The word's text in `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range.clone()]
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || matches!(c, '-' | '‐' | '‑')
}

/// Splits `text` into word tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut possessive = false;
        let mut consumed_to = 0;
        loop {
            let rest = &text[end..];
            let mut it = rest.chars();
            match it.next() {
                Some(n) if n.is_alphanumeric() => {
                    end += n.len_utf8();
                }
                Some(j) if is_joiner(j) => {
                    let after = it.next();
                    let letter_after = after.is_some_and(char::is_alphanumeric);
                    if is_apostrophe(j) {
                        if after == Some('s') && !it.next().is_some_and(char::is_alphanumeric) {
                            possessive = true;
                            consumed_to = end + j.len_utf8() + 1;
                            break;
                        }
                        if !letter_after {
                            possessive = text[..end].ends_with('s');
                            break;
                        }
                    } else if !letter_after {
                        break;
                    }
                    end += j.len_utf8();
                }
                _ => break,
            }
        }
        while chars.peek().is_some_and(|&(i, _)| i < end.max(consumed_to)) {
            chars.next();
        }
        tokens.push(Token { range: start..end, possessive });
    }
    tokens
}

/// Whether `word` starts with an uppercase letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether only whitespace (no line break that ends a paragraph, and no
/// punctuation) separates `a` and `b` in `text`.
pub fn only_space_between(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.end > b.start {
        return false;
    }
    let gap = &text[a.end..b.start];
    !gap.is_empty() && gap.chars().all(char::is_whitespace) && gap.matches('\n').count() < 2
}

/// Whether `a` and `b` can be neighbouring words of one name: `a` is not
/// possessive and only spaces on one line separate them.
pub fn same_name_neighbours(text: &str, a: &Token, b: &Token) -> bool {
    !a.possessive && only_space_between(text, &a.range, &b.range) && !text[a.range.end..b.range.start].contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool)> {
        tokenize(text).iter().map(|t| (t.text(text), t.possessive)).collect()
    }

    #[test]
    fn possessives_end_the_word() {
        assert_eq!(
            words("Trump’s envoy, O’Brien's aide and the Smiths’ dog"),
            [
                ("Trump", true),
                ("envoy", false),
                ("O’Brien", true),
                ("aide", false),
                ("and", false),
                ("the", false),
                ("Smiths", true),
                ("dog", false)
            ]
        );
    }

    #[test]
    fn hyphens_join_and_dashes_split() {
        assert_eq!(
            words("week-and-a-half — ex- Зеленський 👋 27%"),
            [("week-and-a-half", false), ("ex", false), ("Зеленський", false), ("27", false)]
        );
    }

    #[test]
    fn spacing() {
        let t = "a b\n\nc";
        let toks = tokenize(t);
        assert!(only_space_between(t, &toks[0].range, &toks[1].range));
        assert!(!only_space_between(t, &toks[1].range, &toks[2].range));
    }
}
