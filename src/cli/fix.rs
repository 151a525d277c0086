//! `check --fix` and `check --diff`: applying safe fixes (and, with
//! `--unsafe-fixes`, unsafe ones) to files.
//!
//! Writes are atomic (a new temporary file beside the article, then a
//! rename; see [`super::safe_write`]) and are skipped when the file changed
//! after it was read, so a fix never
//! overwrites somebody's newer edit and an interrupted run leaves the old
//! file intact. Fixing repeats until no safe fix is left, so a second
//! `--fix` changes nothing.

use std::path::Path;

use crate::article::Article;
use crate::finding::{Applicability, Edit};
use crate::workspace::Workspace;

/// How many times fixing is repeated at most (a fix can reveal another).
const MAX_PASSES: usize = 5;

/// `text` (an article's text, without byte-order mark) with every safe fix
/// applied (and every unsafe one with `unsafe_too`), and how many fixes
/// were applied.
pub fn apply_fixes(workspace: &Workspace, path: &Path, text: &str, unsafe_too: bool) -> (String, usize) {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let article = Article::for_path(path, &current);
        let analysis = workspace.analyze(path, &article);
        let mut edits: Vec<&Edit> = analysis
            .findings
            .iter()
            .filter_map(|f| f.fixes.first())
            .filter(|fix| unsafe_too || fix.applicability == Applicability::Safe)
            .flat_map(|fix| fix.edits.iter())
            .collect();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let mut chosen: Vec<&Edit> = Vec::new();
        for edit in edits {
            if chosen.last().is_none_or(|last| last.range.end <= edit.range.start) {
                chosen.push(edit);
            }
        }
        if chosen.is_empty() {
            break;
        }
        let mut next = article.text().to_string();
        for edit in chosen.iter().rev() {
            next.replace_range(edit.range.clone(), &edit.replacement);
        }
        applied += chosen.len();
        current = next;
    }
    (current, applied)
}

/// Replaces `path` with `text` (plus the byte-order mark if it had one),
/// unless its bytes are no longer `original` or it must not be rewritten
/// (see [`super::safe_write`]).
pub fn write_atomically(path: &Path, original: &[u8], text: &str, bom: bool) -> Result<(), String> {
    let bom: &[u8] = if bom { "\u{feff}".as_bytes() } else { b"" };
    super::safe_write::replace_file(path, original, &[bom, text.as_bytes()])
}

/// A unified diff of `old` to `new`, labelled with `path`.
pub fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let shown = path.to_string_lossy();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_atomic_and_refuse_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old text").unwrap();
        assert_eq!(
            write_atomically(&path, b"what we read earlier", "new", false).unwrap_err(),
            "changed since it was read; not fixed (run again)"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old text");
        write_atomically(&path, b"old text", "new text", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "\u{feff}new text");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("a.md")]);
    }
}
