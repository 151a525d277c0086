//! Small promises of the command line, through the binary: `lsp --stdio`,
//! missing paths, skipped files, `export --help`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).current_dir(dir).env_remove("CI").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn lsp_accepts_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["lsp", "--stdio"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    stdin
        .write_all(framed(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#).as_bytes())
        .unwrap();
    // The answer to `initialize`: a header, a blank line, the body.
    let mut length = 0;
    loop {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.trim().parse().unwrap();
        }
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    std::io::Read::read_exact(&mut stdout, &mut body).unwrap();
    let body = text(&body);
    assert!(body.contains(r#""id":1"#) && body.contains("capabilities"), "{body}");
    let rest = [
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","method":"exit"}"#,
    ]
    .map(framed)
    .concat();
    stdin.write_all(rest.as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_missing_path_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = std::fs::canonicalize(dir.path()).unwrap();
    let out = copydesk(&cwd, &["check", "nosuchdir"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        format!(
            "nosuchdir:1:1: error: no such file or folder; nothing checked there — check the path (relative paths \
             start at {})\n",
            cwd.display()
        )
    );
    // Next to a path that exists, it is reported and the rest is checked.
    std::fs::write(cwd.join("a.md"), "Body.\n").unwrap();
    let out = copydesk(&cwd, &["check", "a.md", "nosuchdir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).ends_with(&format!(
        "nosuchdir:1:1: error: no such file or folder; nothing checked there — check the path (relative paths \
         start at {})\nNo findings in 1 article.\nLinked 0 mentions to 0 actors.\n",
        cwd.display()
    )));
}

#[test]
fn skipped_binary_files_are_not_counted_as_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "registry = []\n").unwrap();
    std::fs::write(dir.path().join("a.md"), "Body.\n").unwrap();
    std::fs::write(dir.path().join("logo.md"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    let out = copydesk(dir.path(), &["check"]);
    assert_eq!(
        text(&out.stdout),
        "logo.md:1:1: error: binary file (NUL byte at offset 8); skipped\nNo findings in 1 article.\n\
         Linked 0 mentions to 0 actors.\n"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_help_does_not_call_the_output_folder_required() {
    let dir = tempfile::tempdir().unwrap();
    let help = text(&copydesk(dir.path(), &["export", "--help"]).stdout);
    assert!(help.contains("Usage: copydesk export [OPTIONS] [PATHS]..."), "{help}");
    assert!(!help.contains("required"), "{help}");
    assert!(help.contains("Needed unless --stdin-jsonl"), "{help}");
    let out = copydesk(dir.path(), &["export"]);
    assert_eq!(text(&out.stderr), "copydesk: export needs -o DIR (or --stdin-jsonl)\n");
    assert_eq!(out.status.code(), Some(2));
}

/// `check` in colour: the path and rule in bold, the severity and its caret
/// in the severity's colour; never in a pipe unless asked, never with
/// NO_COLOR.
#[test]
fn colour_is_asked_for_or_forced_and_never_with_no_color() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "It was the the end.\n").unwrap();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        command.args(args).current_dir(dir.path()).env_remove("CI").env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            command.env(k, v);
        }
        text(&command.output().unwrap().stdout)
    };
    let coloured = "\u{1b}[1ma.md\u{1b}[0m:1:8: \u{1b}[1;36minfo\u{1b}[0m[\u{1b}[1mrepeated-word\u{1b}[0m] ";
    let caret = "  |        \u{1b}[1;36m^^^^^^^\u{1b}[0m\n";
    let always = run(&["check", "--color", "always"], &[]);
    assert!(always.starts_with(coloured), "{always:?}");
    assert!(always.contains(caret), "{always:?}");
    // A pipe gets plain text by default; CLICOLOR_FORCE colours it; NO_COLOR
    // wins over both, and --color never is plain.
    assert!(run(&["check"], &[]).starts_with("a.md:1:8: info[repeated-word] "));
    assert!(run(&["check"], &[("CLICOLOR_FORCE", "1")]).starts_with(coloured));
    assert!(
        run(&["check"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).starts_with("a.md:1:8: info[repeated-word] ")
    );
    assert!(!run(&["check", "--color", "never"], &[("CLICOLOR_FORCE", "1")]).contains('\u{1b}'));
    // Programs' formats never carry colour.
    assert!(!run(&["check", "--color", "always", "--format", "json"], &[]).contains('\u{1b}'));
}
