//! Hostile shapes (copydesk::generate::hostile) through the CLI as a
//! process: every shape at 1 MB is checked and exported, the reports are
//! complete and valid, and the run finishes. Growth is measured in
//! `scripts/bench-hostile` (BENCHMARKS.md), not timed here; a shape that
//! turned quadratic again would not finish at this size (240 KB of blank
//! lines took 27 s before the fix; 1 MB would take minutes), which the
//! deadline below catches without measuring speed.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use copydesk::generate::{hostile, news};

/// Runs the CLI, killing it at a deadline far beyond any linear run.
fn run_with_deadline(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap());
    loop {
        if let Some(_status) = child.try_wait().unwrap() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("copydesk {args:?} did not finish: super-linear work on a hostile shape");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut output = child.wait_with_output().unwrap();
    output.stdout = reader.join().unwrap().into_bytes();
    output
}

/// A workspace with the news registry; articles are written by each test.
fn news_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("actors.toml"), news::REGISTRY).unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"actors.toml\"]\ninclude = [\"*.md\"]\n").unwrap();
    dir
}

#[test]
fn every_hostile_shape_is_checked_and_exported_whole() {
    let dir = news_workspace();
    for shape in hostile::SHAPES {
        let text = shape.build(1 << 20);
        assert!(text.len() >= (1 << 20) - shape.unit.len(), "{}", shape.name);
        let file = format!("{}.md", shape.name);
        std::fs::write(dir.path().join(&file), &text).unwrap();
        let check = run_with_deadline(dir.path(), &["check", "--format", "json", &file]);
        assert!(matches!(check.status.code(), Some(0 | 1)), "{}: {:?}", shape.name, check);
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("valid JSON report");
        let findings = report["findings"].as_array().unwrap();
        assert!(findings.iter().all(|f| f["path"] == file.as_str()), "{}", shape.name);
        let out = dir.path().join(format!("out-{}", shape.name));
        let export =
            run_with_deadline(dir.path(), &["export", "--format", "jsonl", "-o", out.to_str().unwrap(), &file]);
        assert!(matches!(export.status.code(), Some(0 | 1)), "{}: {:?}", shape.name, export);
        std::fs::remove_file(dir.path().join(&file)).unwrap();
    }
}

/// The shapes that pin a rule or a pass to one finding per repeat: the
/// counts are exact, so a fix that silently dropped work would show.
#[test]
fn hostile_shapes_keep_their_findings() {
    let dir = news_workspace();
    let count = |name: &str, bytes: usize, rule: &str| {
        let text = hostile::shape(name).unwrap().build(bytes);
        std::fs::write(dir.path().join("a.md"), text).unwrap();
        let out = run_with_deadline(dir.path(), &["check", "--format", "json", "a.md"]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == rule).count()
    };
    // "Vladmir Putin met Putn. " × n after one full "Vladimir Putin": each
    // repeat has one misspelt full name and one misspelt lone surname.
    let unit = hostile::shape("repeated-misspelling").unwrap().unit.len();
    let repeats = (64 * 1024 - "Vladimir Putin spoke. ".len()) / unit;
    assert_eq!(count("repeated-misspelling", 64 * 1024, "misspelled-name"), 2 * repeats);
    // One name pasted 116,508 times: 10,000 findings reported, and one
    // warning that counts the rest.
    let text = hostile::shape("repeated-name").unwrap().build(1 << 20);
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let out = run_with_deadline(dir.path(), &["check", "a.md"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("a.md:1:45001: warning: 223015 more findings from here on are not reported: an article reports at most 10000"),
        "{stdout}"
    );
    assert!(stdout.contains("Found 10000 findings (10000 warnings) in 1 of 1 article."), "{stdout}");
    // Each suppression unit hides its misspelling.
    assert_eq!(count("suppressions", 64 * 1024, "misspelled-name"), 0);
}
