//! Fix safety, as users meet it: `copydesk rules` says whether each rule's
//! fixes are safe or unsafe, every fix in a report carries its rule's
//! safety, `--fix` applies only safe fixes and `--fix --unsafe-fixes` the
//! unsafe ones too (`--diff --unsafe-fixes` shows them).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).current_dir(dir).env_remove("CI").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const REGISTRY: &str = "[[actor]]\nid = \"ada-quill\"\nname = \"Ada Quill\"\n[[actor.roles]]\ntitle = \"Governor of Westmark\"\nforms = [\"Governor\"]\nfrom = \"2011-01-15\"\nto = \"2019-01-14\"\n";
const ARTICLE: &str = "Governor Ada Quill spoke on the the steps. Later Ada Quil left.\n";

/// A workspace whose one article has two safe fixes (a doubled word, a
/// misspelled name) and an unsafe one (a stale title).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"actors.toml\"]\ndate = 2024-05-01\n").unwrap();
    std::fs::write(dir.path().join("actors.toml"), REGISTRY).unwrap();
    std::fs::write(dir.path().join("a.md"), ARTICLE).unwrap();
    dir
}

/// Rule id → the fix column of `copydesk rules`.
fn fix_column() -> Vec<(String, String)> {
    let output = copydesk(Path::new(env!("CARGO_MANIFEST_DIR")), &["rules"]);
    text(&output.stdout)
        .lines()
        .map(|line| {
            let id = line.split_whitespace().next().unwrap().to_string();
            let fix = if line.contains("  unsafe fix  ") {
                "unsafe"
            } else if line.contains("  safe fix  ") {
                "safe"
            } else {
                ""
            };
            (id, fix.to_string())
        })
        .collect()
}

#[test]
fn rules_say_whether_their_fixes_are_safe() {
    let expected = [
        ("duplicated-name-token", "safe"),
        ("repeated-word", "safe"),
        ("misspelled-name", "safe"),
        ("name-variant", "safe"),
        ("house-style-term", "safe"),
        ("inconsistent-name", "unsafe"),
        ("unknown-actor", ""),
        ("ambiguous-name", ""),
        ("title-mismatch", "unsafe"),
        ("unsourced-statistic", ""),
        ("unattributed-quote", ""),
        ("vague-attribution", ""),
        ("invalid-front-matter", ""),
        ("invalid-suppression", ""),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(fix_column(), expected);
}

#[test]
fn every_fix_reported_has_its_rules_safety() {
    let safety: std::collections::HashMap<String, String> = fix_column().into_iter().collect();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let report: Value = serde_json::from_slice(&copydesk(&examples, &["check", "--format", "json"]).stdout).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for finding in report["findings"].as_array().unwrap() {
        let rule = finding["rule"].as_str().unwrap();
        for fix in finding["fixes"].as_array().unwrap() {
            assert_eq!(fix["applicability"].as_str().unwrap(), safety[rule], "{finding}");
            seen.insert(fix["applicability"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), ["safe", "unsafe"], "the examples have both kinds");
    assert_eq!(
        (report["summary"]["fixable"].as_u64(), report["summary"]["unsafe_fixable"].as_u64()),
        (Some(7), Some(3))
    );
}

#[test]
fn fix_applies_unsafe_fixes_only_when_asked() {
    let dir = workspace();
    let article = dir.path().join("a.md");
    let output = copydesk(dir.path(), &["check"]);
    assert!(
        text(&output.stdout).ends_with(
            "2 findings have a safe fix.\n1 finding has only an unsafe fix (review it, or apply with --fix --unsafe-fixes).\n\nSpellings that differ across articles:\n  Ada Quill (ada-quill): Quill: 1 article, Quil: 1 article\n"
        ),
        "{}",
        text(&output.stdout)
    );

    let output = copydesk(dir.path(), &["check", "--fix"]);
    assert_eq!(text(&output.stderr), "Fixed 2 findings in 1 file.\n");
    assert_eq!(output.status.code(), Some(1), "the stale title is left, at warning level");
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "Governor Ada Quill spoke on the steps. Later Ada Quill left.\n"
    );

    let output = copydesk(dir.path(), &["check", "--diff", "--unsafe-fixes"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-Governor Ada Quill spoke on the steps. Later Ada Quill left.\n+Former Governor Ada Quill spoke on the steps. Later Ada Quill left.\n"
    );
    assert_eq!(text(&output.stderr), "1 fix in 1 file would be applied by --fix --unsafe-fixes.\n");

    let output = copydesk(dir.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(text(&output.stderr), "Fixed 1 finding in 1 file.\n");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "Former Governor Ada Quill spoke on the steps. Later Ada Quill left.\n"
    );
    let output = copydesk(dir.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(text(&output.stderr), "Fixed 0 findings in 0 files.\n", "a second run changes nothing");

    // All at once from the start: every fix, safe and unsafe.
    std::fs::write(&article, ARTICLE).unwrap();
    let output = copydesk(dir.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(text(&output.stderr), "Fixed 3 findings in 1 file.\n");
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "Former Governor Ada Quill spoke on the steps. Later Ada Quill left.\n"
    );
}

#[test]
fn unsafe_fixes_without_fix_or_diff_is_a_usage_error() {
    let dir = workspace();
    let output = copydesk(dir.path(), &["check", "--unsafe-fixes"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "copydesk: --unsafe-fixes goes with --fix (apply them) or --diff (show them); `copydesk rules` says which \
         rules' fixes are unsafe\n"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), ARTICLE);
}
