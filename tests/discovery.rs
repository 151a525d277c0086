//! Every `copydesk.toml` in the tree is discovered (#15): each file is
//! checked with the configuration nearest above it, below the checked
//! folder included; `--config` forces one for all; files no configuration
//! governs are checked with the defaults, and the run says so once.

mod common;

use std::path::Path;
use std::process::Output;

use common::{json, stderr};
use serde_json::Value;

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    common::command(dir, args).env_remove("CI").output().unwrap()
}

/// A scratch tree with the given files.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    common::workspace(&files.iter().map(|(path, content)| (*path, content.as_bytes())).collect::<Vec<_>>())
}

/// Path, line, column, rule and actor of every finding.
fn findings(report: &Value) -> Vec<(String, u64, u64, String, Option<String>)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["actor"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn row(
    path: &str,
    line: u64,
    column: u64,
    rule: &str,
    actor: Option<&str>,
) -> (String, u64, u64, String, Option<String>) {
    (path.to_string(), line, column, rule.to_string(), actor.map(str::to_string))
}

const VOLAN: &str = "[[actor]]\nid = \"andrej-volan\"\nname = \"Andrej Volan\"\n";
const RUIZ: &str = "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\n";

#[test]
fn a_configuration_below_the_checked_folder_governs_its_files() {
    let dir = tree(&[
        ("examples/copydesk.toml", "registry = [\"actors.toml\"]\ninclude = [\"articles/**/*.md\"]\n"),
        ("examples/actors.toml", VOLAN),
        ("examples/articles/a.md", "President Andrej Vloan spoke.\n"),
        ("examples/notes.md", "Not an article by the configuration: Andrej Vloan.\n"),
        ("README.md", "Andrej Vloan met Ana Ruiz.\n"),
    ]);
    let output = copydesk(dir.path(), &["check", ".", "--format", "json", "--fail-on", "never"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        findings(&json(&output)),
        [
            // No configuration above README.md: the defaults (no registry),
            // so the misspelling is not seen, only an unregistered person.
            row("README.md", 1, 18, "unknown-actor", None),
            row("examples/articles/a.md", 1, 11, "misspelled-name", Some("andrej-volan")),
        ]
    );
    assert_eq!(
        stderr(&output),
        "copydesk: no copydesk.toml governs 1 article under .: checked with the defaults (no registry, so names \
         are not linked) — add a copydesk.toml naming your registry in . or a folder above it, or pass --config\n"
    );
}

#[test]
fn each_configuration_uses_its_own_registry_and_globs() {
    let dir = tree(&[
        (
            "copydesk.toml",
            "registry = [\"actors.toml\"]\nexclude = [\"drafts/**\"]\n[rules]\nunknown-actor = \"off\"\n",
        ),
        ("actors.toml", VOLAN),
        ("a.md", "Andrej Vloan met Ana Ruis.\n"),
        ("drafts/b.md", "Andrej Vloan.\n"),
        // Another desk: its own registry, rules and include; the parent's
        // exclude and rule levels do not reach it.
        ("desk/copydesk.toml", "registry = [\"people.toml\"]\ninclude = [\"**/*.txt\"]\n"),
        ("desk/people.toml", RUIZ),
        ("desk/c.txt", "Ana Ruis met Marta Kelling.\n"),
        ("desk/d.md", "Andrej Vloan.\n"),
        ("desk/drafts/e.txt", "Ana Ruis.\n"),
    ]);
    let output = copydesk(dir.path(), &["check", "--format", "json", "--fail-on", "never"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        findings(&json(&output)),
        [
            row("a.md", 1, 1, "misspelled-name", Some("andrej-volan")),
            row("desk/c.txt", 1, 1, "misspelled-name", Some("ana-ruiz")),
            row("desk/c.txt", 1, 14, "unknown-actor", None),
            row("desk/drafts/e.txt", 1, 1, "misspelled-name", Some("ana-ruiz")),
        ]
    );
    assert_eq!(stderr(&output), "", "every article has a configuration");
    let report = json(&output);
    assert_eq!(report["summary"]["files"], 3);

    // Named files and folders inside the desk find the desk's configuration.
    let output = copydesk(&dir.path().join("desk"), &["check", "c.txt", "--format", "json", "--fail-on", "never"]);
    assert_eq!(
        findings(&json(&output)),
        [row("c.txt", 1, 1, "misspelled-name", Some("ana-ruiz")), row("c.txt", 1, 14, "unknown-actor", None)]
    );

    // --config forces one configuration on every file, the desk's too.
    let output =
        copydesk(dir.path(), &["check", "--config", "copydesk.toml", "--format", "json", "--fail-on", "never"]);
    let report = json(&output);
    assert_eq!(
        findings(&report),
        [
            row("a.md", 1, 1, "misspelled-name", Some("andrej-volan")),
            row("desk/d.md", 1, 1, "misspelled-name", Some("andrej-volan"))
        ]
    );
    // a.md, desk/c.txt, desk/d.md, desk/drafts/e.txt: the root's globs.
    assert_eq!(report["summary"]["files"], 4);
}

#[test]
fn a_broken_configuration_below_stops_the_run_with_its_location() {
    let dir = tree(&[
        ("copydesk.toml", "registry = []\n"),
        ("a.md", "Text.\n"),
        ("desk/copydesk.toml", "registry = []\nincludes = [\"*.md\"]\n"),
        ("desk/b.md", "Text.\n"),
    ]);
    let output = copydesk(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("desk/copydesk.toml:2:1: error: invalid configuration: unknown field `includes`"),
        "{}",
        stderr(&output)
    );
    // The SARIF log is still written, and valid.
    assert_eq!(json(&output)["version"], "2.1.0");
}

#[test]
fn machine_output_stays_valid_when_some_articles_have_no_configuration() {
    let dir = tree(&[
        ("ws/copydesk.toml", "registry = [\"actors.toml\"]\n"),
        ("ws/actors.toml", VOLAN),
        ("ws/a.md", "Andrej Vloan.\n"),
        ("loose/one.md", "Ana Ruiz spoke.\n"),
        ("loose/deeper/two.txt", "Ana Ruiz spoke.\n"),
    ]);
    for format in ["json", "sarif"] {
        let output = copydesk(dir.path(), &["check", "--format", format, "--fail-on", "never"]);
        assert_eq!(output.status.code(), Some(0));
        json(&output);
        assert!(
            stderr(&output).starts_with("copydesk: no copydesk.toml governs 2 articles under loose: "),
            "{}",
            stderr(&output)
        );
    }
    // With ./actors.toml beside them, the defaults link names with it.
    std::fs::write(dir.path().join("actors.toml"), RUIZ).unwrap();
    let output = copydesk(dir.path(), &["check", "loose", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(findings(&json(&output)).is_empty());
    assert!(
        stderr(&output).contains(": checked with the defaults (registry actors.toml) — add a copydesk.toml"),
        "{}",
        stderr(&output)
    );
}

/// The README's promise for a repository whose articles live in
/// `examples/`: `copydesk check .` at its root finds the examples'
/// configuration and gives exactly what `copydesk check examples` gives.
#[test]
fn check_from_the_repository_root_uses_the_examples_configuration() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let whole = json(&copydesk(root, &["check", ".", "--format", "json", "--fail-on", "never"]));
    let examples = json(&copydesk(root, &["check", "examples", "--format", "json", "--fail-on", "never"]));
    let under_examples: Vec<_> = findings(&whole).into_iter().filter(|f| f.0.starts_with("examples/")).collect();
    assert_eq!(under_examples.len(), 21);
    assert_eq!(under_examples, findings(&examples));
}

#[test]
fn a_registry_shared_by_several_configurations_is_loaded_once() {
    let shared = "[[actor]]\nid = \"a\"\nname = \"Ana Ruiz\"\naliases = [\"Ruiz\"]\n\n[[actor]]\nid = \"b\"\nname = \"Bo Ruiz\"\naliases = [\"Ruiz\"]\n";
    let dir = tree(&[
        ("d1/copydesk.toml", "registry = []\n"),
        ("d1/x.md", "Ana Ruis met Bo.\n"),
        ("d2/copydesk.toml", "registry = []\n"),
        ("d2/y.md", "Ana Ruis left.\n"),
        ("shared.toml", shared),
    ]);
    let output =
        copydesk(dir.path(), &["check", "--registry", "shared.toml", "--format", "json", "--fail-on", "never"]);
    let report = json(&output);
    // Both desks link with it ...
    assert_eq!(
        findings(&report),
        [row("d1/x.md", 1, 1, "misspelled-name", Some("a")), row("d2/y.md", 1, 1, "misspelled-name", Some("a"))]
    );
    // ... and its warning is reported once, not once per configuration.
    let message = "`Ruiz` is claimed by actors `a` (shared.toml:4:12) and `b`; mentions of it are ambiguous";
    assert_eq!(
        report["errors"],
        serde_json::json!([{"path": "shared.toml", "line": 9, "column": 12, "level": "warning", "message": message}])
    );
    assert_eq!(stderr(&output), format!("shared.toml:9:12: warning: {message}\n"));
}
