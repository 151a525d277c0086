//! `--format json`: the stable machine contract (version 1).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{Emitter, StreamedArray};
use crate::cli::report::{ReportFinding, Summary};
use crate::problem::FileProblem;

/// Writes the document incrementally, one finding a line, so a corpus run
/// never holds the whole JSON tree in memory.
#[derive(Default)]
pub(super) struct JsonEmitter {
    findings: StreamedArray,
}

impl Emitter for JsonEmitter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\"version\": 1,\n\"findings\": [")
    }

    fn findings(&mut self, out: &mut dyn Write, findings: &[ReportFinding]) -> io::Result<()> {
        findings.iter().try_for_each(|f| self.findings.push(out, &finding(f)))
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary, problems: &[FileProblem]) -> io::Result<()> {
        out.write_all(b"\n],\n\"errors\": ")?;
        let errors: Vec<Value> = problems
            .iter()
            .map(|p| {
                let mut error = json!({
                    "path": p.path.display().to_string(),
                    "line": p.line,
                    "column": p.column,
                    "level": if p.is_error() { "error" } else { "warning" },
                    "message": p.message,
                });
                if let Some(code) = p.code {
                    error["rule"] = json!(code);
                }
                error
            })
            .collect();
        serde_json::to_writer(&mut *out, &errors)?;
        out.write_all(b",\n\"summary\": ")?;
        let summary = json!({
            "files": summary.files,
            "files_with_findings": summary.files_with_findings,
            "findings": summary.findings,
            "by_severity": summary.by_severity.iter().map(|(s, n)| (s.as_str().to_string(), json!(n))).collect::<Map<_, _>>(),
            "by_rule": summary.by_rule.iter().map(|(r, n)| (r.to_string(), json!(n))).collect::<Map<_, _>>(),
            "mentions": summary.mentions,
            "mentions_by_actor": summary.mentions_by_actor,
            "spelling_splits": summary.spelling_splits.iter().map(|s| json!({
                "actor": s.actor,
                "name": s.name,
                "spellings": s.spellings.iter().map(|(text, articles)| json!({"text": text, "articles": articles})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "fixable": summary.safe_fixes,
            "unsafe_fixable": summary.unsafe_fixes,
            "quoted": summary.quoted.iter().map(|q| json!({
                "actor": q.actor,
                "name": q.name,
                "direct": q.direct,
                "partial": q.partial,
                "indirect": q.indirect,
                "articles": q.articles,
            })).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *out, &summary)?;
        out.write_all(b"\n}\n")
    }
}

/// One finding as written: fields in alphabetical order (the order of the
/// version-1 contract), serialised straight from the report without
/// building a JSON tree per finding.
#[derive(Serialize)]
struct JsonFinding<'a> {
    actor: &'a Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    candidates: &'a [String],
    column: u32,
    end_column: u32,
    end_line: u32,
    fixes: Vec<JsonFix<'a>>,
    line: u32,
    message: &'a str,
    path: DisplayPath<'a>,
    rule: &'a str,
    severity: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<JsonSuggestion<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'a str,
    column: u32,
    end_column: u32,
    end_line: u32,
    line: u32,
    replacement: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    id: &'a str,
    kind: &'a str,
    name: &'a str,
    role: &'a Option<String>,
}

/// A path written as `Path::display` shows it.
struct DisplayPath<'a>(&'a std::path::Path);

impl Serialize for DisplayPath<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.display())
    }
}

fn finding(f: &ReportFinding) -> JsonFinding<'_> {
    JsonFinding {
        actor: &f.actor,
        candidates: &f.candidates,
        column: f.span.column,
        end_column: f.span.end_column,
        end_line: f.span.end_line,
        fixes: f
            .fixes
            .iter()
            .map(|e| JsonFix {
                applicability: if e.safe { "safe" } else { "unsafe" },
                column: e.span.column,
                end_column: e.span.end_column,
                end_line: e.span.end_line,
                line: e.span.line,
                replacement: &e.replacement,
                title: &e.title,
            })
            .collect(),
        line: f.span.line,
        message: &f.message,
        path: DisplayPath(&f.path),
        rule: f.rule,
        severity: f.severity.as_str(),
        suggestion: f.suggestion.as_ref().map(|s| JsonSuggestion {
            id: &s.id,
            kind: s.kind,
            name: &s.name,
            role: &s.role,
        }),
    }
}
