//! `copydesk init` and `copydesk registry import | lint | suggest` as
//! users run them: processes on fixture files of our own writing
//! (tests/fixtures/wikidata holds entities in Wikidata's JSON format).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output: Output =
        Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).current_dir(dir).output().expect("the binary runs");
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

fn fixture(name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wikidata").join(name);
    path.to_str().unwrap().to_string()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn init_writes_starter_files_that_load_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(dir.path(), &["init", "desk"]);
    assert_eq!(code, 0);
    assert_eq!(out, "created desk/copydesk.toml\ncreated desk/actors.toml\n");
    let desk = dir.path().join("desk");
    assert!(read(&desk, "actors.toml").starts_with("# The actor registry"));
    // The starter registry loads and lints clean.
    let (code, out, err) = run(&desk, &["registry", "lint"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "No problems in 1 actor.\n", ""));

    std::fs::write(desk.join("actors.toml"), "# mine\n").unwrap();
    let (code, out, _) = run(dir.path(), &["init", "desk"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "kept desk/copydesk.toml (it exists; init never overwrites)\nkept desk/actors.toml (it exists; init never overwrites)\n"
    );
    assert_eq!(read(&desk, "actors.toml"), "# mine\n");
}

#[test]
fn an_import_links_and_dates_titles_in_a_check() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) =
        run(dir.path(), &["registry", "import", "wikidata", &fixture("dump.json"), "-o", "actors.toml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Imported 4 actors (2 people, 1 organizations, 1 places) with 3 roles from 8 entities into actors.toml.\n"
    );
    assert_eq!(
        err,
        "copydesk: 1 roles left out: their positions (Q990199) are not in the input; add those entities to it, or title them in a mapping file (--mapping)\n\
         copydesk: 1 entities left out: they have no label in en; name more languages with --lang\n"
    );
    let registry = read(dir.path(), "actors.toml");
    assert!(
        registry.contains(
            "[[actor.roles]]\ntitle = \"Prime Minister of Ukraine\"\nforms = [\"Prime Minister\", \"Ukrainian Prime Minister\"]\nfrom = \"2014\"\nto = \"2019-05\"\n"
        ),
        "{registry}"
    );
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"actors.toml\"]\n").unwrap();
    std::fs::write(
        dir.path().join("story.md"),
        "---\ndate: 2026-02-10\n---\n# Talks resume\n\nPrime Minister Mira Holt said the talks would resume. Prime Minister Ivo Stanek agreed.\n\nUkrainian President Mira Holt met the delegation.\n",
    )
    .unwrap();
    let (code, out, _) = run(dir.path(), &["check", "story.md", "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings: Vec<(String, u64, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["actor"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    // Holt was Prime Minister until May 2019 and is President since; Stanek
    // is Prime Minister: only the first title is out of date.
    assert_eq!(findings, [("title-mismatch".to_string(), 6, 1, "mira-holt".to_string())]);
    let (_, text, _) = run(dir.path(), &["check", "story.md"]);
    assert!(text.contains("Mira Holt’s role as Prime Minister of Ukraine ended in 2019-05; on 2026-02-10 write ‘former Prime Minister’"), "{text}");
    assert!(text.contains("Linked 3 mentions to 2 actors."), "{text}");
}

#[test]
fn json_lines_output_and_gzip_input() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(fixture("dump.json")).unwrap();
    let gz = dir.path().join("dump.json.gz");
    let mut encoder =
        flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, &plain).unwrap();
    encoder.finish().unwrap();
    let (code, _, err) = run(
        dir.path(),
        &["registry", "import", "wikidata", "dump.json.gz", &fixture("entitydata.json"), "-o", "wd.jsonl"],
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> =
        read(dir.path(), "wd.jsonl").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    // Ivo Stanek is in both files: the second gets an id of his own.
    assert_eq!(ids, ["mira-holt", "ivo-stanek", "civic-front", "novo-brdo", "ivo-stanek-q990002"]);
    assert_eq!(
        lines[0]["roles"][0],
        serde_json::json!({"title": "President of Ukraine", "forms": ["President", "Ukrainian President"], "from": "2019-05-20"})
    );
    let (code, _, err) = run(dir.path(), &["registry", "lint", "wd.jsonl"]);
    assert_eq!(code, 1);
    assert_eq!(err, "");
}

