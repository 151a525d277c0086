//! Which bytes of an article are prose.
//!
//! Names inside code, link targets, URLs, HTML comments and markup are not
//! mentions, and numbers there are not statistics. Rather than have every
//! consumer skip those regions, the article keeps a *prose view*: the text
//! with every non-prose byte replaced by a space (line breaks kept). It has
//! the same length and line structure as the original, so byte offsets mean
//! the same thing in both.

use std::ops::Range;

/// Whether the article is Markdown (code spans, fences, links and HTML
/// are recognised) or plain text (only URLs and HTML comments are).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `.md`, `.markdown`.
    Markdown,
    /// Everything else.
    Plain,
}

/// Byte ranges of `text` that are not prose, sorted and non-overlapping,
/// starting at `from` (the end of the front matter).
pub fn non_prose_ranges(text: &str, from: usize, syntax: Syntax) -> Vec<Range<usize>> {
    let mut ranges = Vec::with_capacity(8);
    ranges.push(0..from);
    let bytes = text.as_bytes();
    let mut i = from;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if syntax == Syntax::Markdown
            && line_start
            && let Some(end) = fenced_block(text, i)
        {
            ranges.push(i..end);
            i = end;
            continue;
        }
        line_start = b == b'\n';
        let start = if b == b']' { i + 1 } else { i };
        let end = match b {
            b'<' if text[i..].starts_with("<!--") => Some(text[i..].find("-->").map_or(text.len(), |e| i + e + 3)),
            b'<' if syntax == Syntax::Markdown => html_tag(text, i),
            b'`' if syntax == Syntax::Markdown => code_span(text, i),
            b']' if syntax == Syntax::Markdown && bytes.get(i + 1) == Some(&b'(') => link_target(text, i + 1),
            b'h' | b'w' => url(text, i),
            _ => None,
        };
        match end {
            Some(end) => {
                ranges.push(start..end);
                i = end;
            }
            None => i += 1,
        }
    }
    ranges.retain(|r| !r.is_empty());
    ranges
}

/// `text` with the bytes in `ranges` blanked (line breaks kept).
pub fn blank(text: &str, ranges: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        for b in &mut bytes[range.clone()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Ranges start and end on ASCII delimiters or line ends, so every
    // multi-byte character is either kept whole or blanked whole.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A fenced code block starting at line start `i`: its end (after the
/// closing fence's line, or the end of the text).
fn fenced_block(text: &str, i: usize) -> Option<usize> {
    let line = &text[i..];
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let fence_char = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let fence_len = rest.len() - rest.trim_start_matches(fence_char).len();
    if fence_len < 3 {
        return None;
    }
    let after_open = text[i..].find('\n').map_or(text.len(), |n| i + n + 1);
    let mut pos = after_open;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |n| pos + n + 1);
        let content = text[pos..line_end].trim();
        if content.len() >= fence_len && content.chars().all(|c| c == fence_char) {
            return Some(line_end);
        }
        pos = line_end;
    }
    Some(text.len())
}

/// How far ahead an inline construct (code span, tag, link target) may
/// close: they are short, and an unclosed one must not make every later
/// character a candidate (quadratic time on stray backticks).
const INLINE_LIMIT: usize = 2048;

fn code_span(text: &str, i: usize) -> Option<usize> {
    let text = &text[..crate::position::floor_char_boundary(text, i + INLINE_LIMIT)];
    let run = text[i..].len() - text[i..].trim_start_matches('`').len();
    let ticks = &text[i..i + run];
    let body_start = i + run;
    let mut search = body_start;
    while let Some(found) = text[search..].find(ticks) {
        let at = search + found;
        let close_run = text[at..].len() - text[at..].trim_start_matches('`').len();
        if text[body_start..at].contains("\n\n") {
            return None;
        }
        if close_run == run {
            return Some(at + run);
        }
        search = at + close_run;
    }
    None
}

fn html_tag(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 1..crate::position::floor_char_boundary(text, i + 1 + INLINE_LIMIT).max(i + 1)];
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/') {
        return None;
    }
    let close = rest.find('>')?;
    let inner = &rest[..close];
    if inner.contains('\n') || inner.contains('<') {
        return None;
    }
    Some(i + 1 + close + 1)
}

fn link_target(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, c) in text[open..crate::position::floor_char_boundary(text, open + INLINE_LIMIT)].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + k + 1);
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

fn url(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    if !(rest.starts_with("https://") || rest.starts_with("http://") || rest.starts_with("www.")) {
        return None;
    }
    if i > 0 && text[..i].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let len = rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '”' | '»')).unwrap_or(rest.len());
    let trimmed = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '’', '\'']);
    Some(i + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str, syntax: Syntax) -> String {
        blank(text, &non_prose_ranges(text, 0, syntax))
    }

    #[test]
    fn markdown_code_links_and_comments_are_blanked() {
        let text = "See [Lena Marković](https://x.org/Lena_Marković) and `Talib Talib`.\n<!-- Pavel Horak -->\n```\nHorak said\n```\nHorak <b>said</b> www.horak.example.";
        let p = prose(text, Syntax::Markdown);
        assert_eq!(p.len(), text.len());
        assert!(p.starts_with("See [Lena Marković]"));
        assert!(!p.contains("x.org"));
        assert!(!p.contains("Talib"));
        assert_eq!(p.matches("Horak").count(), 1);
        assert!(p.contains("said"));
        assert!(p.ends_with("                    ."));
    }

    #[test]
    fn plain_text_keeps_backticks_and_brackets() {
        let text = "Costs `rose` [sic](2) <!-- x --> at https://a.example/b.";
        let p = prose(text, Syntax::Plain);
        assert!(p.starts_with("Costs `rose` [sic](2)"));
        assert!(!p.contains("x -->"));
        assert!(!p.contains("a.example"));
        assert!(p.ends_with('.'));
    }
}
