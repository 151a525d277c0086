//! `--format json`: the stable machine contract (version 1).

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::Emitter;
use crate::cli::report::{ReportFinding, Summary};
use crate::problem::FileProblem;

/// Writes the document incrementally, one finding a line, so a corpus run
/// never holds the whole JSON tree in memory.
#[derive(Default)]
pub(super) struct JsonEmitter {
    written: usize,
}

impl Emitter for JsonEmitter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\"version\": 1,\n\"findings\": [")
    }

    fn findings(&mut self, out: &mut dyn Write, findings: &[ReportFinding]) -> io::Result<()> {
        for f in findings {
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, &finding(f))?;
            self.written += 1;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary, problems: &[FileProblem]) -> io::Result<()> {
        out.write_all(b"\n],\n\"errors\": ")?;
        let errors: Vec<Value> = problems
            .iter()
            .map(|p| {
                json!({
                    "path": p.path.display().to_string(),
                    "line": p.line,
                    "column": p.column,
                    "level": if p.is_error() { "error" } else { "warning" },
                    "message": p.message,
                })
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
        });
        serde_json::to_writer_pretty(&mut *out, &summary)?;
        out.write_all(b"\n}\n")
    }
}

fn finding(f: &ReportFinding) -> Value {
    let mut value = json!({
        "path": f.path.display().to_string(),
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "message": f.message,
        "actor": f.actor,
        "fixes": f.fixes.iter().map(|e| json!({
            "replacement": e.replacement,
            "line": e.span.line,
            "column": e.span.column,
            "end_line": e.span.end_line,
            "end_column": e.span.end_column,
            "title": e.title,
            "applicability": if e.safe { "safe" } else { "unsafe" },
        })).collect::<Vec<_>>(),
    });
    if let Some(s) = &f.suggestion {
        value["suggestion"] = json!({"name": s.name, "id": s.id, "kind": s.kind, "role": s.role});
    }
    if !f.candidates.is_empty() {
        value["candidates"] = json!(f.candidates);
    }
    value
}