#[test]
fn sync_adds_what_changed_keeps_hand_edits_and_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    let desk = "# Kept by the desk.\n\n[[actor]]\nid = \"holt\"\nname = \"Mira Holt\"  # house style\nvariants = [\"Myra Holt\"]\nwikidata = \"Q990001\"\ndescription = \"Our words.\"\n\n[[actor.roles]]\ntitle = \"President of Ukraine\"\nforms = [\"President\", \"Ukraine's President\"]\nfrom = \"2019-05-20\"\n";
    std::fs::write(dir.path().join("actors.toml"), desk).unwrap();
    let args = ["registry", "import", "wikidata", &fixture("later.jsonl"), "-o", "actors.toml"];
    let (code, out, _) = run(dir.path(), &[&args[..], &["--dry-run"]].concat());
    assert_eq!(code, 0);
    assert!(out.starts_with("holt: added alias “M. Holt”\n"), "{out}");
    assert_eq!(read(dir.path(), "actors.toml"), desk, "a dry run writes nothing");
    let (code, out, _) = run(dir.path(), &args);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "holt: added alias “M. Holt”\nholt: added alias “Holt”\nholt: role “President of Ukraine” ended 2024-05-20\n\
         holt: added role “Prime Minister of Ukraine” (2014–2019-05)\nholt: added role “Mayor of Kharkiv” (2024-06-01–)\n\
         added dana-kovac: Dana Kovac (Q990003)\nSynced actors.toml from 5 entities: 1 actors added, 1 updated (5 changes).\n"
    );
    let synced = read(dir.path(), "actors.toml");
    assert!(synced.starts_with("# Kept by the desk.\n\n[[actor]]\nid = \"holt\"\nname = \"Mira Holt\"  # house style\nvariants = [\"Myra Holt\"]\n"), "{synced}");
    assert!(synced.contains("description = \"Our words.\""));
    assert!(
        synced.contains("forms = [\"President\", \"Ukraine's President\"]\nfrom = \"2019-05-20\"\nto = \"2024-05-20\""),
        "{synced}"
    );
    let (code, out, _) = run(dir.path(), &args);
    assert_eq!(
        (code, out.as_str()),
        (0, "Synced actors.toml from 5 entities: 0 actors added, 0 updated (0 changes).\n")
    );
    assert_eq!(read(dir.path(), "actors.toml"), synced);
}

#[test]
fn bad_input_is_located_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.json"),
        "[\n{\"id\": \"Q1\", \"claims\": {}},\n{\"id\": \"Q2\", \"labels\": 3}\n]\n",
    )
    .unwrap();
    let (code, out, err) = run(dir.path(), &["registry", "import", "wikidata", "bad.json", "-o", "new.toml"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.starts_with("copydesk: bad.json:3:"), "{err}");
    assert!(err.ends_with("; new.toml was not written\n"), "{err}");
    assert!(!dir.path().join("new.toml").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");

    std::fs::write(dir.path().join("map.toml"), "[positions.Q1]\ntitle = 3\n").unwrap();
    let (code, _, err) = run(
        dir.path(),
        &["registry", "import", "wikidata", &fixture("dump.json"), "--mapping", "map.toml", "-o", "x.toml"],
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("copydesk: map.toml:2:9: invalid mapping file:"), "{err}");

    std::fs::write(dir.path().join("broken.toml"), "[[actor]\n").unwrap();
    let (code, _, err) =
        run(dir.path(), &["registry", "import", "wikidata", &fixture("dump.json"), "-o", "broken.toml"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("copydesk: broken.toml:1:"), "{err}");
    assert_eq!(read(dir.path(), "broken.toml"), "[[actor]\n");
}

#[test]
fn lint_reports_located_problems_and_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let registry = "[[actor]]\nid = \"ana-kovac\"\nname = \"Ana Kovač\"\nwikidata = \"Q5001\"\n\n[[actor.roles]]\ntitle = \"Mayor of Sarn\"\n\n[[actor]]\nid = \"ana-kovac-2\"\nname = \"Ana Kovac\"\n\n[[actor]]\nid = \"rosa-may\"\nname = \"Rosa May\"\nwikidata = \"Q5001\"\naliases = [\"Ana Kovac\"]\n";
    std::fs::write(dir.path().join("actors.toml"), registry).unwrap();
    let (code, out, _) = run(dir.path(), &["registry", "lint"]);
    assert_eq!(code, 1);
    let lines: Vec<String> = out.lines().map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": ")).collect();
    assert_eq!(
        lines,
        [
            "actors.toml:7:9: warning[role-without-forms]",
            "actors.toml:11:1: warning[near-duplicate-name]",
            "actors.toml:15:8: warning[common-word-surname]",
            "actors.toml:16:1: warning[duplicate-wikidata]",
            "actors.toml:17:12: warning[claimed-twice]",
            "Found 5 problems in 3 actors.",
        ]
    );
    let (code, out, _) = run(dir.path(), &["registry", "lint", "--format", "jsonl"]);
    assert_eq!(code, 1);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "role-without-forms");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(7), Some(9)));

    std::fs::write(dir.path().join("bad.toml"), "[[actor]]\nid = \"Bad Id\"\nname = \"X\"\n").unwrap();
    let (code, _, err) = run(dir.path(), &["registry", "lint", "bad.toml"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("bad.toml:2:6: error: actor id `Bad Id` must use only lowercase letters"), "{err}");
}

