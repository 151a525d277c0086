//! CI mode and corpus export, through the binary: every output format
//! field by field, suppressions, baselines, fixes, statistics, export and
//! streaming.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).current_dir(dir).env_remove("CI").output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const REGISTRY: &str = "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\nwikidata = \"Q42\"\n\n[[actor]]\nid = \"port-board\"\nname = \"Port Board\"\nkind = \"organization\"\n";

fn corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"actors.toml\"]\n").unwrap();
    std::fs::write(dir.path().join("actors.toml"), REGISTRY).unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

#[test]
fn sarif_has_rule_metadata_levels_and_stable_fingerprints() {
    let text = "— Ana Ruis met the the board.\n";
    let dir = corpus(&[("a.md", text)]);
    let sarif: Value = serde_json::from_str(&stdout(&copydesk(dir.path(), &["check", "--format", "sarif"]))).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let variant = rules.iter().find(|r| r["id"] == "name-variant").unwrap();
    assert_eq!(variant["name"], "NameVariant");
    assert_eq!(variant["defaultConfiguration"]["level"], "warning");
    assert!(variant["help"]["text"].as_str().unwrap().starts_with("## What it flags"));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let r = &results[0];
    assert_eq!(r["ruleId"], "name-variant");
    assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], "name-variant");
    assert_eq!(r["level"], "warning");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "a.md");
    assert_eq!((loc["region"]["startLine"].as_u64(), loc["region"]["startColumn"].as_u64()), (Some(1), Some(3)));
    assert_eq!(loc["region"]["endColumn"], 11);
    assert_eq!(r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"], "Ana Ruiz");
    assert_eq!(results[1]["level"], "note");
    let fingerprint = r["partialFingerprints"]["copydesk/v1"].clone();
    assert_eq!(fingerprint.as_str().unwrap().len(), 16);

    std::fs::write(dir.path().join("a.md"), format!("A new first line.\n\n{text}")).unwrap();
    let moved: Value = serde_json::from_str(&stdout(&copydesk(dir.path(), &["check", "--format", "sarif"]))).unwrap();
    let r = &moved["runs"][0]["results"][0];
    assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(r["partialFingerprints"]["copydesk/v1"], fingerprint, "fingerprints do not depend on line numbers");
}

#[test]
fn github_annotations() {
    let dir = corpus(&[("notes/a.md", "Ana Ruis said, no.\n")]);
    let out = copydesk(dir.path(), &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "::warning file=notes/a.md,line=1,col=1,endLine=1,endColumn=9,title=name-variant::‘Ana Ruis’ is a variant spelling of Ana Ruiz; house style is ‘Ana Ruiz’\n"
    );
}

