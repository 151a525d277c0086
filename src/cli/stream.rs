//! `--stdin-jsonl`: articles as JSON Lines on standard input, one result
//! line per article on standard output, in input order, so copydesk runs as
//! a map step under Spark (`RDD.pipe`), Hadoop streaming or Beam.
//!
//! Input lines: `{"id": ..., "text": "...", "date": "YYYY-MM-DD"?, "path":
//! "name.md"?}`. A line that is not such an object is reported on standard
//! error with its line number and skipped; the others are still processed.
//! So is a line longer than `--max-file-size`, which is never held whole.
//! A line whose `id` is missing or whose `date` cannot be used (empty,
//! partial, not a string, no such day or time) is still analysed (without
//! a date) and its output line gets `"errors": [...]` saying so; the run
//! exits with status 2.
//! An article whose analysis fails (a bug in copydesk) gets an output line
//! `{"id", "errors": [{"rule": "internal-error", ...}]}` and the run exits
//! with status 2.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::{Value, json};

use super::check::fail;
use super::{guard, record};
use crate::article::{Article, Syntax};
use crate::date::Date;
use crate::finding::Severity;
use crate::input::read_line_capped;
use crate::problem::FileProblem;
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
    let (config, governed) =
        crate::workspace::config_for_folder(Path::new("."), config).map_err(|problems| fail(&problems))?;
    if !governed {
        eprintln!(
            "copydesk: no {} governs the current folder: checking with the defaults (registry ./actors.toml if \
             present) — add one naming your registry, or pass --config",
            crate::config::CONFIG_FILE
        );
    }
    Workspace::load(config, registry).map_err(|problems| fail(&problems))
}

pub(super) fn check(args: &super::CheckArgs) -> ExitCode {
    run(args.config.as_deref(), &args.registry, Output::Findings, args.fail_on.threshold(), args.max_file_size)
}

/// One input line: its number and its text, or why it could not be read.
type Line = (usize, Result<String, String>);

/// Streams stdin to stdout; returns 1 when a finding reaches `fail_on`, 2
/// when an article's analysis failed (its output line says so) or the
/// input could not be read to its end.
pub(super) fn run(
    config: Option<&Path>,
    registry: &[PathBuf],
    output: Output,
    fail_on: Option<Severity>,
    cap: u64,
) -> ExitCode {
    let ws = match workspace(config, registry) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut number, mut at_end) = (0, false);
    let (mut failed, mut internal_errors, mut unreadable) = (false, false, false);
    while !at_end {
        let mut batch: Vec<Line> = Vec::new();
        while batch.len() < BATCH {
            number += 1;
            match read_line(&mut stdin, number, cap) {
                Ok(Some(line)) => batch.push(line),
                Ok(None) => {
                    at_end = true;
                    break;
                }
                Err(e) => {
                    // The lines read so far are still answered.
                    eprintln!("stdin:{number}: cannot read: {e}; stopped reading");
                    (at_end, unreadable) = (true, true);
                    break;
                }
            }
        }
        let results: Vec<Result<Option<Processed>, String>> =
            batch.into_par_iter().map(|(n, line)| process(&ws, n, line, output, fail_on)).collect();
        for result in results {
            match result {
                Ok(Some(processed)) => {
                    failed |= processed.fails;
                    if let Some(problem) = &processed.internal_error {
                        internal_errors = true;
                        eprintln!("{problem}");
                    }
                    for problem in &processed.input_errors {
                        internal_errors = true;
                        let message = crate::text::terminal::escape_controls(&problem.message);
                        eprintln!("stdin:{}: error: {message}", processed.number);
                    }
                    if writeln!(stdout, "{}", processed.json).is_err() {
                        return ExitCode::from(2);
                    }
                }
                Ok(None) => {}
                Err(message) => eprintln!("{message}"),
            }
        }
    }
    if stdout.flush().is_err() || internal_errors || unreadable {
        return ExitCode::from(2);
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Line `number` of the input, at most `cap` bytes of it held; `None` at
/// the end of the input, an error when it cannot be read any more.
fn read_line(input: &mut impl std::io::BufRead, number: usize, cap: u64) -> std::io::Result<Option<Line>> {
    let line = match read_line_capped(input, cap)? {
        None => return Ok(None),
        Some(Ok(bytes)) => String::from_utf8(bytes)
            .map(|mut text| {
                if text.ends_with('\r') {
                    text.pop();
                }
                text
            })
            .map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                format!("stdin:{number}: not UTF-8 (invalid byte at offset {at}); skipped")
            }),
        Some(Err(too_large)) => {
            Err(format!("stdin:{number}: line {too_large}; skipped — raise it with --max-file-size"))
        }
    };
    Ok(Some((number, line)))
}

