//! `copydesk registry lint [FILES]`: the registry's problems at
//! `file:line:column`, from the core's checks (`crate::registry::lint`);
//! exit 1 when there are any, 2 when the registry does not load.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::registry::{LintArgs, LintFormat};
use crate::problem::FileProblem;
use crate::registry::lint::lint;
use crate::registry::load_registry;

pub(super) fn run(args: LintArgs) -> ExitCode {
    let paths = match registry_files(&args.files, args.config.as_deref()) {
        Ok(paths) => paths,
        Err(problems) => return fail(&problems),
    };
    let load = load_registry(&paths);
    if load.has_errors() {
        return fail(&load.problems);
    }
    let sources: Vec<String> = load
        .registry
        .sources()
        .iter()
        .map(|s| {
            crate::input::read_capped(&s.path, crate::input::REGISTRY_CAP)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default()
        })
        .collect();
    let texts: Vec<&str> = sources.iter().map(String::as_str).collect();
    let findings = lint(&load.registry, &texts);
    for finding in &findings {
        match args.format {
            LintFormat::Text => println!("{finding}"),
            LintFormat::Jsonl => println!(
                "{}",
                serde_json::json!({
                    "path": finding.path.to_string_lossy().replace('\\', "/"),
                    "line": finding.line,
                    "column": finding.column,
                    "code": finding.code,
                    "message": finding.message,
                })
            ),
        }
    }
    let actors = load.registry.len();
    if findings.is_empty() {
        if args.format == LintFormat::Text {
            println!("No problems in {}.", count(actors, "actor"));
        }
        ExitCode::SUCCESS
    } else {
        if args.format == LintFormat::Text {
            println!("Found {} in {}.", count(findings.len(), "problem"), count(actors, "actor"));
        }
        ExitCode::from(1)
    }
}

/// The files named, else the registry of `--config` or of the
/// `copydesk.toml` governing the current folder, else `actors.toml`.
pub(super) fn registry_files(files: &[PathBuf], config: Option<&Path>) -> Result<Vec<PathBuf>, Vec<FileProblem>> {
    if !files.is_empty() {
        return Ok(files.to_vec());
    }
    // The same search for a governing configuration as `check` makes.
    let (config, _) = crate::workspace::config_for_folder(Path::new("."), config)?;
    config.registry_paths()
}

fn fail(problems: &[FileProblem]) -> ExitCode {
    for problem in problems {
        eprintln!("{problem}");
    }
    eprintln!("copydesk: the registry does not load; fix the errors above first");
    ExitCode::from(2)
}

/// "1 actor", "3 actors".
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