#[test]
fn github_registry_warnings_are_warnings() {
    let dir = corpus(&[("a.md", "Ana Ruiz met the board.\n")]);
    let registry = "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\naliases = [\"The Admiral\"]\n\n\
                    [[actor]]\nid = \"ivo-lind\"\nname = \"Ivo Lind\"\naliases = [\"The Admiral\"]\n";
    std::fs::write(dir.path().join("actors.toml"), registry).unwrap();
    let out = copydesk(dir.path(), &["check", "--format", "github", "--fail-on", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("actors.toml")).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert_eq!(
        lines[0],
        "::warning file=actors.toml,line=9,col=12::`The Admiral` is claimed by actors `ana-ruiz` (actors.toml:4:12) \
         and `ivo-lind`; mentions of it are ambiguous"
    );
}

#[test]
fn suppression_comments() {
    let text = "<!-- copydesk-disable-next-line name-variant -->\nAna Ruis left.\nAna Ruis came back.\n<!-- copydesk-disable -->\nthe the\n<!-- copydesk-enable -->\nand and\n<!-- copydesk-disable-next-line name-varient -->\nx\n";
    let dir = corpus(&[("a.md", text)]);
    let report: Value = serde_json::from_str(&stdout(&copydesk(dir.path(), &["check", "--format", "json"]))).unwrap();
    let seen: Vec<(String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [("name-variant".to_string(), 3), ("repeated-word".to_string(), 7), ("invalid-suppression".to_string(), 8)]
    );
}

#[test]
fn baselines_survive_edits_elsewhere() {
    let dir = corpus(&[("a.md", "Intro.\n\nAna Ruis met the board.\n")]);
    let out = copydesk(dir.path(), &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out).trim(), "Wrote a baseline of 1 finding to baseline.json.");
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["findings"][0]["rule"], "name-variant");
    assert!(baseline["findings"][0].get("line").is_none(), "baselines record no line numbers");

    std::fs::write(
        dir.path().join("a.md"),
        "A line inserted above.\n\nIntro.\n\nAna Ruis met the board.\nLater, Ana Ruis left.\n",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check", "--baseline", "baseline.json", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let lines: Vec<u64> = report["findings"].as_array().unwrap().iter().map(|f| f["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [6], "only the new finding is reported");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn fix_is_atomic_idempotent_and_diff_changes_nothing() {
    let text = "\u{feff}---\r\ndate: 2026-01-01\r\n---\r\nAna Ruis said the the boats — “Ана” 👋 — left.\r\n";
    let dir = corpus(&[("a.txt", text)]);
    let out = copydesk(dir.path(), &["check", "--diff"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "--- a/a.txt\n+++ b/a.txt\n@@ -2,3 +2,3 @@\n date: 2026-01-01\r\n ---\r\n-Ana Ruis said the the boats — “Ана” 👋 — left.\r\n+Ana Ruiz said the boats — “Ана” 👋 — left.\r\n"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("a.txt")).unwrap(), text, "--diff writes nothing");

    let out = copydesk(dir.path(), &["check", "--fix"]);
    assert_eq!(stderr(&out).trim(), "Fixed 2 findings in 1 file.");
    assert_eq!(out.status.code(), Some(0));
    let fixed = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(fixed, "\u{feff}---\r\ndate: 2026-01-01\r\n---\r\nAna Ruiz said the boats — “Ана” 👋 — left.\r\n");
    let out = copydesk(dir.path(), &["check", "--fix"]);
    assert_eq!(stderr(&out).trim(), "Fixed 0 findings in 0 files.");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.txt")).unwrap(), fixed);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn statistics_tables() {
    let out = copydesk(&examples(), &["check", "--statistics", "--fail-on", "never"]);
    let text = stdout(&out);
    let stats = &text[text.find("\nFindings by rule:").unwrap()..];
    assert!(stats.starts_with("\nFindings by rule:\n       5  unknown-actor\n"), "{stats}");
    assert!(stats.contains("\nMentions by actor:\n      12  Lena Marković (lena-markovic)\n"), "{stats}");
    assert!(
        stats.contains(
            "\nQuoted (direct + partial quotations; statements reported without quotation marks; articles):\n       4  Lena Marković (lena-markovic): 1 direct, 3 partial, 2 reported, 5 articles\n"
        ),
        "{stats}"
    );
    // "Kelling said" after "Marta Kelling": one speaker, named in full.
    assert!(
        stats.contains("\n       2  Marta Kelling (not registered): 2 direct, 0 partial, 0 reported, 1 article\n"),
        "{stats}"
    );
    // Someone only reported, never quoted, is counted too.
    assert!(
        stats.contains("\n       0  Pavel Horak (pavel-horak): 0 direct, 0 partial, 3 reported, 1 article\n"),
        "{stats}"
    );
    let json = stdout(&copydesk(&examples(), &["check", "--format", "json", "--fail-on", "never"]));
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        report["summary"]["quoted"][0],
        serde_json::json!({"actor": "lena-markovic", "name": "Lena Marković", "direct": 1, "partial": 3, "indirect": 2, "articles": 5})
    );
    // The spellings that split across articles are printed once, in the
    // summary, whether or not the statistics are asked for.
    let splits = "\nSpellings that differ across articles:\n  Andrej Volan (andrej-volan): Volan: 3 articles, Vloan: 1 article\n";
    assert_eq!(text.matches(splits).count(), 1, "{text}");
    assert!(!text.contains("\nSpelling splits:"), "{text}");
}

