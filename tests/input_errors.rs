//! Input that cannot be used is reported where the user looks, never
//! dropped or accepted silently: stream lines with a bad `date` or no `id`,
//! front matter that is not TOML or has no usable date, and configuration
//! errors in machine formats. Through the binary.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn copydesk_with_input(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env_remove("CI")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

const CONFIG: (&str, &str) = ("copydesk.toml", "registry = []\ndate = 2026-03-01\n");

#[test]
fn stream_lines_with_a_bad_date_or_no_id_get_an_output_line_with_the_error() {
    let dir = scratch(&[CONFIG]);
    let input = "{\"id\":1,\"text\":\"Hi.\",\"date\":\"\"}\n{\"id\":2,\"text\":\"Hi.\",\"date\":\"2026\"}\n\
                 {\"id\":3,\"text\":\"Hi.\",\"date\":20260106}\n{\"text\":\"Hi.\"}\n\
                 {\"id\":5,\"text\":\"Hi.\",\"date\":\"2026-01-06T25:99:00Z\"}\n{\"id\":6,\"text\":\"Hi.\",\"date\":\"2026-01-06\"}\n";
    for command in ["check", "export"] {
        let out = copydesk_with_input(dir.path(), &[command, "--stdin-jsonl"], input);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "stdin:1: error: \"date\" cannot be used: expected a full date as YYYY-MM-DD, found ``; date-dependent \
             checks are skipped\n\
             stdin:2: error: \"date\" cannot be used: expected a full date as YYYY-MM-DD, found `2026`; \
             date-dependent checks are skipped\n\
             stdin:3: error: \"date\" cannot be used: expected a full date as YYYY-MM-DD (a string), found a \
             number; date-dependent checks are skipped\n\
             stdin:4: error: no \"id\": this output line cannot be matched to its input — give every line an id\n\
             stdin:5: error: \"date\" cannot be used: `2026-01-06T25:99:00Z` has no such time of day (expected \
             HH:MM or HH:MM:SS, hours 00-23, minutes and seconds 00-59); date-dependent checks are skipped\n"
        );
        let lines: Vec<Value> =
            String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 6, "{command}: every line has its output line");
        let ids: Vec<Value> = lines.iter().map(|l| l["id"].clone()).collect();
        assert_eq!(ids, [1.into(), 2.into(), 3.into(), Value::Null, 5.into(), 6.into()]);
        for (i, line) in lines.iter().enumerate() {
            let errors = line["errors"].as_array().map_or(0, Vec::len);
            assert_eq!(errors, usize::from(i < 5), "{command} line {}: {line}", i + 1);
        }
        assert_eq!(lines[3]["errors"][0]["path"], "stdin:4");
        assert_eq!(lines[3]["errors"][0]["level"], "error");
    }
}

#[test]
fn front_matter_that_cannot_be_read_is_reported() {
    let dir = scratch(&[
        CONFIG,
        ("array.md", "+++\ndate = [2026, 1]\ntitle = \"A\"\n+++\nBody.\n"),
        ("syntax.md", "+++\ndate = 2026-01-06\ntitle = \"A\n+++\nBody.\n"),
        ("hour.md", "---\ndate: 2026-01-06T25:99:00Z\n---\nBody.\n"),
        ("year.md", "---\ndate: 2026\n---\nBody.\n"),
        ("jekyll.md", "---\ndate: 2026-01-06 10:00:00 +0100\n---\nBody.\n"),
    ]);
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "array.md:2:1: invalid-front-matter front-matter date cannot be used: expected a full date as YYYY-MM-DD, \
             found an array; date-dependent checks are skipped",
            "hour.md:2:7: invalid-front-matter front-matter date cannot be used: `2026-01-06T25:99:00Z` has no such \
             time of day (expected HH:MM or HH:MM:SS, hours 00-23, minutes and seconds 00-59); date-dependent checks \
             are skipped",
            "syntax.md:3:11: invalid-front-matter front matter is not valid TOML: invalid basic string, expected `\"`; \
             its fields (date, title, ...) are ignored",
            "year.md:2:7: invalid-front-matter front-matter date cannot be used: expected a full date as YYYY-MM-DD, \
             found `2026`; date-dependent checks are skipped",
        ]
    );
}

#[test]
fn a_configuration_error_still_gives_a_valid_json_and_sarif_report() {
    let dir = scratch(&[("copydesk.toml", "bogus = 1\n"), ("a.md", "Body.\n")]);
    let expected = "copydesk.toml:1:1: error: invalid configuration: unknown field `bogus`, expected one of \
                    `registry`, `annotations`, `include`, `exclude`, `date`, `rules`, `sourcing`";
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", "--format", format])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run("json");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("{expected}\n"));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]));
    assert_eq!(report["errors"][0]["path"], "copydesk.toml");
    assert_eq!(report["errors"][0]["level"], "error");
    assert_eq!(report["summary"]["files"], 0);

    let out = run("sarif");
    assert_eq!(out.status.code(), Some(2));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "copydesk.toml");
    assert!(expected.ends_with(notification["message"]["text"].as_str().unwrap()));
}

#[test]
fn a_configured_date_that_is_not_a_full_date_says_so_consistently() {
    for (value, expected) in [
        ("2026", "expected a full date as YYYY-MM-DD, found an integer"),
        ("\"2026\"", "expected a full date as YYYY-MM-DD, found `2026`"),
        (
            "\"2026-01-06T25:99:00Z\"",
            "`2026-01-06T25:99:00Z` has no such time of day (expected HH:MM or HH:MM:SS, hours 00-23, minutes and seconds 00-59)",
        ),
    ] {
        let dir = scratch(&[("copydesk.toml", &format!("registry = []\ndate = {value}\n")), ("a.md", "Body.\n")]);
        let out = Command::new(env!("CARGO_BIN_EXE_copydesk")).arg("check").current_dir(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("copydesk.toml:2:8: error: invalid `date`: {expected}\n")
        );
    }
}
