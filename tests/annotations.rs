//! Human annotation through the binary: a workspace's annotation store
//! applied by `check` and `export`, stale decisions reported at their line.

use std::path::Path;
use std::process::{Command, Output};

/// The workspace of `tests/fixtures/annotations`, shared with the
/// language-server tests (`tests/lsp/test_annotations.py`).
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/annotations");
const PORT: &str = include_str!("fixtures/annotations/articles/port.md");

/// One store line about `articles/port.md`.
fn line(before: &str, text: &str, after: &str, decision: &str) -> String {
    let offset = PORT.find(&format!("{before}{text}{after}")).expect("the anchor is in the article") + before.len();
    format!(
        r#"{{"path":"articles/port.md","anchor":{{"before":{},"text":{},"after":{},"offset":{offset}}},{decision},"annotator":"ana","time":"2026-12-01T10:00:00Z"}}"#,
        serde_json::to_string(before).unwrap(),
        serde_json::to_string(text).unwrap(),
        serde_json::to_string(after).unwrap(),
    )
}

fn store() -> String {
    [
        line("", "Wallace", " said", r#""decision":"link","actor":"ben-wallace""#),
        line("Still, ", "Hogen", " noted", r#""decision":"not-a-mention""#),
        line("and ", "12 ferries", ".", r#""decision":"sourced","reason":"print edition cites the port authority""#),
        line("", "About 300 boats", "", r#""decision":"accept","rule":"unsourced-statistic""#),
        line("said ", "the harbour would reopen in spring", "", r#""decision":"speaker","actor":"ben-wallace""#),
        r#"{"path":"articles/port.md","anchor":{"text":"Sirhan Sirhan","offset":3},"decision":"link","actor":"ben-wallace","annotator":"bo"}"#.to_string(),
    ]
    .join("\n")
        + "\n"
}

fn workspace(store: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in ["actors.toml", "copydesk.toml", "articles/port.md", "articles/quay.md"] {
        let target = dir.path().join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(Path::new(FIXTURE).join(file), target).unwrap();
    }
    std::fs::write(dir.path().join("notes.jsonl"), store).unwrap();
    dir
}

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).current_dir(dir).env_remove("CI").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_applies_the_decisions_and_reports_a_stale_one_at_its_line() {
    let dir = workspace(&store());
    let out = copydesk(dir.path(), &["check", "--statistics"]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    // Wallace is linked by a person: no ambiguity. Hogen is no mention: no
    // variant finding, no spelling split. The sourced figure is gone; the
    // accepted one stays.
    assert!(!stdout.contains("ambiguous-name"), "{stdout}");
    assert!(!stdout.contains("name-variant"), "{stdout}");
    assert!(!stdout.contains("Spellings that differ"), "{stdout}");
    assert!(stdout.contains("articles/port.md:8:1: warning[unsourced-statistic]"), "{stdout}");
    assert!(!stdout.contains("articles/port.md:8:44:"), "{stdout}");
    assert!(stdout.contains("Found 1 finding (1 warning) in 1 of 2 articles."), "{stdout}");
    assert!(stdout.contains("1  Ben Wallace (ben-wallace)\n"), "{stdout}");
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains(
            "notes.jsonl:6:1: warning: stale annotation of ‘Sirhan Sirhan’ in articles/port.md: its text and the text \
             around it are no longer in the article"
        ),
        "{all}"
    );
    assert_eq!(out.status.code(), Some(1), "{all}");
}

#[test]
fn a_decision_survives_edits_above_it() {
    let dir = workspace(&store());
    let edited = PORT.replacen("---\nWallace", "---\nA new first paragraph.\n\nWallace", 1);
    std::fs::write(dir.path().join("articles/port.md"), edited).unwrap();
    let out = copydesk(dir.path(), &["check"]);
    let stdout = text(&out.stdout);
    assert!(!stdout.contains("ambiguous-name"), "{stdout}");
    assert!(stdout.contains("articles/port.md:10:1: warning[unsourced-statistic]"), "{stdout}");
    assert!(stdout.contains("Found 1 finding (1 warning) in 1 of 2 articles."), "{stdout}");
}

#[test]
fn export_marks_what_people_decided() {
    let dir = workspace(&store());
    let out = copydesk(dir.path(), &["export", "--format", "jsonl", "-o", "out"]);
    assert!(out.status.success() || out.status.code() == Some(0), "{}", text(&out.stderr));
    let jsonl = std::fs::read_to_string(dir.path().join("out/annotations.jsonl")).unwrap();
    let port: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    let mentions: Vec<(String, String, String)> = port["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["text"].as_str().unwrap().into(), m["source"].as_str().unwrap().into(), m["annotator"].to_string()))
        .collect();
    assert_eq!(
        mentions,
        [("Wallace".into(), "human".into(), "\"ana\"".into()), ("Ida Hogan".into(), "auto".into(), "null".into())]
    );
    assert_eq!(port["mentions"][0]["actor"], "ben-wallace");
    let findings = port["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0]["rule"].as_str(), findings[0]["source"].as_str()),
        (Some("unsourced-statistic"), Some("human"))
    );
    let quotes = port["quotes"].as_array().unwrap();
    assert_eq!(quotes[0]["speaker"]["actor"], "ben-wallace");
    assert_eq!((quotes[0]["source"].as_str(), quotes[0]["annotator"].as_str()), (Some("human"), Some("ana")));
    assert_eq!(quotes[1]["source"], "auto");
    assert!(text(&out.stderr).contains("notes.jsonl:6:1: warning: stale annotation"), "{}", text(&out.stderr));

    let out = copydesk(dir.path(), &["export", "--format", "brat", "-o", "brat"]);
    let ann = std::fs::read_to_string(dir.path().join("brat/articles/port.md.ann")).unwrap();
    assert!(
        ann.starts_with("T1\tPerson 25 32\tWallace\n#1\tAnnotatorNotes T1\tsource: human; annotator: ana\n"),
        "{ann}"
    );
    assert_eq!(ann.matches("AnnotatorNotes").count(), 2, "{ann}");
    assert!(out.status.code().is_some());
}

#[test]
fn a_broken_store_stops_the_run_with_its_line_and_column() {
    let dir = workspace(
        "{\"path\":\"articles/port.md\",\"anchor\":{\"text\":\"Wallace\"},\"decision\":\"link\",\"annotator\":\"ana\"}\n",
    );
    let out = copydesk(dir.path(), &["check"]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("notes.jsonl:1:1: error: invalid annotation: missing field `actor`"), "{stderr}");
    assert_eq!(out.status.code(), Some(2));
}
