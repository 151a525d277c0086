//! `copydesk init [DIR]`: a starter `copydesk.toml` and `actors.toml`,
//! with comments, from `data/init/`. An existing file is never
//! overwritten (it is created with `O_EXCL`, so not even one made
//! meanwhile, nor through a symbolic link).

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The starter files and their text.
const FILES: &[(&str, &str)] = &[
    ("copydesk.toml", include_str!("../../data/init/copydesk.toml")),
    ("actors.toml", include_str!("../../data/init/actors.toml")),
];

pub(super) fn run(dir: Option<PathBuf>) -> ExitCode {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("copydesk: cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut failed = false;
    for (name, text) in FILES {
        let path = dir.join(name);
        match create(&path, text) {
            Ok(true) => println!("created {}", path.display()),
            Ok(false) => println!("kept {} (it exists; init never overwrites)", path.display()),
            Err(e) => {
                eprintln!("copydesk: cannot write {}: {e}", path.display());
                failed = true;
            }
        }
    }
    if failed { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// Creates `path` with `text`; `Ok(false)` if something is already there.
fn create(path: &Path, text: &str) -> std::io::Result<bool> {
    let mut file = match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(e),
    };
    if let Err(e) = file.write_all(text.as_bytes()).and_then(|()| file.sync_all()) {
        // Leave no half-written starter file behind.
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    Ok(true)
}
