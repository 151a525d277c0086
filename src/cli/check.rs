//! `copydesk check`: find the configuration for each path, load its
//! workspace, analyse (and optionally fix) the articles in parallel, in
//! path-ordered batches, and hand each batch to the [`Sink`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use super::report::file_result;
use super::sink::{Checked, Destination, Sink};
use super::{CheckArgs, fix, guard};
use crate::article::Article;
use crate::problem::{FileProblem, ProblemLevel};
use crate::workspace::{Workspace, plan_run};

/// Files checked in parallel at a time. Each batch is written out while the
/// next is checked, so memory holds two batches of findings, not a corpus.
const BATCH: usize = 256;

pub(super) fn run(args: CheckArgs) -> ExitCode {
    if args.stdin_jsonl && args.files_from.is_some() {
        eprintln!("copydesk: --stdin-jsonl reads articles, not paths; use it or --files-from, not both");
        return ExitCode::from(2);
    }
    if args.stdin_jsonl {
        return super::stream::check(&args);
    }
    if args.fix && args.diff {
        eprintln!("copydesk: use --fix to apply fixes or --diff to show them, not both");
        return ExitCode::from(2);
    }
    if args.unsafe_fixes && !(args.fix || args.diff) {
        eprintln!(
            "copydesk: --unsafe-fixes goes with --fix (apply them) or --diff (show them); \
             `copydesk rules` says which rules' fixes are unsafe"
        );
        return ExitCode::from(2);
    }
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        match super::files_from::read(list) {
            Ok(listed) => paths.extend(listed),
            Err(message) => {
                eprintln!("copydesk: {message}");
                return ExitCode::from(2);
            }
        }
    }
    // No path means the current folder, but an empty --files-from list
    // (a change that touched no article) means nothing to check.
    if paths.is_empty() && args.files_from.is_none() {
        paths.push(PathBuf::from("."));
    }
    // A path that does not exist is an error; with nothing left to check,
    // the run stops there (no configuration search, no empty summary).
    let (paths, missing): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.into_iter().partition(|p| std::fs::symlink_metadata(p).is_ok());
    let missing: Vec<FileProblem> = missing.iter().map(|p| missing_path(p)).collect();
    if paths.is_empty() && !missing.is_empty() {
        return fail_with_report(&args, &missing);
    }
    let run = match plan_run(&paths, args.config.as_deref(), &args.registry, args.articles_only) {
        Ok(run) => run,
        Err(problems) => return fail_with_report(&args, &problems),
    };
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    let destination = match Destination::for_args(&args) {
        Ok(destination) => destination,
        Err(e) => {
            eprintln!("copydesk: {e}");
            return ExitCode::from(2);
        }
    };

    if let Some(note) = run.ungoverned_note() {
        eprintln!("copydesk: {note}");
    }
    // Problems by configuration group, in the order the user would read
    // them: each group's registry warnings (and later its files'
    // problems), then walk problems, then paths that do not exist.
    let mut problems: Vec<Vec<FileProblem>> = run.workspaces.iter().map(|w| w.warnings.clone()).collect();
    problems.push(run.walk_problems);
    problems.push(missing);
    // Workspaces are kept, not dropped, until the process exits: freeing a
    // 100k-actor registry piece by piece costs a measurable share of a run.
    let workspaces = run.workspaces;
    let files = run.files;

    if mode == Mode::Fix {
        super::safe_write::catch_interrupts();
    }
    let mut sink = Sink::new(destination, files.len(), problems);
    let progress = progress_bar(files.len());
    let mut checked_before = Vec::new();
    // Every file is checked even if the output's reader goes away: fixes
    // must all be applied, and the exit code must count every file.
    for batch in files.chunks(BATCH) {
        if super::safe_write::interrupted() {
            break;
        }
        let (checked, ()) = rayon::join(
            || {
                batch
                    .par_iter()
                    .map(|(workspace, path)| {
                        let checked =
                            check_file(&workspaces[*workspace], path, mode, args.unsafe_fixes, args.max_file_size);
                        progress.inc(1);
                        (*workspace, checked)
                    })
                    .collect::<Vec<_>>()
            },
            || sink.take(std::mem::take(&mut checked_before)),
        );
        checked_before = checked;
    }
    sink.take(checked_before);
    progress.finish_and_clear();
    let _keep = std::mem::ManuallyDrop::new(workspaces);
    if super::safe_write::interrupted() {
        // The report of what was done is still written whole.
        let _ = sink.finish(&args);
        eprintln!("copydesk: interrupted; the files fixed so far are complete, the others unchanged.");
        return ExitCode::from(130);
    }
    sink.finish(&args)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Check,
    Fix,
    Diff,
}

