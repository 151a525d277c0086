//! The normalisation under which names are matched.
//!
//! Newsroom text writes the same name with curly or straight apostrophes,
//! non-breaking spaces, or a line break in the middle when hard-wrapped.
//! Registry forms and article text are both normalised the same way before
//! matching: every run of white space becomes one space (or a newline where
//! the run holds a blank line, so a name never spans paragraphs), curly
//! apostrophes become `'`, and Unicode hyphens become `-`. [`MatchText`]
//! keeps a map back to the original byte offsets.

use std::ops::Range;

/// Text prepared for matching, with a map back to the original offsets.
#[derive(Clone, Debug)]
pub struct MatchText {
    /// The normalised text.
    pub text: String,
    /// (normalised offset, original offset) wherever the two stop moving in
    /// step; between anchors the offsets differ by a constant. Sparse: most
    /// characters need none.
    anchors: Vec<(u32, u32)>,
}

fn replacement(c: char) -> Option<char> {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => Some('\''),
        '\u{2010}' | '\u{2011}' => Some('-'),
        _ => None,
    }
}

/// Whether an ASCII byte is white space (as `char::is_whitespace` says).
fn is_ascii_space(b: u8) -> bool {
    (b as char).is_whitespace()
}

impl MatchText {
    /// Normalises `original`.
    pub fn new(original: &str) -> MatchText {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut anchors = vec![(0u32, 0u32)];
        let mut i = 0;
        while i < bytes.len() {
            // Copy whole runs that normalise to themselves, ASCII other than
            // white space with single spaces between, as one slice: nearly
            // all of an article is such runs.
            let run = i;
            while i < bytes.len() && bytes[i].is_ascii() && !is_ascii_space(bytes[i]) {
                i += 1;
                if i + 1 < bytes.len() && bytes[i] == b' ' && bytes[i + 1].is_ascii() && !is_ascii_space(bytes[i + 1]) {
                    i += 1;
                }
            }
            text.push_str(&original[run..i]);
            let Some(c) = original[i..].chars().next() else { break };
            let before = text.len();
            let mut end = i + c.len_utf8();
            if c.is_whitespace() {
                let mut newlines = usize::from(c == '\n');
                for n in original[end..].chars().take_while(|n| n.is_whitespace()) {
                    newlines += usize::from(n == '\n');
                    end += n.len_utf8();
                }
                text.push(if newlines >= 2 { '\n' } else { ' ' });
            } else {
                text.push(replacement(c).unwrap_or(c));
            }
            if text.len() - before != end - i {
                anchors.push((before as u32, i as u32));
                anchors.push((text.len() as u32, end as u32));
            }
            i = end;
        }
        MatchText { text, anchors }
    }

    fn original(&self, normalized: usize) -> usize {
        let k = self.anchors.partition_point(|&(n, _)| n as usize <= normalized) - 1;
        let (n, o) = self.anchors[k];
        o as usize + (normalized - n as usize)
    }

    /// The original byte range of the normalised range `range`. A range that
    /// does not end in white space maps exactly (names never do).
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.original(range.start)..self.original(range.end)
    }
}

/// Normalises a registry form the same way as article text.
pub fn normalize_form(form: &str) -> String {
    let form = form.trim();
    // Most forms are already normal: single ASCII spaces, no curly
    // apostrophes or Unicode hyphens. Skip the full pass for them.
    let plain =
        !form.contains("  ") && form.chars().all(|c| (c == ' ' || !c.is_whitespace()) && replacement(c).is_none());
    if plain { form.to_string() } else { MatchText::new(form).text }
}

/// `text` without its diacritics ("Ševčíková" → "Sevcikova", "Øresund" →
/// "Oresund"): canonical decomposition without the combining marks, and the
/// Latin letters that do not decompose mapped to their base letters.
/// Borrowed when there is nothing to fold.
pub fn fold_diacritics(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("Ae"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("Oe"),
            _ => out.push(c),
        }
    }
    if out == text { std::borrow::Cow::Borrowed(text) } else { std::borrow::Cow::Owned(out) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_fold_to_base_letters() {
        assert_eq!(fold_diacritics("Olga Ševčíková"), "Olga Sevcikova");
        assert_eq!(fold_diacritics("Lech Wałęsa"), "Lech Walesa");
        assert_eq!(fold_diacritics("Олег Бондар"), "Олег Бондар");
        assert!(matches!(fold_diacritics("Ana Ruiz"), std::borrow::Cow::Borrowed(_)));
    }

    /// The definition, one character at a time: the fast path must agree.
    fn normalise_char_by_char(original: &str) -> MatchText {
        let mut text = String::new();
        let mut anchors = vec![(0u32, 0u32)];
        let mut chars = original.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let before = text.len();
            let mut end = i + c.len_utf8();
            if c.is_whitespace() {
                let mut newlines = usize::from(c == '\n');
                while let Some(&(j, n)) = chars.peek().filter(|(_, n)| n.is_whitespace()) {
                    newlines += usize::from(n == '\n');
                    end = j + n.len_utf8();
                    chars.next();
                }
                text.push(if newlines >= 2 { '\n' } else { ' ' });
            } else {
                text.push(replacement(c).unwrap_or(c));
            }
            if text.len() - before != end - i {
                anchors.push((before as u32, i as u32));
                anchors.push((text.len() as u32, end as u32));
            }
        }
        MatchText { text, anchors }
    }

    #[test]
    fn the_fast_path_agrees_with_the_definition() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
        let piece = prop::sample::select(vec![
            "a", "Zoë", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u{a0}", "\u{2009}", "’", "‘", "\u{2011}", "-", "Ж",
            "👋", "\u{b}", "\u{1c}", ".",
        ]);
        let text = prop::collection::vec(piece, 0..40).prop_map(|p| p.concat());
        let config = Config { cases: 2000, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]));
        runner
            .run(&text, |text| {
                let (fast, slow) = (MatchText::new(&text), normalise_char_by_char(&text));
                prop_assert_eq!(&fast.text, &slow.text);
                prop_assert_eq!(&fast.anchors, &slow.anchors);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let original = "said O’Brien\u{a0}Jr. and\n  Lena\nMarković\n\nNext";
        let m = MatchText::new(original);
        assert_eq!(m.text, "said O'Brien Jr. and Lena Marković\nNext");
        let at = m.text.find("O'Brien Jr.").unwrap();
        let r = m.original_range(at..at + "O'Brien Jr.".len());
        assert_eq!(&original[r], "O’Brien\u{a0}Jr.");
        let at = m.text.find("Lena Marković").unwrap();
        let r = m.original_range(at..at + "Lena Marković".len());
        assert_eq!(&original[r], "Lena\nMarković");
        assert_eq!(normalize_form(" Ana  de la Vega "), "Ana de la Vega");
    }
}