#[test]
fn jsonl_export_offsets_are_code_points() {
    let text =
        "---\ntitle: Ports\noutlet: The Ledger\n---\n«Привіт» 👋 — Ana Ruis and the Port Board met; Ana Ruiz left.\n";
    let dir = corpus(&[("x/a.md", text)]);
    let out_dir = dir.path().join("out");
    let out = copydesk(dir.path(), &["export", "--format", "jsonl", "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = std::fs::read_to_string(out_dir.join("annotations.jsonl")).unwrap();
    let record: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(record["path"], "x/a.md");
    assert_eq!(record["metadata"]["title"], "Ports");
    assert_eq!(record["metadata"]["outlet"], "The Ledger");
    let chars: Vec<char> = record["text"].as_str().unwrap().chars().collect();
    let mentions = record["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 3);
    for m in mentions {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice, m["text"].as_str().unwrap());
        let (bs, be) = (m["byte_start"].as_u64().unwrap() as usize, m["byte_end"].as_u64().unwrap() as usize);
        assert_eq!(&text[bs..be], m["text"].as_str().unwrap());
    }
    assert_eq!(
        (mentions[0]["actor"].as_str(), mentions[0]["kind"].as_str(), mentions[0]["form"].as_str()),
        (Some("ana-ruiz"), Some("person"), Some("variant"))
    );
    assert_eq!(mentions[1]["kind"], "organization");
    assert_eq!(record["findings"][0]["rule"], "name-variant");
}

#[test]
fn jsonl_export_records_who_says_each_quotation() {
    let text = "Ana Ruiz spoke after the vote. 👋 “We have the numbers,” she said. “The boats sail on Monday.”\n\n\
                The Port Board disagreed.\n\n“Nothing sails until the survey is done,” it said.\n";
    let dir = corpus(&[("a.md", text)]);
    let out_dir = dir.path().join("out");
    let out = copydesk(dir.path(), &["export", "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = std::fs::read_to_string(out_dir.join("annotations.jsonl")).unwrap();
    let record: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let slice = |v: &Value| {
        chars[v["start"].as_u64().unwrap() as usize..v["end"].as_u64().unwrap() as usize].iter().collect::<String>()
    };
    let quotes = record["quotes"].as_array().unwrap();
    let rows: Vec<(String, &str, Option<String>, &str, &str, Option<&str>)> = quotes
        .iter()
        .map(|q| {
            assert_eq!(slice(q), q["text"].as_str().unwrap());
            assert_eq!(slice(&q["speaker"]), q["speaker"]["text"].as_str().unwrap());
            (
                q["text"].as_str().unwrap().to_string(),
                q["kind"].as_str().unwrap(),
                q["cue"].as_object().map(|_| slice(&q["cue"])),
                q["speaker"]["text"].as_str().unwrap(),
                q["speaker"]["name"].as_str().unwrap(),
                q["speaker"]["actor"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "“We have the numbers,”".to_string(),
                "direct",
                Some("said".to_string()),
                "she",
                "Ana Ruiz",
                Some("ana-ruiz")
            ),
            ("“The boats sail on Monday.”".to_string(), "direct", None, "she", "Ana Ruiz", Some("ana-ruiz")),
            (
                "“Nothing sails until the survey is done,”".to_string(),
                "direct",
                Some("said".to_string()),
                "it",
                "Port Board",
                Some("port-board")
            ),
        ]
    );
}

#[test]
fn jsonl_export_has_utf16_offsets_candidates_and_suggestions() {
    let text = "👋 Ana Ruiz met analyst Ivo Lindqvist on the quay. 🚢 Later Horak said no.\n";
    let dir = corpus(&[("a.md", text)]);
    let registry = format!(
        "{REGISTRY}\n[[actor]]\nid = \"pavel-horak\"\nname = \"Pavel Horak\"\n\n[[actor]]\nid = \"mira-horak\"\nname = \"Mira Horak\"\n"
    );
    std::fs::write(dir.path().join("actors.toml"), registry).unwrap();
    let out_dir = dir.path().join("out");
    let out = copydesk(dir.path(), &["export", "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = std::fs::read_to_string(out_dir.join("annotations.jsonl")).unwrap();
    let record: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    let js_slice = |v: &Value| {
        String::from_utf16(
            &units[v["start_utf16"].as_u64().unwrap() as usize..v["end_utf16"].as_u64().unwrap() as usize],
        )
        .unwrap()
    };
    let mention = &record["mentions"][0];
    assert_eq!((js_slice(mention), mention["start_utf16"].as_u64()), ("Ana Ruiz".to_string(), Some(3)));
    assert_eq!(mention["start"], 2, "code points count 👋 once");
    let findings = record["findings"].as_array().unwrap();
    let unknown = findings.iter().find(|f| f["rule"] == "unknown-actor").unwrap();
    assert_eq!(js_slice(unknown), "Ivo Lindqvist");
    let suggestion = &unknown["suggestion"];
    assert_eq!(
        (&suggestion["id"], &suggestion["kind"], &suggestion["name"]),
        (&serde_json::json!("ivo-lindqvist"), &serde_json::json!("person"), &serde_json::json!("Ivo Lindqvist"))
    );
    assert!(suggestion["role"].is_string(), "{suggestion}");
    let ambiguous = findings.iter().find(|f| f["rule"] == "ambiguous-name").unwrap();
    assert_eq!(js_slice(ambiguous), "Horak");
    assert_eq!(ambiguous["candidates"], serde_json::json!(["pavel-horak", "mira-horak"]));
    assert!(unknown.get("candidates").is_none() && ambiguous.get("suggestion").is_none());
}

#[test]
fn brat_export_links_each_quotation_to_its_speaker() {
    let text = "Ana Ruiz spoke first. “We sail at dawn,” she said.\n\n“Nobody stops the boats,” one captain shouted.\n";
    let dir = corpus(&[("q.md", text)]);
    let out_dir = dir.path().join("brat");
    let out = copydesk(dir.path(), &["export", "--format", "brat", "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ann = std::fs::read_to_string(out_dir.join("q.md.ann")).unwrap();
    let at = |s: &str| text[..text.find(s).unwrap()].chars().count();
    let span = |s: &str| format!("{} {}", at(s), at(s) + s.chars().count());
    let expected = format!(
        "T1\tPerson {}\tAna Ruiz\nN1\tReference T1 copydesk:ana-ruiz\tAna Ruiz\nN2\tReference T1 Wikidata:Q42\tAna Ruiz\n\
         T2\tQuotation {}\t“We sail at dawn,”\nA1\tKind T2 Direct\nT3\tSpeaker {}\tshe\nR1\tRefers-to Arg1:T3 Arg2:T1\t\nR2\tSaid-by Arg1:T2 Arg2:T3\t\n\
         T4\tQuotation {}\t“Nobody stops the boats,”\nA2\tKind T4 Direct\nT5\tSpeaker {}\tone captain\nR3\tSaid-by Arg1:T4 Arg2:T5\t\n",
        span("Ana Ruiz"),
        span("“We sail at dawn,”"),
        span("she"),
        span("“Nobody stops the boats,”"),
        span("one captain"),
    );
    assert_eq!(ann, expected);
    let conf = std::fs::read_to_string(out_dir.join("annotation.conf")).unwrap();
    assert!(conf.contains("Quotation\nSpeaker\n"), "{conf}");
    assert!(conf.contains("Said-by\tArg1:Quotation, Arg2:<ENTITY>\n"), "{conf}");
    assert!(conf.contains("Kind\tArg:Quotation, Value:Direct|Partial|Indirect\n"), "{conf}");
}

#[test]
fn brat_export_re_reads_line_by_line() {
    let text = "Ana Ruis met the Port Board.\nThen Ana\nRuiz left. 👋\n";
    let dir = corpus(&[("a.txt", text)]);
    let out_dir = dir.path().join("brat");
    let out = copydesk(dir.path(), &["export", "--format", "brat", "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(out_dir.join("a.txt.txt")).unwrap(), text);
    assert!(
        std::fs::read_to_string(out_dir.join("annotation.conf")).unwrap().contains("[entities]\nPerson\nOrganization")
    );
    let ann = std::fs::read_to_string(out_dir.join("a.txt.ann")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let mut t_lines = 0;
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line}");
        if line.starts_with('T') {
            t_lines += 1;
            let (kind, spans) = fields[1].split_once(' ').unwrap();
            assert!(matches!(kind, "Person" | "Organization"));
            let pieces: Vec<String> = spans
                .split(';')
                .map(|span| {
                    let (a, b) = span.split_once(' ').unwrap();
                    chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), fields[2]);
        } else {
            assert!(line.starts_with('N'));
        }
    }
    assert_eq!(t_lines, 3);
    assert!(ann.contains("T1\tPerson 0 8\tAna Ruis\nN1\tReference T1 copydesk:ana-ruiz\tAna Ruiz\nN2\tReference T1 Wikidata:Q42\tAna Ruiz\n"), "{ann}");
    assert!(ann.contains("\tPerson 34 37;38 42\tAna Ruiz\n"), "{ann}");
}

#[test]
fn streaming_keeps_input_order_and_skips_malformed_lines() {
    let dir = corpus(&[]);
    let mut input = String::new();
    for i in 0..1200 {
        if i == 700 {
            input.push_str("{\"id\": 700, \"text\": \n");
            continue;
        }
        let text = if i % 2 == 0 { "Ana Ruis spoke." } else { "Nothing to see." };
        input.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        input.push('\n');
    }
    for (command, key) in [("check", "findings"), ("export", "mentions")] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args([command, "--stdin-jsonl"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let feed = input.clone();
        let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, feed.as_bytes()));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert_eq!(stderr(&out).trim(), "stdin:701:20: invalid JSON: EOF while parsing a value; skipped");
        let ids: Vec<u64> =
            stdout(&out).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_u64().unwrap()).collect();
        let expected: Vec<u64> = (0..1200).filter(|&i| i != 700).collect();
        assert_eq!(ids, expected);
        let first: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
        assert_eq!(first[key].as_array().unwrap().len(), 1);
    }
}
