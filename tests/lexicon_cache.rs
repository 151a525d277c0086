//! The compiled lexicon cache through the binary: a second run reads what
//! the first saved and reports exactly the same; a damaged, truncated or
//! stale cache file changes nothing but time and is replaced; an empty
//! `COPYDESK_CACHE_DIR` turns the cache off; nothing is written in the
//! workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REGISTRY: &str = r#"[[actor]]
id = "ana-ruiz"
name = "Ana Ruiz"
variants = ["Ana Ruis"]
[[actor.roles]]
title = "Mayor of Porto Verde"
forms = ["Mayor"]
from = "2022-01"

[[actor]]
id = "harbour-board"
name = "Harbour Board"
kind = "organization"
aliases = ["the Board"]

[[actor]]
id = "port-board"
name = "Port Board"
kind = "organization"
aliases = ["the Board"]
"#;

const ARTICLE: &str = "---\ndate: 2026-03-02\n---\nMayor Ana Ruis said the Board met. Ruiz said 40% of boats left.\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"actors.toml\"]\n").unwrap();
    std::fs::write(dir.path().join("actors.toml"), REGISTRY).unwrap();
    std::fs::write(dir.path().join("story.md"), ARTICLE).unwrap();
    dir
}

fn check(dir: &Path, cache: &str, format: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", format, "--fail-on", "never"])
        .current_dir(dir)
        .env("COPYDESK_CACHE_DIR", cache)
        .env_remove("CI")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!("{}\n--- stderr ---\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<PathBuf> = read.map(|e| e.unwrap().path()).collect();
    found.sort();
    found
}

#[test]
fn a_warm_run_reports_exactly_what_a_cold_one_does() {
    let ws = workspace();
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let none = check(ws.path(), "", "text");
    assert!(text(&none).contains("ana-ruiz"), "{}", text(&none));
    for format in ["text", "json"] {
        let cold = check(ws.path(), cache_dir, format);
        assert_eq!(entries(cache.path()).len(), 1, "one file for the registry");
        let warm = check(ws.path(), cache_dir, format);
        assert_eq!(text(&warm), text(&cold), "{format}");
    }
    assert_eq!(text(&check(ws.path(), cache_dir, "text")), text(&none));
    // The registry's warning (the shared alias) is reported on a warm run too.
    assert!(text(&none).contains("`the Board` is claimed by actors `harbour-board`"), "{}", text(&none));
    let names: Vec<String> =
        entries(ws.path()).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["actors.toml", "copydesk.toml", "story.md"], "nothing written in the workspace");
}

#[test]
fn a_damaged_or_stale_cache_changes_nothing_and_is_replaced() {
    let ws = workspace();
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let expected = text(&check(ws.path(), cache_dir, "json"));
    let file = entries(cache.path()).remove(0);
    let good = std::fs::read(&file).unwrap();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0xff;
    for damaged in [flipped, good[..good.len() - 3].to_vec(), b"COPYDESK-LEXICON".to_vec(), Vec::new()] {
        std::fs::write(&file, &damaged).unwrap();
        assert_eq!(text(&check(ws.path(), cache_dir, "json")), expected);
        assert_eq!(std::fs::read(&file).unwrap(), good, "rewritten whole");
    }
    // An edited registry is a new entry that replaces the old one.
    std::fs::write(ws.path().join("actors.toml"), REGISTRY.replace("Ana Ruis", "Ana Ruys")).unwrap();
    let edited = text(&check(ws.path(), cache_dir, "json"));
    assert_ne!(edited, expected);
    let now = entries(cache.path());
    assert_eq!(now.len(), 1);
    assert_ne!(now[0], file);
    assert_eq!(text(&check(ws.path(), cache_dir, "json")), edited);
}

#[test]
fn an_empty_cache_variable_turns_the_cache_off() {
    let ws = workspace();
    let home = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--fail-on", "never"])
        .current_dir(ws.path())
        .env("COPYDESK_CACHE_DIR", "")
        .env("HOME", home.path())
        .env("XDG_CACHE_HOME", home.path().join("xdg"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    assert!(entries(home.path()).is_empty(), "{:?}", entries(home.path()));
}

#[test]
fn by_default_the_cache_is_in_the_users_cache_folder() {
    let ws = workspace();
    let home = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--fail-on", "never"])
        .current_dir(ws.path())
        .env_remove("COPYDESK_CACHE_DIR")
        .env("HOME", home.path())
        .env("XDG_CACHE_HOME", home.path().join("xdg"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let files = entries(&home.path().join("xdg/copydesk"));
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].extension().is_some_and(|e| e == "lexicon"));
}

/// The example registry and a hundred more people: large enough that an
/// edit of one actor is a small share of its forms, so the next run
/// patches the earlier entry's automaton rather than building a whole one.
fn larger_registry() -> String {
    let mut text = REGISTRY.to_string();
    for i in 0..100 {
        text.push_str(&format!(
            "\n[[actor]]\nid = \"person-{i}\"\nname = \"Nadia Okafor{i}\"\naliases = [\"N. Okafor{i}\"]\n"
        ));
    }
    text
}

#[test]
fn an_edited_registry_patches_the_earlier_entry_and_reports_what_a_full_build_does() {
    let ws = workspace();
    std::fs::write(ws.path().join("actors.toml"), larger_registry()).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let before = text(&check(ws.path(), cache_dir, "json"));
    let earlier = entries(cache.path());
    assert_eq!(earlier.len(), 1);

    // One actor's variant changes: the article's "Ana Ruis" is no longer
    // a registered spelling, "Ana Ruiz" still is.
    std::fs::write(ws.path().join("actors.toml"), larger_registry().replace("\"Ana Ruis\"", "\"Ana Ruys\"")).unwrap();
    let full = text(&check(ws.path(), "", "json"));
    assert_ne!(full, before);
    assert!(!full.contains("name-variant"), "{full}");
    for format in ["json", "text"] {
        assert_eq!(text(&check(ws.path(), cache_dir, format)), text(&check(ws.path(), "", format)), "{format}");
    }
    // Patched from the earlier entry, which stays: a patched lexicon is
    // never saved.
    assert_eq!(entries(cache.path()), earlier);

    // A damaged earlier entry is never a base: a whole build, saved.
    let mut bytes = std::fs::read(&earlier[0]).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&earlier[0], &bytes).unwrap();
    assert_eq!(text(&check(ws.path(), cache_dir, "json")), full);
    let now = entries(cache.path());
    assert_eq!(now.len(), 1);
    assert_ne!(now, earlier);
    assert_eq!(text(&check(ws.path(), cache_dir, "json")), full);
}
