//! `copydesk` as users run it: a process, its output and its exit code.

mod common;

use std::path::Path;

use common::{copydesk, examples, stderr, stdout, workspace};
use serde_json::Value;

/// A finding as the tests compare it.
type Owned = (String, u64, u64, u64, u64, String, Option<String>, Option<String>);

type Row = (&'static str, u64, u64, u64, u64, &'static str, Option<&'static str>, Option<&'static str>);

/// Every finding on the example corpus: path, line, column, end line, end
/// column, rule, actor, first fix's replacement.
const EXAMPLE_FINDINGS: &[Row] = &[
    ("articles/politics/2026-02-14-budget-vote.md", 11, 154, 11, 191, "unsourced-statistic", None, None),
    ("articles/politics/2026-02-14-budget-vote.md", 21, 26, 21, 33, "repeated-word", None, Some("")),
    (
        "articles/politics/2026-02-14-budget-vote.md",
        21,
        140,
        21,
        146,
        "misspelled-name",
        Some("oleg-bondar"),
        Some("Bondar"),
    ),
    ("articles/politics/2026-02-14-budget-vote.md", 23, 16, 23, 29, "unknown-actor", None, None),
    (
        "articles/politics/2026-02-20-vec-district-audit.md",
        27,
        67,
        27,
        71,
        "duplicated-name-token",
        Some("lena-markovic"),
        Some(""),
    ),
    ("articles/politics/2026-02-20-vec-district-audit.md", 31, 104, 31, 114, "unknown-actor", None, None),
    (
        "articles/politics/2026-02-27-de-la-vega-kessel.md",
        15,
        50,
        15,
        79,
        "title-mismatch",
        Some("andrej-volan"),
        Some(""),
    ),
    ("articles/politics/2026-02-27-de-la-vega-kessel.md", 17, 1, 17, 6, "ambiguous-name", None, None),
    (
        "articles/politics/2026-02-27-de-la-vega-kessel.md",
        19,
        1,
        19,
        31,
        "title-mismatch",
        Some("lena-markovic"),
        Some("Former "),
    ),
    ("articles/regions/port-sarn-ferry-walkout.txt", 8, 76, 8, 104, "unsourced-statistic", None, None),
    ("articles/regions/port-sarn-ferry-walkout.txt", 10, 113, 10, 127, "unknown-actor", None, None),
    ("articles/regions/port-sarn-ferry-walkout.txt", 10, 178, 10, 183, "repeated-word", None, Some("")),
    ("articles/regions/port-sarn-ferry-walkout.txt", 14, 190, 14, 232, "unattributed-quote", None, None),
    ("articles/regions/port-sarn-ferry-walkout.txt", 14, 242, 14, 248, "inconsistent-name", None, Some("Sattler")),
    ("articles/regions/port-sarn-ferry-walkout.txt", 22, 1, 22, 13, "unknown-actor", None, None),
    ("articles/regions/port-sarn-ferry-walkout.txt", 28, 1, 28, 12, "vague-attribution", None, None),
    (
        "articles/wire/2026-02-25-patrol-boats.txt",
        13,
        94,
        13,
        107,
        "name-variant",
        Some("lena-markovic"),
        Some("Lena Marković"),
    ),
    (
        "articles/wire/2026-02-25-patrol-boats.txt",
        13,
        186,
        13,
        194,
        "name-variant",
        Some("lena-markovic"),
        Some("Marković"),
    ),
    ("articles/wire/2026-02-25-patrol-boats.txt", 15, 18, 15, 30, "unknown-actor", None, None),
    (
        "articles/wire/2026-02-25-patrol-boats.txt",
        17,
        56,
        17,
        68,
        "misspelled-name",
        Some("andrej-volan"),
        Some("Andrej Volan"),
    ),
    ("articles/wire/2026-02-26-harbour-brief.txt", 2, 7, 2, 17, "invalid-front-matter", None, None),
];

