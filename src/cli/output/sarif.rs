//! `--format sarif`: SARIF 2.1.0 for code-scanning services.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, StreamedArray};
use crate::cli::report::{ReportFinding, Summary};
use crate::finding::Severity;
use crate::problem::FileProblem;
use crate::rules;

/// Writes the log around a placeholder for its results, then the results
/// one by one as they arrive.
#[derive(Default)]
pub(super) struct SarifEmitter {
    /// The log after the results array.
    tail: String,
    findings: StreamedArray,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// "misspelled-name" → "MisspelledName", SARIF's convention for rule names.
fn pascal(id: &str) -> String {
    id.split('-').map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// Stands in for the results array while the rest of the log is printed.
const RESULTS_PLACEHOLDER: &str = "\u{0}results\u{0}";

fn log_around_results() -> String {
    let rules: Vec<Value> = rules::all()
        .iter()
        .map(|r| {
            let meta = r.meta();
            let text = meta.explanation_text();
            json!({
                "id": meta.id,
                "name": pascal(meta.id),
                "shortDescription": {"text": meta.summary},
                "fullDescription": {"text": meta.summary},
                "help": {"text": text, "markdown": text},
                "defaultConfiguration": {"level": level(meta.default_severity)},
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder copydesk check ran in."}}},
            "results": RESULTS_PLACEHOLDER,
        }],
    });
    serde_json::to_string_pretty(&log).expect("a JSON value always serialises")
}

fn result(f: &ReportFinding) -> Value {
    let index = rules::all().iter().position(|r| r.meta().id == f.rule).unwrap_or(0);
    let uri = f.path.to_string_lossy().replace('\\', "/");
    let region = json!({
        "startLine": f.span.line,
        "startColumn": f.span.column,
        "endLine": f.span.end_line,
        "endColumn": f.span.end_column,
    });
    let mut result = json!({
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}, "region": region}}],
        "partialFingerprints": {"copydesk/v1": f.fingerprint},
    });
    if let Some(actor) = &f.actor {
        result["properties"] = json!({"actor": actor});
    }
    let fixes: Vec<Value> = f
        .fixes
        .iter()
        .map(|e| {
            json!({
                "description": {"text": e.title},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "replacements": [{
                        "deletedRegion": {"startLine": e.span.line, "startColumn": e.span.column, "endLine": e.span.end_line, "endColumn": e.span.end_column},
                        "insertedContent": {"text": e.replacement},
                    }],
                }],
            })
        })
        .collect();
    if !fixes.is_empty() {
        result["fixes"] = json!(fixes);
    }
    result
}

/// The run's invocation with the files that could not be checked (and
/// registry warnings) as tool execution notifications: they are not
/// results about the text, but a code-scanning service should show them.
/// A problem with a code (`internal-error`) names it as its descriptor.
fn invocations(problems: &[FileProblem]) -> Value {
    let notifications: Vec<Value> = problems
        .iter()
        .map(|p| {
            let uri = p.path.to_string_lossy().replace('\\', "/");
            let mut notification = json!({
                "level": if p.is_error() { "error" } else { "warning" },
                "message": {"text": p.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": p.line, "startColumn": p.column},
                }}],
            });
            if let Some(code) = p.code {
                notification["descriptor"] = json!({"id": code});
            }
            notification
        })
        .collect();
    json!([{
        "executionSuccessful": !problems.iter().any(FileProblem::is_error),
        "toolExecutionNotifications": notifications,
    }])
}

impl Emitter for SarifEmitter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let log = log_around_results();
        let placeholder = serde_json::to_string(RESULTS_PLACEHOLDER).expect("a string always serialises");
        let at = log.find(&placeholder).expect("the placeholder is in the log");
        self.tail = log[at + placeholder.len()..].to_string();
        out.write_all(&log.as_bytes()[..at])?;
        out.write_all(b"[")
    }

    fn findings(&mut self, out: &mut dyn Write, findings: &[ReportFinding]) -> io::Result<()> {
        findings.iter().try_for_each(|f| self.findings.push(out, &result(f)))
    }

    fn end(&mut self, out: &mut dyn Write, _summary: &Summary, problems: &[FileProblem]) -> io::Result<()> {
        out.write_all(b"\n]")?;
        if !problems.is_empty() {
            // Known only now, so written after the results (the tail goes on
            // with `,`): key order does not matter in JSON.
            out.write_all(b",\n      \"invocations\": ")?;
            serde_json::to_writer(&mut *out, &invocations(problems))?;
        }
        out.write_all(self.tail.as_bytes())?;
        writeln!(out)
    }
}
