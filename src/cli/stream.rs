//! `--stdin-jsonl`: articles as JSON Lines on standard input, one result
//! line per article on standard output, in input order, so copydesk runs as
//! a map step under Spark (`RDD.pipe`), Hadoop streaming or Beam.
//!
//! Input lines: `{"id": ..., "text": "...", "date": "YYYY-MM-DD"?, "path":
//! "name.md"?}`. A line that is not such an object is reported on standard
//! error with its line number and skipped; the others are still processed.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::{Value, json};

use super::check::fail;
use super::record;
use crate::article::{Article, Syntax};
use crate::date::Date;
use crate::finding::Severity;
use crate::workspace::Workspace;

/// Lines analysed in parallel at a time (bounded memory on endless input).
const BATCH: usize = 512;

/// What each input line becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Output {
    /// `{"id", "findings", "mentions"}` — `check --stdin-jsonl`.
    Findings,
    /// The export record with `id` — `export --stdin-jsonl`.
    Record,
}

fn workspace(config: Option<&Path>, registry: &[PathBuf]) -> Result<Workspace, ExitCode> {
    let cwd = PathBuf::from(".");
    let groups = super::check::group_by_config(&[cwd], config).map_err(|problems| fail(&problems))?;
    let (config, _) = groups.into_iter().next().ok_or(ExitCode::from(2))?;
    Workspace::load(config, registry).map_err(|problems| fail(&problems))
}

pub(super) fn check(args: &super::CheckArgs) -> ExitCode {
    run(args.config.as_deref(), &args.registry, Output::Findings, args.fail_on.threshold())
}

/// Streams stdin to stdout; returns 1 when a finding reaches `fail_on`.
pub(super) fn run(config: Option<&Path>, registry: &[PathBuf], output: Output, fail_on: Option<Severity>) -> ExitCode {
    let ws = match workspace(config, registry) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut lines = stdin.lines().enumerate();
    let mut failed = false;
    loop {
        let batch: Vec<(usize, std::io::Result<String>)> = lines.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<Result<Option<(String, bool)>, String>> =
            batch.into_par_iter().map(|(n, line)| process(&ws, n + 1, line, output, fail_on)).collect();
        for result in results {
            match result {
                Ok(Some((json, fails))) => {
                    failed |= fails;
                    if writeln!(stdout, "{json}").is_err() {
                        return ExitCode::from(2);
                    }
                }
                Ok(None) => {}
                Err(message) => eprintln!("{message}"),
            }
        }
    }
    if stdout.flush().is_err() {
        return ExitCode::from(2);
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn process(
    ws: &Workspace,
    number: usize,
    line: std::io::Result<String>,
    output: Output,
    fail_on: Option<Severity>,
) -> Result<Option<(String, bool)>, String> {
    let line = line.map_err(|e| format!("stdin:{number}: cannot read: {e}; skipped"))?;
    if line.trim().is_empty() {
        return Ok(None);
    }
    let value: Value = serde_json::from_str(&line).map_err(|e| {
        format!("stdin:{number}:{}: invalid JSON: {}; skipped", e.column(), crate::problem::json_message(&e))
    })?;
    let text = value
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("stdin:{number}: no \"text\" string; skipped"))?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let syntax = match value.get("path").and_then(Value::as_str) {
        Some(p) if p.ends_with(".md") || p.ends_with(".markdown") => Syntax::Markdown,
        _ => Syntax::Plain,
    };
    let mut options = ws.config.options.clone();
    if let Some(date) = value.get("date").and_then(Value::as_str) {
        options.default_date =
            Some(Date::parse(date).map_err(|e| format!("stdin:{number}: bad \"date\": {e}; skipped"))?);
    }
    let article = Article::new(text, syntax);
    let analysis = crate::analysis::analyze(&article, &ws.registry, &ws.lexicon, &options);
    let fails = fail_on.is_some_and(|t| analysis.findings.iter().any(|f| f.severity.reaches(t)));
    let json = match output {
        Output::Findings => json!({
            "id": id,
            "findings": record::findings(&article, &analysis, &ws.registry),
            "mentions": analysis.mentions.iter().filter(|m| m.actor.is_some()).count(),
        }),
        Output::Record => {
            let mut r = record::article(&article, &analysis, &ws.registry);
            r["id"] = id;
            r
        }
    };
    Ok(Some((json.to_string(), fails)))
}
