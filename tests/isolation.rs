//! One bad article must not cost a run (issue #12), through the binary:
//! with `COPYDESK_FAIL_ARTICLE` making one article's analysis fail, every
//! batch path reports exactly that article as `internal-error` (exit 2)
//! and everything else in full; inputs over their size cap are reported
//! and skipped without being read whole; export offsets stay exact.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const FAIL: &str = "COPYDESK_FAIL_ARTICLE";

fn copydesk(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.args(args).current_dir(dir).env_remove("CI").env_remove(FAIL);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

/// Runs a `--stdin-jsonl` command with `input` on standard input.
fn streamed(dir: &Path, env: &[(&str, &str)], args: &[&str], input: String) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.args(args).current_dir(dir).env_remove("CI").env_remove(FAIL);
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A workspace with a registry of one person (with a variant) and no articles.
fn registry_only() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"actors.toml\"]\n").unwrap();
    std::fs::write(
        dir.path().join("actors.toml"),
        "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n",
    )
    .unwrap();
    dir
}

/// Four articles, one name variant each (with a safe fix).
fn corpus() -> tempfile::TempDir {
    let dir = registry_only();
    for name in ["a", "b", "c", "d"] {
        std::fs::write(dir.path().join(format!("{name}.md")), article(name)).unwrap();
    }
    dir
}

fn article(name: &str) -> String {
    format!("Ana Ruis spoke in {name}.\n")
}

const PREFIX: &str = "copydesk failed while analysing this file (injected failure (COPYDESK_FAIL_ARTICLE=b.md) at ";
const SUFFIX: &str = "); skipped. This is a bug in copydesk, not in the file: please report it with the file";

/// `message` is the internal-error message for the injected failure.
fn is_internal_error_message(message: &str) {
    assert!(message.starts_with(PREFIX) && message.ends_with(SUFFIX), "{message}");
}

/// The failure is announced once, and the default panic hook says nothing.
fn stderr_is_quiet(out: &Output) {
    let err = stderr(out);
    assert_eq!(err.matches("COPYDESK_FAIL_ARTICLE is set").count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn check_reports_the_failed_article_in_json_and_checks_the_others() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("a.md", "name-variant"), ("c.md", "name-variant"), ("d.md", "name-variant")]);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["rule"], "internal-error");
    assert_eq!(errors[0]["path"], "b.md");
    assert_eq!((errors[0]["line"].as_u64(), errors[0]["column"].as_u64()), (Some(1), Some(1)));
    assert_eq!(errors[0]["level"], "error");
    is_internal_error_message(errors[0]["message"].as_str().unwrap());
    assert_eq!(report["summary"]["files"], 4);
    assert_eq!(report["summary"]["findings"], 3);
}

#[test]
fn check_reports_the_failed_article_in_text() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["check"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    let text = stdout(&out);
    for name in ["a", "c", "d"] {
        assert!(text.contains(&format!("{name}.md:1:1: warning[name-variant] ")), "{text}");
    }
    assert!(!text.contains("b.md:1:1: warning"), "{text}");
    let line = text.lines().find(|l| l.starts_with("b.md:")).unwrap();
    let message = line.strip_prefix("b.md:1:1: error[internal-error]: ").unwrap();
    is_internal_error_message(message);
}

#[test]
fn check_reports_the_failed_article_as_a_github_annotation() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    let text = stdout(&out);
    assert_eq!(text.lines().filter(|l| l.contains("title=name-variant::")).count(), 3, "{text}");
    let line = text.lines().find(|l| l.contains("file=b.md")).unwrap();
    let message = line.strip_prefix("::error file=b.md,line=1,col=1,title=internal-error::").unwrap();
    assert!(message.starts_with("copydesk failed while analysing this file"), "{message}");
}

#[test]
fn check_reports_the_failed_article_in_sarif() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    let sarif: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let run = &sarif["runs"][0];
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["a.md", "c.md", "d.md"]);
    assert_eq!(run["tool"]["driver"]["name"], "copydesk", "the rest of the log is intact");
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1);
    let n = &notifications[0];
    assert_eq!(n["descriptor"]["id"], "internal-error");
    assert_eq!(n["level"], "error");
    let location = &n["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "b.md");
    assert_eq!(
        (location["region"]["startLine"].as_u64(), location["region"]["startColumn"].as_u64()),
        (Some(1), Some(1))
    );
    is_internal_error_message(n["message"]["text"].as_str().unwrap());
}

