//! Checking only the files a change touched (docs/ci.md): `git diff -z
//! --name-only --diff-filter=d BASE...HEAD | copydesk check --files-from -
//! --articles-only`, run exactly so, through a shell, in a scratch
//! repository.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs `script` with `sh -c` in `dir`, `copydesk` on the PATH.
fn sh(dir: &Path, script: &str) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_copydesk")).parent().unwrap().to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    Command::new("sh").args(["-c", script]).current_dir(dir).env("PATH", path).env_remove("CI").output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const MISSPELLED: &str = "Later Andrej Vloan left.\n";

/// A repository at `base` with three articles, then a change: one article
/// added, one edited (its name has a space), one deleted, one untouched;
/// the registry and the README edited too.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    write(root, "copydesk.toml", "registry = [\"actors.toml\"]\ninclude = [\"articles/**/*.md\"]\n");
    write(root, "actors.toml", "[[actor]]\nid = \"andrej-volan\"\nname = \"Andrej Volan\"\n");
    write(root, "README.md", "About Andrej Vloan.\n");
    write(root, "articles/old.md", MISSPELLED);
    write(root, "articles/with space.md", "Nothing yet.\n");
    write(root, "articles/gone.md", MISSPELLED);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "base"]);
    git(root, &["tag", "base"]);
    write(root, "articles/new.md", MISSPELLED);
    write(root, "articles/with space.md", MISSPELLED);
    write(root, "README.md", "About Andrej Vloan, again.\n");
    write(root, "actors.toml", "[[actor]]\nid = \"andrej-volan\"\nname = \"Andrej Volan\"\n# edited\n");
    std::fs::remove_file(root.join("articles/gone.md")).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "change"]);
    dir
}

const RECIPE: &str =
    "git diff -z --name-only --diff-filter=d base...HEAD | copydesk check --files-from - --articles-only";

#[test]
fn only_the_changed_articles_are_checked() {
    let repo = repository();
    let output = sh(repo.path(), &format!("{RECIPE} --format json"));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(&str, u64, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["column"].as_u64().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    // Not old.md (unchanged), nor README.md and actors.toml (not articles),
    // nor gone.md (deleted).
    assert_eq!(found, [("articles/new.md", 7, "misspelled-name"), ("articles/with space.md", 7, "misspelled-name")]);
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["errors"], serde_json::json!([]));
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_change_that_touches_no_article_checks_nothing() {
    let repo = repository();
    let output = sh(repo.path(), "git diff -z --name-only --diff-filter=d HEAD...HEAD | copydesk check --files-from -");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "No findings in 0 articles.\nLinked 0 mentions to 0 actors.\n"
    );
    // Without --files-from, no path is the whole folder.
    assert_eq!(sh(repo.path(), "copydesk check").status.code(), Some(1));
}

#[test]
fn a_list_file_one_path_a_line() {
    let repo = repository();
    write(repo.path(), "changed.txt", "articles/old.md\r\n\narticles/nowhere.md\n");
    let output = sh(repo.path(), "copydesk check --files-from changed.txt --format json");
    assert_eq!(output.status.code(), Some(2), "a listed path that does not exist is an error");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["findings"][0]["path"], "articles/old.md");
    assert_eq!(report["summary"]["files"], 1);
    assert!(
        stderr(&output).starts_with("articles/nowhere.md:1:1: error: no such file or folder; nothing checked there"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unusable_lists_are_usage_errors() {
    let repo = repository();
    let output = sh(repo.path(), "copydesk check --files-from missing.txt");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("copydesk: --files-from missing.txt: cannot read: No such file or directory"),
        "{}",
        stderr(&output)
    );
    let output = sh(repo.path(), "echo a.md | copydesk check --files-from - --stdin-jsonl");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "copydesk: --stdin-jsonl reads articles, not paths; use it or --files-from, not both\n"
    );
}
