//! `check --files-from FILE|-`: the paths to check, from a file or from
//! standard input, as `git diff --name-only` (one a line) or `git diff -z`
//! (NUL-separated) writes them.

use std::path::{Path, PathBuf};

use crate::input::{PATH_LIST_CAP, ReadError, read_all_capped};

/// The paths listed in `list` (`-` for standard input): NUL-separated if
/// the list has a NUL byte, else one a line (a `\r` before the line break
/// is dropped, for lists written on Windows). Empty entries are skipped.
/// The error says what went wrong and names the list.
pub(super) fn read(list: &Path) -> Result<Vec<PathBuf>, String> {
    let from_stdin = list == Path::new("-");
    let shown = if from_stdin { "standard input".to_string() } else { crate::text::shown_path(list) };
    // Capped like every read (invariant 15): an endless pipe cannot fill memory.
    let bytes = if from_stdin {
        read_all_capped(std::io::stdin().lock(), PATH_LIST_CAP)
    } else {
        crate::input::read_capped(list, PATH_LIST_CAP)
    }
    .map_err(|e| match e {
        ReadError::Io(e) => format!("--files-from {shown}: cannot read: {e}"),
        too_large => format!("--files-from {shown}: {too_large}; split the list"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "--files-from {shown}: not UTF-8 (invalid byte at offset {}); list paths as UTF-8 text",
            e.utf8_error().valid_up_to()
        )
    })?;
    let entries: Vec<&str> = if text.contains('\0') {
        text.split('\0').collect()
    } else {
        text.lines().map(|line| line.strip_suffix('\r').unwrap_or(line)).collect()
    };
    Ok(entries.into_iter().filter(|entry| !entry.is_empty()).map(PathBuf::from).collect())
}