#[test]
fn fix_fixes_the_other_files_and_never_writes_the_failed_one() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["check", "--fix", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    for name in ["a", "c", "d"] {
        let fixed = std::fs::read_to_string(dir.path().join(format!("{name}.md"))).unwrap();
        assert_eq!(fixed, format!("Ana Ruiz spoke in {name}.\n"));
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("b.md")).unwrap(), article("b"));
    assert!(stderr(&out).contains("Fixed 3 findings in 3 files."), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["errors"][0]["rule"], "internal-error");
    assert_eq!(report["errors"][0]["path"], "b.md");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

#[test]
fn diff_shows_the_other_files_fixes_and_says_which_failed() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["check", "--diff"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    let diff = stdout(&out);
    for name in ["a", "c", "d"] {
        assert!(diff.contains(&format!("+++ b/{name}.md\n")), "{diff}");
    }
    assert!(!diff.contains("b/b.md"), "{diff}");
    assert!(stderr(&out).contains("b.md:1:1: error[internal-error]: "), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), article("a"), "--diff writes nothing");
}

#[test]
fn a_baseline_records_every_other_article_and_says_which_failed() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    assert!(stderr(&out).contains("b.md:1:1: error[internal-error]: "), "{}", stderr(&out));
    assert!(stderr(&out).contains("Wrote a baseline of 3 findings to baseline.json."), "{}", stderr(&out));
}

#[test]
fn jsonl_export_has_every_other_article() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["export", "--format", "jsonl", "-o", "out", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    let err = stderr(&out);
    let line = err.lines().find(|l| l.starts_with("b.md:")).unwrap();
    is_internal_error_message(line.strip_prefix("b.md:1:1: error[internal-error]: ").unwrap());
    assert!(err.contains("Exported 3 articles to out."), "{err}");
    let body = std::fs::read_to_string(dir.path().join("out/annotations.jsonl")).unwrap();
    let records: Vec<Value> = body.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let paths: Vec<&str> = records.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["a.md", "c.md", "d.md"]);
    for r in &records {
        assert_eq!(r["mentions"].as_array().unwrap().len(), 1);
        assert_eq!(r["findings"][0]["rule"], "name-variant");
    }
}

#[test]
fn brat_export_writes_every_other_article_and_nothing_for_the_failed_one() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[(FAIL, "b.md")], &["export", "--format", "brat", "-o", "out", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr_is_quiet(&out);
    assert!(stderr(&out).contains("b.md:1:1: error[internal-error]: "), "{}", stderr(&out));
    for name in ["a", "c", "d"] {
        let ann = std::fs::read_to_string(dir.path().join(format!("out/{name}.md.ann"))).unwrap();
        assert!(ann.starts_with("T1\tPerson 0 8\tAna Ruis\n"), "{ann}");
        assert_eq!(std::fs::read_to_string(dir.path().join(format!("out/{name}.md.txt"))).unwrap(), article(name));
    }
    assert!(!dir.path().join("out/b.md.ann").exists() && !dir.path().join("out/b.md.txt").exists());
}

/// Three lines; the middle one has path `b.md` when `paths` is set.
fn stream_input(paths: bool) -> String {
    ["a", "b", "c"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut line = serde_json::json!({"id": i + 1, "text": article(name)});
            if paths {
                line["path"] = Value::from(format!("{name}.md"));
            }
            format!("{line}\n")
        })
        .collect()
}

#[test]
fn the_stream_answers_every_line_and_says_which_failed() {
    let dir = corpus();
    for (args, key, paths, target, name) in [
        (["check", "--stdin-jsonl"], "findings", true, "b.md", "b.md"),
        (["export", "--stdin-jsonl"], "mentions", false, "stdin:2", "stdin:2"),
    ] {
        let out = streamed(dir.path(), &[(FAIL, target)], &args, stream_input(paths));
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        stderr_is_quiet(&out);
        let lines: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let ids: Vec<u64> = lines.iter().map(|l| l["id"].as_u64().unwrap()).collect();
        assert_eq!(ids, [1, 2, 3]);
        for i in [0, 2] {
            assert_eq!(lines[i][key].as_array().unwrap().len(), 1, "{}", lines[i]);
            assert!(lines[i].get("errors").is_none());
        }
        assert!(lines[1].get(key).is_none(), "{}", lines[1]);
        let error = &lines[1]["errors"][0];
        assert_eq!(error["rule"], "internal-error");
        assert_eq!(error["path"], name);
        assert_eq!((error["line"].as_u64(), error["column"].as_u64()), (Some(1), Some(1)));
        let message = error["message"].as_str().unwrap();
        assert!(message.starts_with(&format!(
            "copydesk failed while analysing this file (injected failure ({FAIL}={target}) at "
        )));
        assert!(message.ends_with(SUFFIX), "{message}");
        assert!(stderr(&out).contains(&format!("{name}:1:1: error[internal-error]: ")), "{}", stderr(&out));
    }
}