#[test]
fn the_example_corpus_gives_exactly_the_planted_findings() {
    let output = copydesk(&examples(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["version"], 1);
    let rows: Vec<Owned> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["end_line"].as_u64().unwrap(),
                f["end_column"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["actor"].as_str().map(str::to_string),
                f["fixes"].as_array().unwrap().first().map(|x| x["replacement"].as_str().unwrap().to_string()),
            )
        })
        .collect();
    let expected: Vec<_> = EXAMPLE_FINDINGS
        .iter()
        .map(|&(p, l, c, el, ec, r, a, x)| {
            (p.to_string(), l, c, el, ec, r.to_string(), a.map(str::to_string), x.map(str::to_string))
        })
        .collect();
    assert_eq!(rows, expected);
    let summary = &report["summary"];
    assert_eq!(summary["files"], 7);
    assert_eq!(summary["findings"], 21);
    assert_eq!(summary["by_severity"]["warning"], 11);
    assert_eq!(summary["spelling_splits"][1]["actor"], "lena-markovic");
    assert_eq!(summary["spelling_splits"][1]["spellings"][1]["text"], "Markovic");
    let unknown = report["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "unknown-actor").unwrap();
    assert_eq!(unknown["suggestion"]["id"], "marta-kelling");
    assert_eq!(unknown["suggestion"]["role"], "Budget analyst");
}

#[test]
fn text_output_shows_the_source_and_a_caret() {
    let output = copydesk(&examples(), &["check", "articles/wire"]);
    let text = stdout(&output);
    let expected = "articles/wire/2026-02-25-patrol-boats.txt:17:56: warning[misspelled-name] ‘Andrej Vloan’ looks like a misspelling of ‘Andrej Volan’
   |
17 | …ill requires the signature of President Andrej Vloan, whose office said he supported the pla…
   |                                          ^^^^^^^^^^^^
   = fix: Replace with ‘Andrej Volan’
";
    assert!(text.contains(expected), "{text}");
    assert!(text.contains("Found 5 findings (4 warnings, 1 hint) in 2 of 2 articles."), "{text}");
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = examples();
    assert_eq!(copydesk(&dir, &["check", "--fail-on", "never"]).status.code(), Some(0));
    assert_eq!(copydesk(&dir, &["check", "--fail-on", "error"]).status.code(), Some(0));
    assert_eq!(copydesk(&dir, &["check", "--fail-on", "hint"]).status.code(), Some(1));
    assert_eq!(copydesk(&dir, &["check", "articles/archive"]).status.code(), Some(0));
    assert_eq!(copydesk(&dir, &["check", "--format", "yaml"]).status.code(), Some(2));
}

const REGISTRY: &str = "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n";

#[test]
fn registry_errors_exit_2_with_file_line_column() {
    let dir = workspace(&[
        ("copydesk.toml", b"registry = [\"actors.toml\"]\n"),
        ("actors.toml", b"[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\n\n[[actor.roles]]\ntitle = \"Mayor\"\nfrom = \"2024-13\"\n"),
        ("a.md", b"Ana Ruiz spoke."),
    ]);
    let output = copydesk(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).trim(),
        "actors.toml:7:8: error: bad date in actor `ana-ruiz`: `2024-13` is not a calendar date"
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn config_errors_exit_2_with_file_line_column() {
    let dir = workspace(&[("copydesk.toml", b"registry = [\"actors.toml\"]\n[rules]\nname-variant = \"loud\"\n")]);
    let output = copydesk(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).trim(),
        "copydesk.toml:3:16: error: unknown level `loud`, expected error, warning, info, hint or off"
    );

    let dir = workspace(&[("copydesk.toml", b"registry = [\"people.toml\"]\n")]);
    let output = copydesk(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("copydesk.toml:1:13: error: registry file `people.toml` not found"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unreadable_articles_are_reported_and_the_rest_still_checked() {
    let dir = workspace(&[
        ("copydesk.toml", b"registry = [\"actors.toml\"]\n"),
        ("actors.toml", REGISTRY.as_bytes()),
        ("good.md", "— Ana Ruis said “yes”.\n".as_bytes()),
        ("latin1.md", b"caf\xe9 line one\nAna Ruiz said \xff.\n"),
    ]);
    let output = copydesk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).trim(),
        "latin1.md:1:4: error: not UTF-8 text (invalid byte here); skipped — convert it with `iconv -t UTF-8`"
    );
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["findings"][0]["rule"], "name-variant");
    assert_eq!(report["findings"][0]["column"], 3);
    assert_eq!(report["errors"][0]["path"], "latin1.md");
}

