//! Gives the build an identity for the compiled lexicon cache
//! (`src/compiled`): a hash of every source and data file, so a cache
//! written by one build of copydesk is never read by another, even when
//! both call themselves the same version.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn main() {
    let mut hasher = DefaultHasher::new();
    for dir in ["src", "data"] {
        println!("cargo:rerun-if-changed={dir}");
        hash_tree(Path::new(dir), &mut hasher);
    }
    for file in ["Cargo.lock", "Cargo.toml"] {
        println!("cargo:rerun-if-changed={file}");
        std::fs::read(file).unwrap_or_default().hash(&mut hasher);
    }
    println!("cargo:rustc-env=COPYDESK_BUILD_ID={:016x}", hasher.finish());
}

/// Hashes the paths and contents of the files under `dir`, in name order.
fn hash_tree(dir: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_tree(&path, hasher);
        } else {
            path.to_string_lossy().hash(hasher);
            std::fs::read(&path).unwrap_or_default().hash(hasher);
        }
    }
}
