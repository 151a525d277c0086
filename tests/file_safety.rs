//! Files are never lost, corrupted or leaked, through the binary: `--fix`
//! refuses links, hard links and read-only files, keeps mode, owner and
//! group, leaves no temporary file, and stops cleanly on SIGTERM.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).current_dir(dir).env_remove("CI").output().unwrap()
}

fn err_text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ARTICLE: &str = "Ana Ruis said the the boats left.\n";
const FIXED: &str = "Ana Ruiz said the boats left.\n";

/// A workspace whose registry knows `Ana Ruis` as a variant of Ana Ruiz.
fn newsroom(articles: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("copydesk.toml"), "registry = [\"actors.toml\"]\n").unwrap();
    std::fs::write(
        root.join("actors.toml"),
        "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n",
    )
    .unwrap();
    for name in articles {
        std::fs::write(root.join(name), ARTICLE).unwrap();
    }
    dir
}

fn temp_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".tmp") {
            found.push(name);
        }
    }
    found
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_symlink_is_not_rewritten_and_its_target_outside_is_untouched() {
    let ws = newsroom(&[]);
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("target.md");
    std::fs::write(&target, ARTICLE).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink(&target, ws.path().join("link.md")).unwrap();

    let out = run(ws.path(), &["check", "--fix", "--format", "json", "link.md"]);
    assert_eq!(
        err_text(&out),
        format!(
            "Fixed 0 findings in 0 files.\nlink.md:1:1: error: is a symbolic link (to `{}`); --fix does not rewrite \
             links (the link would become a copy and its target stay unfixed) — run --fix on the file it points to\n",
            target.display()
        )
    );
    assert_eq!(out.status.code(), Some(2));
    // The findings are still reported, unfixed.
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 2);
    assert!(std::fs::symlink_metadata(ws.path().join("link.md")).unwrap().file_type().is_symlink());
    assert_eq!(read(&target), ARTICLE);
    assert_eq!(std::fs::metadata(&target).unwrap().mode() & 0o7777, 0o600);
    assert_eq!(temp_files(ws.path()), Vec::<String>::new());
}

#[test]
fn fixing_keeps_mode_owner_and_group_and_leaves_no_temporary_file() {
    let ws = newsroom(&["a.md"]);
    let path = ws.path().join("a.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root (the test machine), the file can belong to somebody else.
    let root = std::fs::metadata(ws.path()).unwrap().uid() == 0;
    if root {
        std::os::unix::fs::chown(&path, Some(1234), Some(4321)).unwrap();
    }
    let out = run(ws.path(), &["check", "--fix", "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", err_text(&out));
    assert_eq!(err_text(&out), "Fixed 2 findings in 1 file.\n");
    assert_eq!(read(&path), FIXED);
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o640);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (1234, 4321));
    }
    assert_eq!(temp_files(ws.path()), Vec::<String>::new());
}