/// The output line of `check --stdin-jsonl` (fields in alphabetical order,
/// as they always were).
#[derive(serde::Serialize)]
struct FindingsLine<'a> {
    findings: Vec<record::FindingRecord<'a>>,
    id: &'a Value,
    mentions: usize,
}

/// What one article line became.
struct Processed {
    /// The output line.
    json: String,
    /// Whether a finding reaches `--fail-on`.
    fails: bool,
    /// The problem, when the article's analysis failed.
    internal_error: Option<FileProblem>,
    /// Fields of the line that could not be used (`id`, `date`).
    input_errors: Vec<FileProblem>,
    /// The input line's number.
    number: usize,
}

/// A JSON value's type, as a message names it.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn process(
    ws: &Workspace,
    number: usize,
    line: Result<String, String>,
    output: Output,
    fail_on: Option<Severity>,
) -> Result<Option<Processed>, String> {
    let line = line?;
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
    // The line is named by its path when it has one, else by its number.
    let name = value.get("path").and_then(Value::as_str).map_or_else(|| format!("stdin:{number}"), str::to_string);
    // Fields that cannot be used: the article is still analysed, and its
    // output line carries the errors (as a file's bad front matter is
    // reported and the file still checked).
    let mut input_errors = Vec::new();
    let id = match value.get("id") {
        None | Some(Value::Null) => {
            input_errors.push((
                "id",
                "no \"id\": this output line cannot be matched to its input — give every line an id".to_string(),
            ));
            Value::Null
        }
        Some(id) => id.clone(),
    };
    let syntax = match value.get("path").and_then(Value::as_str) {
        Some(p) if p.ends_with(".md") || p.ends_with(".markdown") => Syntax::Markdown,
        _ => Syntax::Plain,
    };
    let mut options = ws.config.options.clone();
    let date_error = match value.get("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(date)) => match Date::parse(date) {
            Ok(date) => {
                options.default_date = Some(date);
                None
            }
            Err(e) => Some(e.to_string()),
        },
        Some(other) => Some(format!("expected a full date as YYYY-MM-DD (a string), found {}", json_type(other))),
    };
    if let Some(e) = date_error {
        // Never the configured default in place of a date that was given.
        options.default_date = None;
        input_errors.push(("date", format!("\"date\" cannot be used: {e}; date-dependent checks are skipped")));
    }
    let analysed = guard::article(Path::new(&name), || {
        let article = Article::new(text, syntax);
        let analysis = crate::analysis::analyze(&article, &ws.registry, &ws.lexicon, &options);
        let fails = fail_on.is_some_and(|t| analysis.findings.iter().any(|f| f.severity.reaches(t)));
        let json = match output {
            Output::Findings => serde_json::to_string(&FindingsLine {
                findings: record::findings(&article, &analysis, &ws.registry),
                id: &id,
                mentions: analysis.mentions.iter().filter(|m| m.actor.is_some()).count(),
            }),
            Output::Record => {
                let mut r = record::article(&article, &analysis, &ws.registry);
                r.id = Some(&id);
                serde_json::to_string(&r)
            }
        };
        (json.expect("a record always serialises"), fails)
    });
    let input_errors: Vec<FileProblem> = input_errors
        .into_iter()
        .map(|(_, message)| FileProblem::whole_file(Path::new(&name), crate::problem::ProblemLevel::Error, message))
        .collect();
    let error_entries = |problems: &[FileProblem]| -> Vec<Value> {
        problems
            .iter()
            .map(|p| json!({"path": name, "line": p.line, "column": p.column, "level": "error", "message": p.message}))
            .collect()
    };
    Ok(Some(match analysed {
        Ok((mut json, fails)) => {
            if !input_errors.is_empty() {
                let errors = error_entries(&input_errors);
                // The object's last member: `..., "errors": [...]}`.
                json.pop();
                json.push_str(&format!(",\"errors\":{}}}", Value::Array(errors)));
            }
            Processed { json, fails, internal_error: None, input_errors, number }
        }
        Err(problem) => {
            // The line's output says what happened, in place of its results.
            let mut errors = vec![json!({
                "path": name,
                "line": problem.line,
                "column": problem.column,
                "level": "error",
                "rule": problem.code,
                "message": problem.message,
            })];
            errors.extend(error_entries(&input_errors));
            let json = json!({"id": id, "errors": errors}).to_string();
            Processed { json, fails: false, internal_error: Some(problem), input_errors, number }
        }
    }))
}
