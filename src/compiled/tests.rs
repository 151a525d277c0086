use std::path::PathBuf;

use super::*;

const REGISTRY: &str = r#"
[[actor]]
id = "olena-kovalenko"
name = "Olena Kovalenko"
variants = ["Olena Kovalenco"]
[[actor.roles]]
title = "Minister of Energy"
forms = ["Energy Minister"]
from = "2024-03"

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

fn files(text: &str) -> Vec<(PathBuf, String)> {
    vec![(PathBuf::from("desk/actors.toml"), text.to_string())]
}

/// Compiles `files` with `cache` and waits for the cache write.
fn compiled(files: &[(PathBuf, String)], cache: &LexiconCache) -> Compiled {
    let compiled = compile(files, cache).unwrap_or_else(|p| panic!("{p:?}"));
    finish_writes();
    compiled
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    found.sort();
    found
}

/// What analysis sees of a compiled registry, to compare a cached one with
/// a built one.
fn observable(c: &Compiled) -> String {
    let actors: Vec<_> = c.registry.actors().iter().map(|a| (&a.id, &a.name, &a.roles, &a.origin)).collect();
    let forms: Vec<_> = c.lexicon.forms().iter().map(|f| (&f.text, &f.targets)).collect();
    let warnings: Vec<_> = c.warnings.iter().map(|w| (&w.path, &w.span, w.line, w.column, &w.message)).collect();
    format!("{actors:?}\n{forms:?}\n{warnings:?}\n{:?}", c.registry.by_id("harbour-board"))
}

#[test]
fn a_second_load_reads_the_cache_and_sees_the_same_registry() {
    let dir = tempfile::tempdir().unwrap();
    let cache = LexiconCache::in_dir(dir.path());
    let files = files(REGISTRY);
    let built = compiled(&files, &cache);
    assert!(!built.from_cache);
    assert_eq!(built.warnings.len(), 1, "the shared alias is a warning, and is cached with the registry");
    assert_eq!(cache_files(dir.path()).len(), 1);
    let read = compiled(&files, &cache);
    assert!(read.from_cache);
    assert_eq!(observable(&read), observable(&built));
}

#[test]
fn an_edited_registry_is_rebuilt_and_replaces_its_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let cache = LexiconCache::in_dir(dir.path());
    compiled(&files(REGISTRY), &cache);
    let before = cache_files(dir.path());
    let edited = files(&REGISTRY.replace("Olena Kovalenco", "Olena Kovalenkova"));
    let rebuilt = compiled(&edited, &cache);
    assert!(!rebuilt.from_cache);
    assert!(rebuilt.lexicon.form_by_text("Olena Kovalenkova").is_some());
    assert!(rebuilt.lexicon.form_by_text("Olena Kovalenco").is_none());
    let after = cache_files(dir.path());
    assert_eq!(after.len(), 1, "one entry per registry: {after:?}");
    assert_ne!(after, before);
    assert!(compiled(&edited, &cache).from_cache);
}

#[test]
fn the_same_text_under_another_path_is_another_registry() {
    let dir = tempfile::tempdir().unwrap();
    let cache = LexiconCache::in_dir(dir.path());
    compiled(&files(REGISTRY), &cache);
    let moved = vec![(PathBuf::from("other/actors.toml"), REGISTRY.to_string())];
    let read = compiled(&moved, &cache);
    assert!(!read.from_cache, "paths are part of what the registry reports");
    assert_eq!(read.registry.sources()[0].path, PathBuf::from("other/actors.toml"));
    assert_eq!(cache_files(dir.path()).len(), 2);
}

#[test]
fn a_damaged_cache_file_is_rebuilt_never_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let cache = LexiconCache::in_dir(dir.path());
    let files = files(REGISTRY);
    let built = compiled(&files, &cache);
    let path = cache_files(dir.path()).remove(0);
    let good = std::fs::read(&path).unwrap();
    let mut damaged: Vec<Vec<u8>> = Vec::new();
    // Every byte of the header, and bytes spread over the payload.
    let step = (good.len() / 64).max(1);
    for at in (0..60).chain((60..good.len()).step_by(step)) {
        let mut bytes = good.clone();
        bytes[at] ^= 0x41;
        damaged.push(bytes);
    }
    damaged.push(good[..good.len() / 2].to_vec());
    damaged.push(Vec::new());
    let mut longer = good.clone();
    longer.extend_from_slice(b"junk");
    damaged.push(longer);
    for bytes in damaged {
        std::fs::write(&path, &bytes).unwrap();
        let again = compile(&files, &cache).unwrap();
        assert!(!again.from_cache, "a damaged file was trusted");
        assert_eq!(observable(&again), observable(&built));
        finish_writes();
        let now = std::fs::read(&path).unwrap();
        let differs = now.iter().zip(&good).position(|(a, b)| a != b);
        assert!(
            now == good,
            "the rebuild rewrote the file whole: {} vs {} bytes, first difference at {differs:?}",
            now.len(),
            good.len()
        );
    }
}

#[test]
fn a_file_written_for_another_key_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let cache = LexiconCache::in_dir(dir.path());
    let files = files(REGISTRY);
    compiled(&files, &cache);
    let path = cache_files(dir.path()).remove(0);
    // Another registry's (or another build's) file under this key's name.
    let ours = CacheFile::for_files(dir.path(), &files);
    let key = ours.key();
    let stale = ours.with_key(key ^ 1);
    std::fs::copy(&path, stale.path()).unwrap();
    assert!(stale.read().is_none(), "the key in the header differs from the name's");
}

