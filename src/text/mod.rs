//! Small text utilities shared by linking and rules: word tokens, the
//! normalisation used for matching names, edit distance and id slugs.

pub mod calendar;
pub mod caps;
pub mod distance;
pub mod normalize;
pub mod slug;
pub mod terminal;
pub mod tokens;
pub mod wordlists;

/// The entries of a data file (`data/*.txt`): one per line, trimmed,
/// without blank lines and `#` comments.
pub fn data_entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub use terminal::shown_path;

/// At most the last `max` bytes of `text[..at]`, cut at a character
/// boundary: look-behind for context without scanning back to the start of
/// a huge line (which would make a per-match check quadratic).
pub fn tail(text: &str, at: usize, max: usize) -> &str {
    let mut start = at.saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at]
}

/// At most the first `max` bytes of `text[at..]`, cut at a character
/// boundary: look-ahead for context, bounded like [`tail`].
pub fn head(text: &str, at: usize, max: usize) -> &str {
    let mut end = (at + max).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[at..end]
}