#[test]
fn read_only_files_and_hard_links_are_reported_and_left_alone() {
    let ws = newsroom(&["locked.md", "linked.md", "ok.md"]);
    let locked = ws.path().join("locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let other_name = outside.path().join("other-name.md");
    std::fs::hard_link(ws.path().join("linked.md"), &other_name).unwrap();

    let out = run(ws.path(), &["check", "--fix"]);
    assert_eq!(err_text(&out), "Fixed 2 findings in 1 file.\n");
    let report = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        report.contains(
            "linked.md:1:1: error: has 2 hard links; --fix does not rewrite it (the other links would keep the old \
             text) — apply the fixes shown by --diff yourself, or make it a single file first\n\
             locked.md:1:1: error: is read-only; not fixed — make it writable (`chmod u+w`) to fix it\n"
        ),
        "{report}"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(read(&locked), ARTICLE);
    assert_eq!(std::fs::metadata(&locked).unwrap().mode() & 0o7777, 0o444);
    assert_eq!(read(&other_name), ARTICLE);
    assert_eq!(std::fs::metadata(&other_name).unwrap().nlink(), 2, "the hard link is not split");
    assert_eq!(read(&ws.path().join("ok.md")), FIXED);
    assert_eq!(temp_files(ws.path()), Vec::<String>::new());
}

/// Runs copydesk and sends it SIGTERM after 400 ms.
fn terminated(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn sigterm_during_fix_leaves_every_file_whole_and_no_temporary_file() {
    let names: Vec<String> = (0..3000).map(|i| format!("a{i:04}.md")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let ws = newsroom(&refs);
    let out = terminated(ws.path(), &["check", "--fix", "--format", "json"]);
    let stderr = err_text(&out);
    match out.status.code() {
        Some(130) => {
            assert!(
                stderr.ends_with("copydesk: interrupted; the files fixed so far are complete, the others unchanged.\n"),
                "{stderr}"
            );
            // The report of what was done is valid JSON.
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
        }
        // A fast machine finished first.
        code => assert_eq!(code, Some(0), "{stderr}"),
    }
    for name in &names {
        let text = read(&ws.path().join(name));
        assert!(text == ARTICLE || text == FIXED, "{name} is half-written: {text:?}");
    }
    assert_eq!(temp_files(ws.path()), Vec::<String>::new());
}

#[test]
fn a_registry_or_configuration_linked_from_outside_the_workspace_is_refused() {
    let ws = newsroom(&["a.md"]);
    let outside = tempfile::tempdir().unwrap();
    let far = std::fs::canonicalize(outside.path()).unwrap();
    let root = std::fs::canonicalize(ws.path()).unwrap();
    std::fs::write(far.join("actors.toml"), "[[actor]]\nid = \"x\"\nname = \"Xavier Yu\"\n").unwrap();
    std::os::unix::fs::symlink(&far, ws.path().join("reg")).unwrap();
    std::fs::write(ws.path().join("copydesk.toml"), "registry = [\"reg/actors.toml\"]\n").unwrap();
    let out = run(ws.path(), &["check"]);
    assert_eq!(
        err_text(&out),
        format!(
            "copydesk.toml:1:13: error: registry `reg/actors.toml` leads through a symbolic link to {}/actors.toml, \
             outside the workspace ({}); a workspace's configuration may only name files inside it — pass it with \
             `--registry` or your editor's `copydesk.registry` setting, or put a copy in the workspace\n",
            far.display(),
            root.display()
        )
    );
    assert_eq!(out.status.code(), Some(2));

    std::fs::write(far.join("copydesk.toml"), "registry = []\n").unwrap();
    std::fs::remove_file(ws.path().join("copydesk.toml")).unwrap();
    std::os::unix::fs::symlink(far.join("copydesk.toml"), ws.path().join("copydesk.toml")).unwrap();
    let out = run(ws.path(), &["check"]);
    assert_eq!(
        err_text(&out),
        format!(
            "copydesk.toml:1:1: error: is a symbolic link to {}/copydesk.toml, outside its workspace ({}); a \
             configuration found in a workspace must be inside it — replace the link with a copy, or name the file \
             with --config\n",
            far.display(),
            root.display()
        )
    );
    assert_eq!(out.status.code(), Some(2));
    // Named by the user, the same file is allowed.
    let out = run(ws.path(), &["check", "--config", &far.join("copydesk.toml").to_string_lossy(), "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", err_text(&out));
}

#[test]
fn terminal_escapes_in_names_text_and_registry_are_shown_escaped() {
    let ws = newsroom(&[]);
    std::fs::write(
        ws.path().join("actors.toml"),
        "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\\u001b]0;reg\\u0007\"\nvariants = [\"Ana Ruis\"]\n",
    )
    .unwrap();
    let name = "x\u{1b}]0;title\u{7}\u{1b}[2J.md";
    std::fs::write(ws.path().join(name), "Ana Ruis said \u{1b}]0;pwned\u{7} the the boats\u{1b}[2J left.\n").unwrap();
    let shown = "x\\u{1b}]0;title\\u{7}\\u{1b}[2J.md";
    for args in [&["check"][..], &["check", "--format", "github"], &["check", "--statistics"]] {
        let out = run(ws.path(), args);
        for stream in [&out.stdout, &out.stderr] {
            assert!(!stream.iter().any(|&b| b == 0x1b || b == 0x07 || b == 0x7f), "{args:?}: {}", err_text(&out));
        }
    }
    let out = run(ws.path(), &["check"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!(
            "{shown}:1:1: warning[name-variant] ‘Ana Ruis’ is a variant spelling of Ana Ruiz\\u{{1b}}]0;reg\\u{{7}}; \
             house style is ‘Ana Ruiz\\u{{1b}}]0;reg\\u{{7}}’\n  |\n\
             1 | Ana Ruis said \\u{{1b}}]0;pwned\\u{{7}} the the boats\\u{{1b}}[2J left.\n  | ^^^^^^^^\n"
        )),
        "{text}"
    );
    // The caret is under the shown text.
    assert!(text.contains(&format!("\n  | {}^^^^^^^\n", " ".repeat(34))), "{text}");
    // JSON keeps the exact characters, JSON-escaped.
    let out = run(ws.path(), &["check", "--format", "json"]);
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains(r#""path":"x\u001b]0;title\u0007\u001b[2J.md""#), "{json}");
    // A problem on standard error names the file escaped.
    std::fs::write(ws.path().join(name), b"bad \xff byte\n").unwrap();
    let out = run(ws.path(), &["check", "--format", "json"]);
    assert_eq!(
        err_text(&out),
        format!("{shown}:1:5: error: not UTF-8 text (invalid byte here); skipped — convert it with `iconv -t UTF-8`\n")
    );
}

#[test]
fn brat_export_keeps_every_article_one_line_per_annotation_and_is_not_checked_again() {
    let ws = newsroom(&["a.md"]);
    std::fs::write(ws.path().join("a.txt"), "Then Ana\tRuiz and Ana\u{2028}Ruiz left.\n").unwrap();
    let out = run(ws.path(), &["export", "--format", "brat", "-o", "out"]);
    assert_eq!(err_text(&out), "Exported 2 articles to out.\n");
    assert_eq!(out.status.code(), Some(0));
    let out_dir = ws.path().join("out");
    assert_eq!(read(&out_dir.join("a.md.txt")), ARTICLE);
    assert_eq!(read(&out_dir.join("a.txt.txt")), "Then Ana\tRuiz and Ana\u{2028}Ruiz left.\n");
    // "Ana Ruis said the the boats left": a mention and the statement she
    // reports, said by her.
    assert_eq!(
        read(&out_dir.join("a.md.ann")),
        "T1\tPerson 0 8\tAna Ruis\nN1\tReference T1 copydesk:ana-ruiz\tAna Ruiz\n\
         T2\tQuotation 14 32\tthe the boats left\nA1\tKind T2 Indirect\nR1\tSaid-by Arg1:T2 Arg2:T1\t\n"
    );
    // The TAB is a space in the text field (same length); U+2028 splits
    // the name into two fragments, as a line break does.
    assert_eq!(
        read(&out_dir.join("a.txt.ann")),
        "T1\tPerson 5 13\tAna Ruiz\nN1\tReference T1 copydesk:ana-ruiz\tAna Ruiz\n\
         T2\tPerson 18 21;22 26\tAna Ruiz\nN2\tReference T2 copydesk:ana-ruiz\tAna Ruiz\n"
    );
    assert!(read(&out_dir.join(".copydesk-export")).starts_with("This folder is a copydesk export."));
    assert_eq!(temp_files(&out_dir), Vec::<String>::new());

    // The export inside the workspace is not checked, nor exported, again.
    let out = run(ws.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 2);
    let out = run(ws.path(), &["export", "--format", "brat", "-o", "out"]);
    assert_eq!(err_text(&out), "Exported 2 articles to out.\n");

    // Two paths that would share brat files: the second is an error, not an overwrite.
    std::fs::create_dir(ws.path().join("sub")).unwrap();
    std::fs::write(ws.path().join("sub/a.md"), FIXED).unwrap();
    let out = run(&ws.path().join("sub"), &["export", "--format", "brat", "-o", "../out2", "../a.md", "a.md"]);
    assert_eq!(
        err_text(&out),
        "a.md:1:1: error: not exported: its brat files would overwrite those of ../a.md (../out2/a.md.txt) — \
         export the two in separate runs with different -o folders\nExported 1 article to ../out2.\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(read(&ws.path().join("out2/a.md.txt")), ARTICLE);
}

#[test]
fn jsonl_export_streams_in_path_order() {
    let names: Vec<String> = (0..600).rev().map(|i| format!("d{}/a{i:03}.md", i % 7)).collect();
    let ws = newsroom(&[]);
    for name in &names {
        std::fs::create_dir_all(ws.path().join(name).parent().unwrap()).unwrap();
        std::fs::write(ws.path().join(name), ARTICLE).unwrap();
    }
    let out = run(ws.path(), &["export", "-o", "out"]);
    assert_eq!(err_text(&out), "Exported 600 articles to out.\n");
    let body = read(&ws.path().join("out/annotations.jsonl"));
    let paths: Vec<String> = body
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(temp_files(&ws.path().join("out")), Vec::<String>::new());
}

#[test]
fn the_registry_and_configuration_are_never_articles_and_hooks_pass_only_articles() {
    let ws = newsroom(&[]);
    let root = ws.path();
    std::fs::write(root.join("copydesk.toml"), "registry = [\"actors.toml\"]\ninclude = [\"articles/**/*.md\"]\n")
        .unwrap();
    // A registry whose own text has a variant and a doubled word.
    let registry =
        "# Ana Ruis is the the variant\n[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n";
    std::fs::write(root.join("actors.toml"), registry).unwrap();
    std::fs::write(root.join("NOTES.md"), ARTICLE).unwrap();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(root.join("articles/a.md"), ARTICLE).unwrap();
    let config = read(&root.join("copydesk.toml"));
    // What pre-commit passes: every changed text file.
    let named = ["copydesk.toml", "actors.toml", "NOTES.md", "articles/a.md"];

    let hook: Vec<&str> = ["check", "--fix", "--articles-only"].into_iter().chain(named).collect();
    let out = run(root, &hook);
    assert_eq!(err_text(&out), "Fixed 2 findings in 1 file.\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(read(&root.join("articles/a.md")), FIXED);
    assert_eq!(read(&root.join("NOTES.md")), ARTICLE, "not an article by the configuration");
    assert_eq!(read(&root.join("actors.toml")), registry);
    assert_eq!(read(&root.join("copydesk.toml")), config);

    // Named without the flag, a file is checked even outside `include`,
    // but the registry and configuration still are not articles.
    std::fs::write(root.join("articles/a.md"), ARTICLE).unwrap();
    let plain: Vec<&str> = ["check", "--fix"].into_iter().chain(named).collect();
    let out = run(root, &plain);
    assert_eq!(err_text(&out), "Fixed 4 findings in 2 files.\n");
    assert_eq!(read(&root.join("NOTES.md")), FIXED);
    assert_eq!(read(&root.join("actors.toml")), registry);
    assert_eq!(read(&root.join("copydesk.toml")), config);
    let hooks = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("entry: copydesk check --articles-only\n"), "{hooks}");
    assert!(hooks.contains("entry: copydesk check --fix --articles-only\n"), "{hooks}");
}

#[test]
fn sigterm_during_export_leaves_no_partial_file() {
    let names: Vec<String> = (0..3000).map(|i| format!("a{i:04}.md")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let ws = newsroom(&refs);
    let out = terminated(ws.path(), &["export", "-o", "out"]);
    let stderr = err_text(&out);
    let jsonl = ws.path().join("out/annotations.jsonl");
    match out.status.code() {
        Some(130) => {
            assert_eq!(
                stderr,
                "copydesk: interrupted; annotations.jsonl not written (files exported so far are complete).\n"
            );
            assert!(!jsonl.exists());
        }
        code => {
            assert_eq!(code, Some(0), "{stderr}");
            assert_eq!(read(&jsonl).lines().count(), 3000);
        }
    }
    assert_eq!(temp_files(&ws.path().join("out")), Vec::<String>::new());
}