#[test]
fn an_earlier_entry_is_a_base_only_when_whole_and_written_by_this_build() {
    let dir = tempfile::tempdir().unwrap();
    let cache = LexiconCache::in_dir(dir.path());
    compiled(&files(REGISTRY), &cache);
    let earlier = cache_files(dir.path()).remove(0);
    let next = CacheFile::for_files(dir.path(), &files(&REGISTRY.replace("Olena Kovalenco", "Olena Kowalenko")));
    assert!(next.read().is_none(), "another version of the registry");
    let base = next.read_earlier_lexicon().expect("the entry before the edit");
    assert!(base.form_by_text("Olena Kovalenco").is_none(), "a base has patterns and an automaton only");
    let good = std::fs::read(&earlier).unwrap();
    // The layout, the key, the build that wrote it (bytes 52..60), the
    // payload: any byte changed and it is no base.
    for at in [17, 20, 52, 59, good.len() / 2, good.len() - 1] {
        let mut bytes = good.clone();
        bytes[at] ^= 0x41;
        std::fs::write(&earlier, &bytes).unwrap();
        assert!(next.read_earlier_lexicon().is_none(), "byte {at} changed");
    }
    std::fs::write(&earlier, &good[..good.len() - 1]).unwrap();
    assert!(next.read_earlier_lexicon().is_none(), "truncated");
}

#[test]
fn a_registry_with_errors_is_never_cached() {
    let dir = tempfile::tempdir().unwrap();
    let cache = LexiconCache::in_dir(dir.path());
    let broken = files("[[actor]]\nid = \"x\"\n");
    assert!(compile(&broken, &cache).is_err());
    finish_writes();
    assert!(cache_files(dir.path()).is_empty());
}

#[test]
fn an_unwritable_cache_folder_costs_nothing_but_time() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "not a folder").unwrap();
    let cache = LexiconCache::in_dir(blocked.join("cache"));
    let files = files(REGISTRY);
    assert!(!compiled(&files, &cache).from_cache);
    assert!(!compiled(&files, &cache).from_cache);
}

#[test]
fn keys_differ_with_contents_paths_and_order() {
    let cache_key = |files: &[(PathBuf, String)]| CacheFile::for_files(Path::new("/cache"), files).key();
    let a = (PathBuf::from("a.toml"), "x".to_string());
    let b = (PathBuf::from("b.toml"), "y".to_string());
    let key = cache_key(&[a.clone(), b.clone()]);
    assert_ne!(key, cache_key(&[b.clone(), a.clone()]));
    assert_ne!(key, cache_key(&[a.clone()]));
    assert_ne!(key, cache_key(&[a.clone(), (b.0.clone(), "z".to_string())]));
    // A path and a text cannot trade bytes: lengths are part of the key.
    assert_ne!(
        cache_key(&[(PathBuf::from("ab"), "c".to_string())]),
        cache_key(&[(PathBuf::from("a"), "bc".to_string())])
    );
}

#[test]
fn the_cli_and_the_server_share_an_entry_and_each_sees_its_own_paths() {
    let desk = tempfile::tempdir().unwrap();
    let registry = desk.path().join("actors.toml");
    std::fs::write(&registry, REGISTRY).unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = LexiconCache::in_dir(cache_dir.path());
    // The server names the file by its absolute path; a CLI run in a
    // subfolder names it through "..".
    let absolute = vec![(registry.clone(), REGISTRY.to_string())];
    let relative = vec![(desk.path().join("sub/../actors.toml"), REGISTRY.to_string())];
    std::fs::create_dir(desk.path().join("sub")).unwrap();
    let built = compiled(&relative, &cache);
    let shared = compiled(&absolute, &cache);
    assert!(shared.from_cache);
    assert_eq!(cache_files(cache_dir.path()).len(), 1);
    let fresh = crate::registry::parse_registry_text([(registry.as_path(), REGISTRY)]);
    assert_eq!(shared.registry.sources()[0].path, registry);
    let messages = |w: &[FileProblem]| w.iter().map(|p| (p.path.clone(), p.message.clone())).collect::<Vec<_>>();
    assert_eq!(messages(&shared.warnings), messages(&fresh.problems));
    assert_ne!(messages(&shared.warnings), messages(&built.warnings), "each run sees the paths it named");
}

#[test]
fn a_file_named_inside_another_files_name_is_renamed_once() {
    let first = "[[actor]]\nid = \"harbour-board\"\nname = \"Harbour Board\"\nkind = \"organization\"\naliases = [\"the Board\"]\n";
    let second =
        "[[actor]]\nid = \"port-board\"\nname = \"Port Board\"\nkind = \"organization\"\naliases = [\"the Board\"]\n";
    // Written by a run in the desk, where "more/actors.toml" ends with the
    // other file's name; read by one that names both absolutely.
    let (old_a, old_b) = (Path::new("more/actors.toml"), Path::new("actors.toml"));
    let (new_a, new_b) = (Path::new("/desk/more/actors.toml"), Path::new("/desk/actors.toml"));
    let written = crate::registry::parse_registry_text([(old_a, first), (old_b, second)]);
    assert_eq!(written.problems.len(), 1);
    let mut contents = file::Contents {
        lexicon: Lexicon::new(&written.registry),
        registry: written.registry,
        warnings: written.problems,
    };
    contents.rename_sources(&[new_a, new_b]);
    let fresh = crate::registry::parse_registry_text([(new_a, first), (new_b, second)]);
    let messages = |w: &[FileProblem]| w.iter().map(|p| (p.path.clone(), p.message.clone())).collect::<Vec<_>>();
    assert_eq!(messages(&contents.warnings), messages(&fresh.problems));
    assert_eq!(contents.registry.sources()[0].path, new_a);
}
