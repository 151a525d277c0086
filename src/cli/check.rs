//! `copydesk check`: find the configuration for each path, load its
//! workspace, analyse (and optionally fix) the articles in parallel and
//! print the report.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use super::baseline::{self, Baseline};
use super::output::emitter;
use super::report::{FileResult, Report, file_result};
use super::{CheckArgs, Format, fix};
use crate::article::Article;
use crate::config::Config;
use crate::problem::{FileProblem, ProblemLevel};
use crate::workspace::{Workspace, collect_articles};

/// What checking one file produced.
struct Checked {
    path: PathBuf,
    result: FileResult,
    fixed: usize,
    diff: Option<String>,
}

pub(super) fn run(args: CheckArgs) -> ExitCode {
    if args.stdin_jsonl {
        return super::stream::check(&args);
    }
    if args.fix && args.diff {
        eprintln!("copydesk: use --fix to apply fixes or --diff to show them, not both");
        return ExitCode::from(2);
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let groups = match group_by_config(&paths, args.config.as_deref()) {
        Ok(groups) => groups,
        Err(problems) => return fail(&problems),
    };
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Check
    };

    let registry = args.registry.clone();
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    let mut files_checked = 0;
    // Workspaces are kept, not dropped, until the process exits: freeing a
    // 100k-actor registry piece by piece costs a measurable share of a run.
    let mut workspaces = Vec::new();
    for (config, paths) in groups {
        let workspace = match Workspace::load(config, &registry) {
            Ok(ws) => ws,
            Err(errors) => return fail(&errors),
        };
        problems.extend(workspace.warnings.iter().cloned());
        let (files, walk_problems) = collect_articles(&workspace.config, &paths);
        problems.extend(walk_problems);
        files_checked += files.len();
        let progress = progress_bar(files.len());
        let results: Vec<Result<Checked, FileProblem>> = files
            .par_iter()
            .map(|path| {
                let r = check_file(&workspace, path, mode);
                progress.inc(1);
                r
            })
            .collect();
        progress.finish_and_clear();
        for result in results {
            match result {
                Ok(c) => checked.push(c),
                Err(p) => problems.push(p),
            }
        }
        workspaces.push(workspace);
    }
    let _keep = std::mem::ManuallyDrop::new(workspaces);
    checked.sort_by(|a, b| a.path.cmp(&b.path));
    let had_input_errors = problems.iter().any(FileProblem::is_error);

    if mode == Mode::Diff {
        let diffs: Vec<&String> = checked.iter().filter_map(|c| c.diff.as_ref()).collect();
        let mut stdout = std::io::stdout().lock();
        for diff in &diffs {
            let _ = stdout.write_all(diff.as_bytes());
            if !diff.ends_with('\n') {
                let _ = stdout.write_all(b"\n\\ No newline at end of file\n");
            }
        }
        for p in &problems {
            eprintln!("{p}");
        }
        let fixable: usize = checked.iter().map(|c| c.fixed).sum();
        eprintln!(
            "{fixable} fix{} in {} file{} would be applied by --fix.",
            plural_es(fixable),
            diffs.len(),
            plural_s(diffs.len())
        );
        return if had_input_errors {
            ExitCode::from(2)
        } else if diffs.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    if mode == Mode::Fix {
        let fixed: usize = checked.iter().map(|c| c.fixed).sum();
        let files = checked.iter().filter(|c| c.fixed > 0).count();
        eprintln!("Fixed {fixed} finding{} in {files} file{}.", plural_s(fixed), plural_s(files));
    }

    let mut results: Vec<FileResult> = checked.into_iter().map(|c| c.result).collect();
    if let Some(path) = &args.write_baseline {
        let all: Vec<_> = results.iter().flat_map(|r| r.findings.iter().cloned()).collect();
        return match baseline::write(path, &all) {
            Ok(()) => {
                eprintln!("Wrote a baseline of {} finding{} to {}.", all.len(), plural_s(all.len()), path.display());
                if had_input_errors { ExitCode::from(2) } else { ExitCode::SUCCESS }
            }
            Err(e) => {
                eprintln!("copydesk: {e}");
                ExitCode::from(2)
            }
        };
    }
    if let Some(path) = &args.baseline {
        let mut baseline = match Baseline::load(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("copydesk: {e}");
                return ExitCode::from(2);
            }
        };
        let mut absorbed = 0;
        for result in &mut results {
            result.findings.retain(|f| {
                let known = baseline.absorbs(f);
                absorbed += usize::from(known);
                !known
            });
        }
        if absorbed > 0 && args.format == Format::Text {
            eprintln!(
                "{absorbed} finding{} in the baseline {} not shown.",
                plural_s(absorbed),
                if absorbed == 1 { "is" } else { "are" }
            );
        }
    }
    let report = Report::new(files_checked, results, problems);

    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut written = emitter(args.format).emit(&mut stdout, &report);
    if args.statistics && written.is_ok() {
        written = if args.format == Format::Text {
            super::statistics::write(&mut stdout, &report)
        } else {
            super::statistics::write(&mut std::io::stderr(), &report)
        };
    }
    if let Err(e) = written.and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("copydesk: cannot write output: {e}");
        return ExitCode::from(2);
    }
    if !matches!(args.format, Format::Text | Format::Github) {
        for problem in &report.problems {
            eprintln!("{problem}");
        }
    }
    if had_input_errors {
        ExitCode::from(2)
    } else if report.fails(args.fail_on.threshold()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Check,
    Fix,
    Diff,
}

fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn plural_es(n: usize) -> &'static str {
    if n == 1 { "" } else { "es" }
}

/// A progress bar on standard error, shown only on a terminal and outside
/// CI, for runs long enough to want one.
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let visible = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() && len >= 200;
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

fn fail(problems: &[FileProblem]) -> ExitCode {
    for problem in problems {
        eprintln!("{problem}");
    }
    ExitCode::from(2)
}

/// Pairs each path with its configuration: `--config` for all, else the
/// nearest `copydesk.toml` above it, else the defaults rooted at the
/// current folder.
pub(super) fn group_by_config(
    paths: &[PathBuf],
    explicit: Option<&Path>,
) -> Result<Vec<(Config, Vec<PathBuf>)>, Vec<FileProblem>> {
    if let Some(file) = explicit {
        return Ok(vec![(Config::load(file)?, paths.to_vec())]);
    }
    let mut by_file: BTreeMap<Option<PathBuf>, Vec<PathBuf>> = BTreeMap::new();
    for path in paths {
        by_file.entry(Config::discover(path)).or_default().push(path.clone());
    }
    let mut groups = Vec::new();
    for (file, paths) in by_file {
        let config = match file {
            Some(file) => Config::load(&relative_to_cwd(&file))?,
            None => {
                eprintln!(
                    "copydesk: no {} found above {}; checking with the defaults (registry ./actors.toml if present)",
                    crate::config::CONFIG_FILE,
                    paths[0].display()
                );
                Config::defaults(Path::new("."))
            }
        };
        groups.push((config, paths));
    }
    Ok(groups)
}

/// Shows discovered paths the way the user would type them.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Reads an article as UTF-8, with a located error otherwise.
pub(super) fn read_article(path: &Path) -> Result<String, FileProblem> {
    let bytes = std::fs::read(path)
        .map_err(|e| FileProblem::whole_file(path, ProblemLevel::Error, format!("cannot read: {e}; skipped")))?;
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

fn check_file(workspace: &Workspace, path: &Path, mode: Mode) -> Result<Checked, FileProblem> {
    let text = read_article(path)?;
    let original = Article::for_path(path, &text);
    let (mut fixed, mut diff, mut rewritten) = (0, None, None);
    if mode != Mode::Check {
        let (new_text, applied) = fix::apply_safe_fixes(workspace, path, original.text());
        if applied > 0 {
            match mode {
                Mode::Diff => diff = Some(fix::unified_diff(path, original.text(), &new_text)),
                // The file's bytes are `text`'s: the write is skipped if they changed.
                _ => fix::write_atomically(path, text.as_bytes(), &new_text, original.had_bom())
                    .map_err(|e| FileProblem::whole_file(path, ProblemLevel::Error, e))?,
            }
            fixed = applied;
            if mode == Mode::Fix {
                rewritten = Some(Article::for_path(path, &new_text));
            }
        }
    }
    let article = rewritten.as_ref().unwrap_or(&original);
    let analysis = workspace.analyze(article);
    Ok(Checked {
        path: path.to_path_buf(),
        result: file_result(path, article, &analysis, &workspace.registry),
        fixed,
        diff,
    })
}