#[test]
fn suggest_lists_a_corpus_unregistered_people_by_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("copydesk.toml"), "registry = [\"actors.toml\"]\n").unwrap();
    std::fs::write(root.join("actors.toml"), "[[actor]]\nid = \"mira-holt\"\nname = \"Mira Holt\"\n").unwrap();
    std::fs::create_dir(root.join("news")).unwrap();
    std::fs::write(
        root.join("news/a.md"),
        "Ilse Varnholt, a harbour master in Sarn, said the quay was closed. Mira Holt disagreed.\n\n\"We are ready,\" Ilse Varnholt told reporters on Tuesday.\n\nSecurity analyst Dag Emmerich said the patrols were overdue.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("news/b.md"),
        "Port envoy Ilse Varnholt said the quay would reopen, and Mira Holt agreed.\n",
    )
    .unwrap();
    let (code, out, err) = run(root, &["registry", "suggest", "news"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "# 3 mentions in 2 articles: news/a.md, news/b.md\n# seen as: \"Port envoy\" (1)\n# seen as: \"a harbour master in Sarn\" (1)\n\
         [[actor]]\nid = \"ilse-varnholt\"\nname = \"Ilse Varnholt\"\nkind = \"person\"\ndescription = \"Port envoy\"\n\n\
         # 1 mention in 1 article: news/a.md\n# seen as: \"Security analyst\" (1)\n\
         [[actor]]\nid = \"dag-emmerich\"\nname = \"Dag Emmerich\"\nkind = \"person\"\ndescription = \"Security analyst\"\n"
    );
    assert_eq!(err, "copydesk: 2 unregistered people in 2 articles.\n");
    // The entries are ready to paste: they load as a registry.
    std::fs::write(root.join("more.toml"), &out).unwrap();
    let (code, _, _) = run(root, &["registry", "lint", "more.toml"]);
    assert_eq!(code, 0);

    let (code, out, _) = run(root, &["registry", "suggest", "news", "--format", "jsonl", "--min-mentions", "2"]);
    assert_eq!(code, 0);
    let record: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        record["entry"],
        serde_json::json!({"id": "ilse-varnholt", "name": "Ilse Varnholt", "kind": "person", "description": "Port envoy"})
    );
    assert_eq!((record["mentions"].as_u64(), record["article_count"].as_u64()), (Some(3), Some(2)));
    assert_eq!(record["articles"], serde_json::json!(["news/a.md", "news/b.md"]));
}

#[test]
fn house_style_terms_are_flagged_and_fixed_in_the_same_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/house-style-terms.toml");
    std::fs::copy(example, root.join("terms.toml")).unwrap();
    std::fs::write(root.join("copydesk.toml"), "registry = [\"actors.toml\", \"terms.toml\"]\n").unwrap();
    std::fs::write(root.join("actors.toml"), "[[actor]]\nid = \"mira-holt\"\nname = \"Mira Holt\"\n").unwrap();
    let story = "Mira Holt flew to Kiev, where prices rose 4 percent.\n\nPercent figures from NATO were under-way, not underway.\n";
    std::fs::write(root.join("story.md"), story).unwrap();
    let (code, out, _) = run(root, &["check", "story.md", "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(u64, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "house-style-term")
        .map(|f| {
            (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap(), f["message"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        found,
        [
            (1, 19, "house style is ‘Kyiv’, not ‘Kiev’ (Ukrainian transliteration, used since 2019)".to_string()),
            (1, 45, "house style is ‘per cent’, not ‘percent’".to_string()),
            (3, 1, "house style is ‘Per cent’, not ‘Percent’".to_string()),
            (3, 22, "house style is ‘Nato’, not ‘NATO’ (acronyms pronounced as words take one capital)".to_string()),
            (3, 47, "house style is ‘under way’, not ‘underway’".to_string()),
        ]
    );
    let (code, _, _) = run(root, &["check", "story.md", "--fix"]);
    assert_eq!(code, 0);
    assert_eq!(
        read(root, "story.md"),
        "Mira Holt flew to Kyiv, where prices rose 4 per cent.\n\nPer cent figures from Nato were under-way, not under way.\n"
    );
}
