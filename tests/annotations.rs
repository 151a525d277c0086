//! Human annotation through the binary: a workspace's annotation store
//! applied by `check` and `export`, stale decisions reported at their line.

use std::path::Path;
use std::process::{Command, Output};

/// The workspace of `tests/fixtures/annotations`, shared with the
/// language-server tests (`tests/lsp/test_annotations.py`).
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/annotations");
const PORT: &str = include_str!("fixtures/annotations/articles/port.md");
const QUAY: &str = include_str!("fixtures/annotations/articles/quay.md");

/// One store line about `articles/port.md`, by ana.
fn line(before: &str, text: &str, after: &str, decision: &str) -> String {
    line_by("ana", "port.md", before, text, after, decision)
}

/// One store line by `annotator` about `articles/{article}`.
fn line_by(annotator: &str, article: &str, before: &str, text: &str, after: &str, decision: &str) -> String {
    let content = if article == "port.md" { PORT } else { QUAY };
    let offset = content.find(&format!("{before}{text}{after}")).expect("the anchor is in the article") + before.len();
    format!(
        r#"{{"path":"articles/{article}","anchor":{{"before":{},"text":{},"after":{},"offset":{offset}}},{decision},"annotator":"{annotator}","time":"2026-12-01T10:00:00Z"}}"#,
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

/// A gold store whose figures are computed by hand in the test below.
fn gold() -> String {
    let g = |article, before, text, after, decision| line_by("gold", article, before, text, after, decision);
    [
        // Links: Wallace is Ben (the tool leaves it ambiguous: a miss);
        // Hogen is nobody (the tool links Ida Hogan: a false alarm); two
        // right links.
        g("port.md", "", "Wallace", " said", r#""decision":"link","actor":"ben-wallace""#),
        g("port.md", "Still, ", "Hogen", " noted", r#""decision":"not-a-mention""#),
        g("port.md", "return,” ", "Ida Hogan", " said", r#""decision":"link","actor":"ida-hogan""#),
        g("quay.md", "and ", "Hogan", " thanked", r#""decision":"link","actor":"ida-hogan""#),
        // Speakers: one right, one missed (Ben Wallace said it), one false
        // alarm (Hogen is not Ida Hogan).
        g(
            "port.md",
            "",
            "“We will rebuild the harbour quickly and the fleet will return,”",
            "",
            r#""decision":"speaker","actor":"ida-hogan""#,
        ),
        g(
            "port.md",
            "said ",
            "the harbour would reopen in spring",
            "",
            r#""decision":"speaker","actor":"ben-wallace""#,
        ),
        g("port.md", "noted that ", "the boats were idle", "", r#""decision":"speaker","actor":null"#),
        // unsourced-statistic: one right, one false alarm.
        g("port.md", "", "About 300 boats", "", r#""decision":"unsourced""#),
        g("port.md", "and ", "12 ferries", "", r#""decision":"sourced""#),
        // Findings accepted and dismissed.
        g("port.md", "", "Wallace", " said", r#""decision":"accept","rule":"ambiguous-name""#),
        g(
            "port.md",
            "Still, ",
            "Hogen",
            " noted",
            r#""decision":"dismiss","rule":"name-variant","reason":"another Hogen""#,
        ),
        r#"{"path":"articles/quay.md","anchor":{"text":"Sirhan","offset":0},"decision":"sourced","annotator":"gold"}"#
            .to_string(),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn eval_scores_the_tool_against_a_gold_store_as_computed_by_hand() {
    let dir = workspace("");
    std::fs::write(dir.path().join("gold.jsonl"), gold()).unwrap();
    let out = copydesk(dir.path(), &["eval", "--gold", "gold.jsonl", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let score = |v: &serde_json::Value| {
        (
            v["true_positives"].as_u64().unwrap(),
            v["false_positives"].as_u64().unwrap(),
            v["false_negatives"].as_u64().unwrap(),
            v["precision"].as_f64(),
            v["recall"].as_f64(),
        )
    };
    let third = |n: f64| Some(n / 3.0);
    assert_eq!(score(&report["links"]), (2, 1, 1, third(2.0), third(2.0)));
    assert_eq!(score(&report["speakers"]), (1, 1, 1, Some(0.5), Some(0.5)));
    assert_eq!(score(&report["rules"]["unsourced-statistic"]), (1, 1, 0, Some(0.5), Some(1.0)));
    assert_eq!(score(&report["rules"]["ambiguous-name"]), (1, 0, 0, Some(1.0), Some(1.0)));
    assert_eq!(score(&report["rules"]["name-variant"]), (0, 1, 0, Some(0.0), None));
    let cases = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{}:{}:{} {} {} {} {}",
                    c["path"].as_str().unwrap(),
                    c["line"],
                    c["column"],
                    c["kind"].as_str().unwrap(),
                    c["text"].as_str().unwrap(),
                    c["expected"].as_str().unwrap(),
                    c["found"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        cases("misses"),
        [
            "articles/port.md:4:1 links Wallace ben-wallace ambiguous",
            "articles/port.md:4:14 speakers the harbour would reopen in spring ben-wallace none",
        ]
    );
    assert_eq!(
        cases("false_alarms"),
        [
            "articles/port.md:6:8 links Hogen none ida-hogan",
            "articles/port.md:6:8 name-variant Hogen not flagged flagged",
            "articles/port.md:6:25 speakers the boats were idle none ida-hogan",
            "articles/port.md:8:44 unsourced-statistic 12 ferries not flagged flagged",
        ]
    );
    assert_eq!(report["stale"][0]["line"], 12);
    assert!(
        report["stale"][0]["message"].as_str().unwrap().starts_with("stale annotation of ‘Sirhan’ in articles/quay.md")
    );

    let out = copydesk(dir.path(), &["eval", "--gold", "gold.jsonl"]);
    let table = text(&out.stdout);
    assert!(table.contains("\nlinks                       2    1    1      0.667   0.667\n"), "{table}");
    assert!(table.contains("\nname-variant                0    1    0      0.000       -\n"), "{table}");
    assert!(
        table.contains("Misses:\n  articles/port.md:4:1: links ‘Wallace’: expected ben-wallace, found ambiguous\n"),
        "{table}"
    );
    assert!(
        text(&out.stderr).contains("gold.jsonl:12:1: warning: stale annotation of ‘Sirhan’"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn agree_gives_the_kappa_computed_by_hand() {
    let dir = workspace("");
    let a = [
        line_by("ana", "port.md", "", "Wallace", " said", r#""decision":"link","actor":"ben-wallace""#),
        line_by("ana", "port.md", "Still, ", "Hogen", " noted", r#""decision":"not-a-mention""#),
        line_by("ana", "port.md", "return,” ", "Ida Hogan", " said", r#""decision":"link","actor":"ida-hogan""#),
        line_by("ana", "quay.md", "and ", "Hogan", " thanked", r#""decision":"link","actor":"ida-hogan""#),
        line_by("ana", "port.md", "", "About 300 boats", "", r#""decision":"unsourced""#),
        line_by("ana", "port.md", "and ", "12 ferries", "", r#""decision":"sourced""#),
        line_by("ana", "port.md", "", "“We will rebuild", "", r#""decision":"speaker","actor":"ida-hogan""#),
    ];
    let b = [
        // A first thought, changed later in the file: the later line wins.
        line_by("bo", "port.md", "", "Wallace", " said", r#""decision":"link","actor":"ben-wallace""#),
        line_by("bo", "port.md", "", "Wallace", " said", r#""decision":"link","actor":"kate-wallace""#),
        line_by("bo", "port.md", "Still, ", "Hogen", " noted", r#""decision":"not-a-mention""#),
        line_by("bo", "port.md", "return,” ", "Ida Hogan", " said", r#""decision":"link","actor":"ida-hogan""#),
        line_by("bo", "quay.md", "and ", "Hogan", " thanked", r#""decision":"not-a-mention""#),
        line_by("bo", "port.md", "", "About 300 boats", "", r#""decision":"unsourced""#),
        line_by("bo", "port.md", "and ", "12 ferries", "", r#""decision":"unsourced""#),
    ];
    std::fs::write(dir.path().join("a.jsonl"), a.join("\n")).unwrap();
    std::fs::write(dir.path().join("b.jsonl"), b.join("\n")).unwrap();
    let out = copydesk(dir.path(), &["agree", "a.jsonl", "b.jsonl", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cat = |name: &str| {
        let c = &report["categories"][name];
        (
            c["items"].as_u64().unwrap(),
            c["agreed"].as_u64().unwrap(),
            c["observed"].as_f64(),
            c["expected"].as_f64(),
            c["kappa"].as_f64().unwrap(),
        )
    };
    let close = |(items, agreed, po, pe, k): (u64, u64, Option<f64>, Option<f64>, f64),
                 want: (u64, u64, f64, f64, f64)| {
        assert_eq!((items, agreed), (want.0, want.1));
        for (got, want) in [(po.unwrap(), want.2), (pe.unwrap(), want.3), (k, want.4)] {
            assert!((got - want).abs() < 1e-9, "{got} != {want}");
        }
    };
    // Is it a mention: (m,m) (n,n) (m,m) (m,n); po 3/4; pe 3/4·2/4 + 1/4·2/4 = 1/2; kappa 1/2.
    close(cat("mentions"), (4, 3, 0.75, 0.5, 0.5));
    // Which actor, where both say mention: (ben,kate) (ida,ida); po 1/2; pe 1/2·1/2 = 1/4; kappa 1/3.
    close(cat("links"), (2, 1, 0.5, 0.25, 1.0 / 3.0));
    // Sourcing: (u,u) (s,u); po 1/2; pe 1/2·1 = 1/2; kappa 0.
    close(cat("sourcing"), (2, 1, 0.5, 0.5, 0.0));
    // All six items, labels by category: po 1/2; pe (1·2 + 2·1 + 1·2)/36 = 1/6; kappa 2/5.
    close(cat("all"), (6, 3, 0.5, 1.0 / 6.0, 0.4));
    assert_eq!((report["only_a"].as_u64(), report["only_b"].as_u64()), (Some(1), Some(0)));
    let mention = report["categories"]["mentions"]["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "mention")
        .unwrap()
        .clone();
    assert_eq!(
        (mention["a"].as_u64(), mention["b"].as_u64(), mention["both"].as_u64(), mention["specific"].as_f64()),
        (Some(3), Some(2), Some(2), Some(0.8))
    );
    let disagreements: Vec<String> = report["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {} {}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["text"].as_str().unwrap(),
                d["a"].as_str().unwrap(),
                d["b"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        disagreements,
        [
            "articles/port.md:4:1 Wallace ben-wallace kate-wallace",
            "articles/port.md:8:44 12 ferries sourced unsourced",
            "articles/quay.md:4:42 Hogan ida-hogan none",
        ]
    );
    let out = copydesk(dir.path(), &["agree", "a.jsonl", "b.jsonl"]);
    let table = text(&out.stdout);
    assert!(table.contains("\nlinks          2      1    0.500    0.250  0.333\n"), "{table}");
    assert!(table.contains("  articles/port.md:4:1: mentions ‘Wallace’: A ben-wallace, B kate-wallace\n"), "{table}");
}

#[test]
fn the_store_is_never_an_article() {
    let dir = workspace(&store());
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "registry = [\"actors.toml\"]\nannotations = \"notes.jsonl\"\ninclude = [\"**/*\"]\n",
    )
    .unwrap();
    let before = std::fs::read(dir.path().join("notes.jsonl")).unwrap();
    let out = copydesk(dir.path(), &["check", "--fix", "--format", "json", "."]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["findings"].as_array().unwrap().iter().all(|f| f["path"].as_str().unwrap().starts_with("articles/"))
    );
    assert_eq!(report["summary"]["files"], 2, "{report}");
    assert_eq!(std::fs::read(dir.path().join("notes.jsonl")).unwrap(), before);
}