#[test]
fn crlf_and_bom_articles_have_exact_columns() {
    let dir = workspace(&[
        ("copydesk.toml", b"registry = [\"actors.toml\"]\n"),
        ("actors.toml", REGISTRY.as_bytes()),
        ("crlf.txt", "\u{feff}---\r\ndate: 2026-01-01\r\n---\r\n«Привіт» 👋 — Ana Ruis\r\nsaid.\r\n".as_bytes()),
    ]);
    let output = copydesk(dir.path(), &["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let finding = &report["findings"][0];
    assert_eq!((finding["line"].as_u64(), finding["column"].as_u64()), (Some(4), Some(14)));
    assert_eq!((finding["end_line"].as_u64(), finding["end_column"].as_u64()), (Some(4), Some(22)));
}

#[test]
fn explicit_files_without_a_configuration_use_the_defaults() {
    let dir = workspace(&[("notes/a.txt", "Ana Ruis said no. He said the the end.".as_bytes())]);
    let output = copydesk(dir.path(), &["check", "notes/a.txt", "--format", "json", "--fail-on", "info"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "copydesk: no copydesk.toml governs 1 article under notes: checked with the defaults (no registry, so \
         names are not linked) — add a copydesk.toml naming your registry in notes or a folder above it, or pass \
         --config\n"
    );
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let rules: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["unknown-actor", "repeated-word"]);
}

#[test]
fn missing_paths_are_input_errors() {
    let output = copydesk(&examples(), &["check", "nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("nowhere:1:1: error: no such file or folder; nothing checked there"));
}

#[test]
fn rules_and_explain() {
    let output = copydesk(&examples(), &["rules"]);
    let text = stdout(&output);
    assert!(text.lines().any(|l| l.starts_with("misspelled-name") && l.contains("warning") && l.contains("fix")));
    assert_eq!(text.lines().count(), 14);
    let output = copydesk(&examples(), &["explain", "duplicated-name-token"]);
    let text = stdout(&output);
    assert!(text.starts_with(
        "# duplicated-name-token (A word doubled inside a registered name, default warning)\n\n## What it flags\n"
    ));
    assert!(
        text.contains("President Volodymyr Volodymyr Zelenskyy met ...   →   President Volodymyr Zelenskyy met ...")
    );
    let output = copydesk(&examples(), &["explain", "no-such-rule"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("copydesk: unknown rule `no-such-rule`; the rules are: duplicated-name-token,")
    );
    // The language server's corpus-wide diagnostic is explained too.
    let output = copydesk(&examples(), &["explain", "corpus-spelling"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with(
        "# corpus-spelling (a language server diagnostic, not a rule of check; default info)\n\n## What it reports\n"
    ));
}

#[test]
fn docs_rules_md_is_generated_from_the_rule_docs() {
    let output = copydesk(&examples(), &["rules", "--markdown"]);
    let committed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md")).unwrap();
    assert!(
        stdout(&output) == committed,
        "docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn sourcing_settings_extend_the_rules() {
    let article = "Cranes at quay 14 lifted 400 containers. People close to the board expect a strike. On the harbour dashboard, 12 ships were waiting.\n";
    let plain = workspace(&[("copydesk.toml", b"registry = []\n"), ("a.md", article.as_bytes())]);
    let report: Value = serde_json::from_str(&stdout(&copydesk(plain.path(), &["check", "--format", "json"]))).unwrap();
    let flagged = |report: &Value| -> Vec<(String, u64)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["rule"].as_str().unwrap().to_string(), f["column"].as_u64().unwrap()))
            .collect()
    };
    assert_eq!(
        flagged(&report),
        [
            ("unsourced-statistic".to_string(), 16),
            ("unsourced-statistic".to_string(), 26),
            ("unsourced-statistic".to_string(), 111)
        ]
    );

    let configured = workspace(&[
        ("copydesk.toml", "registry = []\n[sourcing]\nattribution = [\"on the harbour dashboard\"]\nvague = [\"people close to\"]\nname_words = [\"quay\"]\n".as_bytes()),
        ("a.md", article.as_bytes()),
    ]);
    let report: Value =
        serde_json::from_str(&stdout(&copydesk(configured.path(), &["check", "--format", "json"]))).unwrap();
    assert_eq!(flagged(&report), [("unsourced-statistic".to_string(), 26), ("vague-attribution".to_string(), 42)]);

    let bad = workspace(&[("copydesk.toml", b"registry = []\n[sourcing]\nvague_phrases = [\"x\"]\n")]);
    let output = copydesk(bad.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("copydesk.toml:3:1: error: invalid configuration: unknown field `vague_phrases`"),
        "{}",
        stderr(&output)
    );
}
