//! Hostile input through the binary: each case must be reported clearly,
//! lose nothing, and leave the other files checked.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).current_dir(dir).output().unwrap()
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"actors.toml\"]\n").unwrap();
    std::fs::write(
        dir.path().join("actors.toml"),
        "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("good.md"), "Ana Ruis spoke.\n").unwrap();
    dir
}

fn report(out: &Output) -> Value {
    serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn binary_and_empty_files() {
    let dir = workspace();
    std::fs::write(dir.path().join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.path().join("empty.md"), b"").unwrap();
    let out = copydesk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), "image.md:1:1: error: binary file (NUL byte at offset 8); skipped");
    let r = report(&out);
    assert_eq!(r["summary"]["files"], 2, "the skipped binary file is no article");
    assert_eq!(r["findings"].as_array().unwrap().len(), 1, "good.md is still checked; empty.md has nothing");
}

#[test]
fn a_huge_single_line_is_checked_in_linear_time() {
    let dir = workspace();
    // 450 KB on one line, with quotations, figures and names throughout
    // (release builds take 13.7 s for 50 MB; the debug test stays smaller,
    // and under the 10,000 findings an article reports).
    let piece = "Ana Ruis said 40 boats sank — “we lost them” here” and sources say 27% of 12,400 people left. ";
    std::fs::write(dir.path().join("huge.md"), piece.repeat(450_000 / piece.len())).unwrap();
    let out = copydesk(dir.path(), &["check", "huge.md", "--format", "json", "--fail-on", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = report(&out);
    let findings = r["findings"].as_array().unwrap();
    // Every repeated sentence has a variant and a vague attribution.
    let pieces = 450_000 / piece.len();
    let count = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).count();
    assert_eq!(count("name-variant"), pieces);
    assert_eq!(count("vague-attribution"), pieces);
    assert!(findings.iter().all(|f| f["line"] == 1));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_do_not_hang_the_walk() {
    let dir = workspace();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let fifo = dir.path().join("pipe.md");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let out = copydesk(dir.path(), &["check", "--format", "json"]);
    let r = report(&out);
    assert_eq!(r["findings"].as_array().unwrap().len(), 1, "good.md is still checked");
    assert_eq!(r["summary"]["files"], 1, "the FIFO and the loop are not articles");
}

#[test]
fn registries_outside_the_workspace_need_the_users_own_flag() {
    let dir = workspace();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"../shared/actors.toml\"]\n").unwrap();
    let shared = tempfile::tempdir().unwrap();
    std::fs::write(
        shared.path().join("people.toml"),
        "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .starts_with("copydesk.toml:1:13: error: registry `../shared/actors.toml` is outside the workspace"),
        "{}",
        stderr(&out)
    );

    std::fs::write(dir.path().join("copydesk.toml"), "registry = []\n").unwrap();
    let people = shared.path().join("people.toml");
    let out = copydesk(dir.path(), &["check", "--registry", people.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(report(&out)["findings"][0]["rule"], "name-variant");
}

#[test]
fn malformed_jsonl_registries_are_located() {
    let dir = workspace();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = [\"actors.jsonl\"]\n").unwrap();
    std::fs::write(
        dir.path().join("actors.jsonl"),
        "{\"id\": \"a\", \"name\": \"A B\"}\n{\"id\": \"b\", \"name\": }\n",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), "actors.jsonl:2:21: error: invalid registry line: expected value");
}

/// Runs the binary as an unprivileged user when the tests run as root
/// (root reads any file, so only then can a file be unreadable). The
/// binary is copied into `dir`, which is opened up to that user.
#[cfg(unix)]
fn copydesk_unprivileged(dir: &Path, args: &[&str]) -> Option<Output> {
    use std::os::unix::fs::PermissionsExt;
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some(copydesk(dir, args));
    }
    let binary = dir.join("copydesk-bin");
    std::fs::copy(env!("CARGO_BIN_EXE_copydesk"), &binary).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    // `nobody` must be able to reach `dir`: a TMPDIR under a private folder
    // (such as /root) would make the failure look like copydesk's.
    for folder in dir.ancestors().skip(1) {
        let mode = std::fs::metadata(folder).unwrap().permissions().mode();
        assert!(mode & 0o001 != 0, "{} is not searchable by others; set TMPDIR elsewhere", folder.display());
    }
    let drop_to_nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"];
    Command::new("setpriv").args(drop_to_nobody).arg(&binary).args(args).current_dir(dir).output().ok()
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported_and_the_others_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let secret = dir.path().join("secret.md");
    std::fs::write(&secret, "Ana Ruis spoke again.\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some(out) = copydesk_unprivileged(dir.path(), &["check", "good.md", "secret.md", "--format", "json"]) else {
        panic!("running as root needs setpriv (util-linux) to drop privileges for this test");
    };
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stderr(&out).trim(), "secret.md:1:1: error: cannot read: Permission denied (os error 13); skipped");
    let r = report(&out);
    assert_eq!(r["findings"].as_array().unwrap().len(), 1, "good.md is still checked");
    assert_eq!(r["findings"][0]["path"], "good.md");
}

