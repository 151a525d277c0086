//! `copydesk check`: find the configuration for each path, load its
//! workspace, analyse the articles in parallel and print the report.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use super::CheckArgs;
use super::output::emitter;
use super::report::{FileResult, Report, file_result};
use crate::article::Article;
use crate::config::Config;
use crate::problem::{FileProblem, ProblemLevel};
use crate::workspace::{Workspace, collect_articles};

pub(super) fn run(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let groups = match group_by_config(&paths, args.config.as_deref()) {
        Ok(groups) => groups,
        Err(problems) => return fail(&problems),
    };

    let mut problems = Vec::new();
    let mut results = Vec::new();
    let mut files_checked = 0;
    for (config, paths) in groups {
        let workspace = match Workspace::load(config) {
            Ok(ws) => ws,
            Err(errors) => return fail(&errors),
        };
        problems.extend(workspace.warnings.iter().cloned());
        let (files, walk_problems) = collect_articles(&workspace.config, &paths);
        problems.extend(walk_problems);
        files_checked += files.len();
        let checked: Vec<Result<FileResult, FileProblem>> =
            files.par_iter().map(|path| check_file(&workspace, path)).collect();
        for result in checked {
            match result {
                Ok(r) => results.push(r),
                Err(p) => problems.push(p),
            }
        }
    }
    let had_input_errors = problems.iter().any(FileProblem::is_error);
    let report = Report::new(files_checked, results, problems);

    let mut stdout = std::io::stdout().lock();
    let written = emitter(args.format).emit(&mut stdout, &report).and_then(|()| stdout.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("copydesk: cannot write output: {e}");
        return ExitCode::from(2);
    }
    if args.format != super::Format::Text {
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

fn fail(problems: &[FileProblem]) -> ExitCode {
    for problem in problems {
        eprintln!("{problem}");
    }
    ExitCode::from(2)
}

/// Pairs each path with its configuration: `--config` for all, else the
/// nearest `copydesk.toml` above it, else the defaults rooted at the
/// current folder.
fn group_by_config(
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

fn check_file(workspace: &Workspace, path: &Path) -> Result<FileResult, FileProblem> {
    let bytes = std::fs::read(path)
        .map_err(|e| FileProblem::whole_file(path, ProblemLevel::Error, format!("cannot read: {e}; skipped")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        let index = crate::position::LineIndex::new(&prefix);
        let pos = index.position(&prefix, at, crate::position::ColumnUnit::Scalar);
        FileProblem {
            path: path.to_path_buf(),
            span: at..at,
            line: pos.line + 1,
            column: pos.col + 1,
            level: ProblemLevel::Error,
            message: "not UTF-8 text (invalid byte here); skipped — convert it with `iconv -t UTF-8`".to_string(),
        }
    })?;
    let article = Article::for_path(path, &text);
    let analysis = workspace.analyze(&article);
    Ok(file_result(path, &article, &analysis, &workspace.registry))
}