/// A progress bar on standard error, for runs long enough to want one: only
/// on a terminal, outside CI, and not while findings stream to the same
/// terminal (they would be drawn over; they show progress themselves).
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let visible = std::io::stderr().is_terminal()
        && !std::io::stdout().is_terminal()
        && std::env::var_os("CI").is_none()
        && len >= 200;
    if !visible {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} checking {pos}/{len} articles {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Reports problems that stop a run (configuration, registry) and gives
/// the exit code for them.
pub(super) fn fail(problems: &[FileProblem]) -> ExitCode {
    for problem in problems {
        eprintln!("{problem}");
    }
    ExitCode::from(2)
}

/// The error for a path on the command line that does not exist.
fn missing_path(path: &Path) -> FileProblem {
    let cwd = std::env::current_dir().map(|d| crate::text::shown_path(&d)).unwrap_or_else(|_| ".".to_string());
    FileProblem::whole_file(
        path,
        ProblemLevel::Error,
        format!("no such file or folder; nothing checked there — check the path (relative paths start at {cwd})"),
    )
}

/// Reports problems that stop a run like [`fail`], and for a machine
/// format (JSON, SARIF, GitHub) also writes a valid, empty report carrying
/// them, so a SARIF upload or a JSON reader sees the error.
fn fail_with_report(args: &CheckArgs, problems: &[FileProblem]) -> ExitCode {
    if args.format != super::Format::Text && !args.diff && args.write_baseline.is_none() {
        use std::io::Write;
        let mut emitter = super::output::emitter(args.format, args.color.enabled());
        let summary = super::report::Tally::new(0).finish();
        let mut out = std::io::stdout().lock();
        let _ =
            emitter.begin(&mut out).and_then(|()| emitter.end(&mut out, &summary, problems)).and_then(|()| out.flush());
    }
    fail(problems)
}

/// Reads an article of at most `cap` bytes as UTF-8, with a located error
/// otherwise.
pub(super) fn read_article(path: &Path, cap: u64) -> Result<String, FileProblem> {
    let bytes = crate::input::read_capped(path, cap).map_err(|e| {
        let message = match e {
            crate::input::ReadError::Io(e) => format!("cannot read: {e}; skipped"),
            too_large => format!("{too_large}; skipped — raise it with --max-file-size"),
        };
        FileProblem::whole_file(path, ProblemLevel::Error, message)
    })?;
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(FileProblem::whole_file(
            path,
            ProblemLevel::Error,
            format!("binary file (NUL byte at offset {at}); skipped"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        // The bytes before the bad one are valid UTF-8: locate it in them.
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        let message = "not UTF-8 text (invalid byte here); skipped — convert it with `iconv -t UTF-8`";
        FileProblem::at(path, &prefix, at..at, ProblemLevel::Error, message)
    })
}

/// Checks one article; with `mode` fix or diff, applies its safe fixes
/// (and its unsafe ones with `unsafe_too`).
fn check_file(
    workspace: &Workspace,
    path: &Path,
    mode: Mode,
    unsafe_too: bool,
    cap: u64,
) -> Result<Checked, FileProblem> {
    let text = read_article(path, cap)?;
    // A file --fix must not rewrite (a link, read-only, ...) is checked
    // as it is, and the reason is reported with its findings.
    let refused = match mode {
        Mode::Fix => {
            super::safe_write::refusal(path).map(|why| FileProblem::whole_file(path, ProblemLevel::Error, why))
        }
        _ => None,
    };
    let mode = if refused.is_some() { Mode::Check } else { mode };
    // Everything but the write is pure and runs under the guard: a file
    // whose analysis fails is reported and never written.
    let (checked, fixed_text) = guard::article(path, || {
        let original = Article::for_path(path, &text);
        let (fixed_text, fixed) = match mode {
            Mode::Check => (None, 0),
            _ => match fix::apply_fixes(workspace, path, original.text(), unsafe_too) {
                (_, 0) => (None, 0),
                (new_text, applied) => (Some(new_text), applied),
            },
        };
        let diff = match (&fixed_text, mode) {
            (Some(new_text), Mode::Diff) => Some(fix::unified_diff(path, original.text(), new_text)),
            _ => None,
        };
        let rewritten = match (&fixed_text, mode) {
            (Some(new_text), Mode::Fix) => Some(Article::for_path(path, new_text)),
            _ => None,
        };
        let article = rewritten.as_ref().unwrap_or(&original);
        let analysis = workspace.analyze(path, article);
        let result = file_result(path, article, &analysis, &workspace.registry);
        let mut notes: Vec<FileProblem> =
            analysis.omitted.iter().map(|o| omitted_findings(path, article.text(), o)).collect();
        notes.extend(workspace.unapplied(path, &analysis));
        let notes = refused.into_iter().chain(notes).collect();
        (Checked { result, fixed, diff, notes }, fixed_text.map(|t| (t, original.had_bom())))
    })?;
    if mode == Mode::Fix {
        if let Some((new_text, bom)) = fixed_text {
            if super::safe_write::interrupted() {
                return Err(FileProblem::whole_file(
                    path,
                    ProblemLevel::Error,
                    "interrupted before it was written; not fixed",
                ));
            }
            // The file's bytes are `text`'s: the write is skipped if they changed.
            fix::write_atomically(path, text.as_bytes(), &new_text, bom)
                .map_err(|e| FileProblem::whole_file(path, ProblemLevel::Error, e))?;
        }
    }
    Ok(checked)
}

/// The warning for findings past the per-article limit, at the first one
/// dropped.
pub(super) fn omitted_findings(path: &Path, text: &str, omitted: &crate::analysis::Omitted) -> FileProblem {
    FileProblem::at(
        path,
        text,
        omitted.from..omitted.from,
        ProblemLevel::Warning,
        format!(
            "{} more findings from here on are not reported: an article reports at most {} \
             (so many is usually one defect repeated; fix it and check again)",
            omitted.count,
            crate::analysis::MAX_FINDINGS
        ),
    )
}