#[test]
fn problems_are_reported_group_by_group_with_several_configurations() {
    let root = tempfile::tempdir().unwrap();
    for group in ["a", "b"] {
        let dir = root.path().join(group);
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("copydesk.toml"), "registry = [\"actors.toml\"]\n").unwrap();
        std::fs::write(dir.join("good.md"), "Ana Ruis spoke.\n").unwrap();
    }
    std::fs::write(root.path().join("a/actors.toml"), "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\n").unwrap();
    // b's registry has a warning; a has a binary file. a's problems come
    // first, all of them, then b's: as if each group were checked alone.
    std::fs::write(
        root.path().join("b/actors.toml"),
        "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\naliases = [\"AR\"]\n\n\
         [[actor]]\nid = \"al-rowe\"\nname = \"Al Rowe\"\naliases = [\"AR\"]\n",
    )
    .unwrap();
    std::fs::write(root.path().join("a/zz.md"), b"\0binary").unwrap();
    let out = copydesk(root.path(), &["check", "a", "b", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let errors: Vec<(String, String)> = report(&out)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap().to_string(), e["level"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        errors,
        [("a/zz.md".to_string(), "error".to_string()), ("b/actors.toml".to_string(), "warning".to_string())]
    );
}

#[test]
fn fix_finishes_every_file_when_the_reader_of_the_report_goes_away() {
    let dir = workspace();
    // Several batches of files, each with a safe fix and a finding that
    // stays: the report (~180 bytes a file) outgrows the 64 KB output
    // buffer in the second batch, so it is written, and fails, mid-run.
    for i in 0..800 {
        std::fs::write(dir.path().join(format!("f{i:03}.md")), "Ana Ruis spoke, sources say.\n").unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--fix", "--fail-on", "never"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out).trim(), "Fixed 801 findings in 801 files.");
    for i in 0..800 {
        let text = std::fs::read_to_string(dir.path().join(format!("f{i:03}.md"))).unwrap();
        assert_eq!(text, "Ana Ruiz spoke, sources say.\n", "f{i:03}.md");
    }
}

/// The server returns freed memory and faults new pages in on every
/// registry reload: it runs with transparent huge pages off (each fault
/// would zero 2 MB, BENCHMARKS.md), batch commands with the system's
/// setting.
#[cfg(target_os = "linux")]
#[test]
fn the_server_runs_without_transparent_huge_pages() {
    use std::process::Stdio;
    let thp = |pid: u32| {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status.lines().find_map(|l| l.strip_prefix("THP_enabled:").map(|v| v.trim().to_string()))
    };
    if thp(std::process::id()).is_none() {
        eprintln!("skipped: this kernel does not report THP_enabled");
        return;
    }
    let mut server = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut seen = thp(server.id());
    while seen.as_deref() != Some("0") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        seen = thp(server.id());
    }
    drop(server.stdin.take());
    let ended = server.wait().unwrap();
    assert_eq!(seen.as_deref(), Some("0"), "THP_enabled of the server");
    assert!(ended.code().is_some(), "the server ends at the end of its input");
}
