//! Text for terminals: control characters made visible.
//!
//! Article text, registry values and file names are untrusted: an escape
//! sequence in one (`ESC ] 0 ; title BEL` sets a window title, `ESC [ 2 J`
//! clears the screen) must never reach a terminal raw. Everything copydesk
//! prints as text goes through [`escape_controls`] or [`shown_path`],
//! which write C0 and C1 control characters and DEL as `\u{1b}`. JSON
//! and SARIF escape them as JSON does.

use std::borrow::Cow;
use std::path::Path;

/// Whether `c` must not reach a terminal raw: C0 controls (but TAB and
/// line feed, which only move the cursor), DEL and C1 controls.
fn is_unsafe(c: char, keep_layout: bool) -> bool {
    match c {
        '\t' | '\n' => !keep_layout,
        _ => c.is_control(),
    }
}

fn escape(text: &str, keep_layout: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, keep_layout)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c, keep_layout) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with every control character but TAB and line feed escaped.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// `text` on one line: every control character escaped, TAB and line
/// feed too (for names and excerpts inside a line of output).
pub fn escape_all_controls(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// A path as text output shows it: lossy UTF-8, every control character
/// escaped.
pub fn shown_path(path: &Path) -> String {
    escape_all_controls(&path.to_string_lossy()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_visibly() {
        assert_eq!(
            escape_controls("a\u{1b}]0;title\u{7}b\u{1b}[2J\u{7f}\u{9b}c\td\n"),
            "a\\u{1b}]0;title\\u{7}b\\u{1b}[2J\\u{7f}\\u{9b}c\td\n"
        );
        assert_eq!(escape_all_controls("a\tb\nc"), "a\\u{9}b\\u{a}c");
        assert!(matches!(escape_controls("Marković"), Cow::Borrowed(_)));
        assert_eq!(shown_path(Path::new("x\u{1b}[2J.md")), "x\\u{1b}[2J.md");
    }
}