#[test]
fn articles_over_the_size_cap_are_reported_and_skipped() {
    let dir = corpus();
    std::fs::write(dir.path().join("big.md"), "Ana Ruis spoke. ".repeat(200)).unwrap();
    let out = copydesk(dir.path(), &[], &["check", "--format", "json", "--max-file-size", "1k"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 4, "the other files are checked");
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "big.md");
    assert_eq!(errors[0]["message"], "larger than the size cap of 1 KiB; skipped — raise it with --max-file-size");
    // The default cap (16 MiB) reads it.
    let out = copydesk(dir.path(), &[], &["check", "--format", "json", "big.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = copydesk(dir.path(), &[], &["check", "--max-file-size", "12 parsecs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown unit `parsecs`"), "{}", stderr(&out));
}

#[test]
fn stream_lines_over_the_size_cap_are_skipped_without_being_held() {
    let dir = corpus();
    let long = serde_json::json!({"id": 2, "text": "Ana Ruis spoke. ".repeat(100_000)});
    let input = format!(
        "{}\n{long}\n{}\n",
        serde_json::json!({"id": 1, "text": article("a")}),
        serde_json::json!({"id": 3, "text": article("c")})
    );
    let out = streamed(dir.path(), &[], &["check", "--stdin-jsonl", "--max-file-size", "64k"], input);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim(),
        "stdin:2: line larger than the size cap of 64 KiB; skipped — raise it with --max-file-size"
    );
    let ids: Vec<u64> =
        stdout(&out).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [1, 3]);
}

#[cfg(unix)]
#[test]
fn an_endless_configuration_is_not_read_to_its_end() {
    let dir = corpus();
    // A configuration that is a FIFO fed without end (registries and
    // articles found by the walk must be regular files; they are read
    // through the same capped reader, see src/input.rs).
    let fifo = dir.path().join("endless.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let feeder = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let chunk = vec![b'#'; 1 << 16];
            // Ends when copydesk closes its end (a broken pipe).
            while std::io::Write::write_all(&mut pipe, &chunk).is_ok() {}
        })
    };
    let out = copydesk(dir.path(), &[], &["check", "--config", "endless.toml"]);
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), "endless.toml:1:1: error: configuration file larger than the size cap of 1 MiB");
}

#[test]
fn export_offsets_are_exact_code_points_for_many_findings_at_the_end() {
    // Multibyte text first, then many findings (each variant has a fix whose
    // range repeats the finding's): every offset must match a naive count.
    let text = format!("{}\n{}", "«Привіт» 👋 — ünïcödé. ".repeat(2000), "Ана Ana Ruis 👋 spoke. ".repeat(300));
    let dir = registry_only();
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    let out = copydesk(dir.path(), &[], &["export", "-o", "out", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let record: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out/annotations.jsonl")).unwrap()).unwrap();
    let naive = |byte: u64| text[..byte as usize].chars().count() as u64;
    let mut checked = 0;
    for item in record["mentions"].as_array().unwrap().iter().chain(record["findings"].as_array().unwrap()) {
        assert_eq!(item["start"].as_u64().unwrap(), naive(item["byte_start"].as_u64().unwrap()));
        assert_eq!(item["end"].as_u64().unwrap(), naive(item["byte_end"].as_u64().unwrap()));
        checked += 1;
    }
    assert!(checked >= 600, "{checked}");
}

#[test]
fn explain_describes_internal_error() {
    let dir = corpus();
    let out = copydesk(dir.path(), &[], &["explain", "internal-error"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("# internal-error (a problem, not a rule: copydesk failed on a file)\n"), "{text}");
    assert!(text.contains("Please report it with the file"), "{text}");
}
