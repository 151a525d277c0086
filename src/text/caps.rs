//! Copy set in capitals ("MAYOR BOB SCOTT VOTED NO"): lines whose letters
//! are nearly all capitals, and a view of the text in which their words are
//! written in title case ("Mayor Bob Scott Voted No"), so that registered
//! names are linked and their misspellings found there too.
//!
//! Only ASCII words are recased, so the view has the text's byte offsets.

use std::borrow::Cow;
use std::ops::Range;

/// The text with its capitals lines recased, and where those lines are.
pub struct CapsView<'t> {
    /// The text, its capitals lines in title case (borrowed when there are
    /// none).
    pub text: Cow<'t, str>,
    /// Byte ranges of the capitals lines, in order.
    pub lines: Vec<Range<usize>>,
}

impl CapsView<'_> {
    /// Whether `offset` is on a capitals line.
    pub fn in_caps(&self, offset: usize) -> bool {
        let i = self.lines.partition_point(|r| r.end <= offset);
        self.lines.get(i).is_some_and(|r| r.start <= offset)
    }
}

/// `replacement` in capitals when `written` is set in capitals ("BOB SCOT"
/// is corrected to "BOB SCOTT"), else as it is.
pub fn as_written(written: &str, replacement: &str) -> String {
    let capitals = written.chars().any(char::is_uppercase) && !written.chars().any(char::is_lowercase);
    if capitals && written.chars().filter(|c| c.is_alphabetic()).count() > 1 {
        replacement.to_uppercase()
    } else {
        replacement.to_string()
    }
}

/// The fewest cased letters a line needs to count as set in capitals.
const MIN_LETTERS: usize = 12;

/// Builds the capitals view of `text` in one pass.
pub fn caps_view(text: &str) -> CapsView<'_> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let (mut upper, mut lower) = (0usize, 0usize);
        for c in line.chars() {
            upper += usize::from(c.is_uppercase());
            lower += usize::from(c.is_lowercase());
        }
        if upper >= MIN_LETTERS && lower * 20 <= upper {
            lines.push(start..start + line.len());
        }
        start += line.len();
    }
    if lines.is_empty() {
        return CapsView { text: Cow::Borrowed(text), lines };
    }
    let mut bytes = text.as_bytes().to_vec();
    for line in &lines {
        recase(&mut bytes[line.clone()]);
    }
    // Only ASCII letters changed case: still UTF-8.
    let text = String::from_utf8(bytes).expect("recasing ASCII letters keeps UTF-8");
    CapsView { text: Cow::Owned(text), lines }
}

/// Writes each all-capitals ASCII word of two letters or more in title
/// case, and a letter after an apostrophe ("’S", "'T") in lowercase.
fn recase(line: &mut [u8]) {
    let mut k = 0;
    while k < line.len() {
        if !line[k].is_ascii_alphabetic() {
            k += 1;
            continue;
        }
        let start = k;
        while k < line.len() && line[k].is_ascii_alphabetic() {
            k += 1;
        }
        // A word touching a non-ASCII letter ("ŠEVČÍKOVÁ") is left as it is.
        if letter_at(line, k) || (start > 0 && letter_before(line, start)) {
            continue;
        }
        if k - start == 1 && after_apostrophe(line, start) {
            line[start] = line[start].to_ascii_lowercase();
        } else if k - start >= 2 && line[start..k].iter().all(u8::is_ascii_uppercase) {
            line[start + 1..k].make_ascii_lowercase();
        }
    }
}

/// Whether a (non-ASCII) letter starts at byte `at`.
fn letter_at(line: &[u8], at: usize) -> bool {
    let Some(&lead) = line.get(at) else { return false };
    let len = match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return false,
    };
    line.get(at..at + len)
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .is_some_and(|c| c.chars().all(char::is_alphabetic))
}

/// Whether a (non-ASCII) letter ends right before byte `at`.
fn letter_before(line: &[u8], at: usize) -> bool {
    let mut start = at - 1;
    while start > 0 && at - start < 4 && (0x80..0xC0).contains(&line[start]) {
        start -= 1;
    }
    line[start] >= 0xC0 && letter_at(line, start)
}

/// Whether the byte at `at` follows an apostrophe ("'" or "’").
fn after_apostrophe(line: &[u8], at: usize) -> bool {
    (at >= 1 && line[at - 1] == b'\'') || (at >= 3 && line[at - 3..at] == *"’".as_bytes())
}

#[cfg(test)]
mod tests {
    use super::caps_view;

    #[test]
    fn capitals_lines_are_recased_with_the_same_offsets() {
        let text = "Normal Text stays.\nMAYOR BOB SCOTT’S PLAN PASSED BY A 4-1 VOTE.\nAnd NASA too.\nOLGA ŠEVČÍKOVÁ SAID SO TODAY.";
        let view = caps_view(text);
        assert_eq!(
            view.text,
            "Normal Text stays.\nMayor Bob Scott’s Plan Passed By A 4-1 Vote.\nAnd NASA too.\nOlga ŠEVČÍKOVÁ Said So Today."
        );
        assert_eq!(view.text.len(), text.len());
        let (mayor, and, olga) = (text.find("MAYOR").unwrap(), text.find("And").unwrap(), text.find("OLGA").unwrap());
        assert_eq!(view.lines, [mayor..and, olga..text.len()]);
        assert!(view.in_caps(mayor) && !view.in_caps(5) && !view.in_caps(and));
    }

    #[test]
    fn text_without_capitals_lines_is_borrowed() {
        let view = caps_view("The Mayor said NO to the BBC.");
        assert!(matches!(view.text, std::borrow::Cow::Borrowed(_)));
        assert!(view.lines.is_empty());
    }
}
