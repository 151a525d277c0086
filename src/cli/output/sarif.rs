//! `--format sarif`: SARIF 2.1.0 for code-scanning services.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Emitter;
use crate::cli::report::Report;
use crate::finding::Severity;
use crate::rules;

pub(super) struct SarifEmitter;

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

impl Emitter for SarifEmitter {
    fn emit(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        let all = rules::all();
        let rules: Vec<Value> = all
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
        let results: Vec<Value> = report
            .findings
            .iter()
            .map(|f| {
                let index = all.iter().position(|r| r.meta().id == f.rule).unwrap_or(0);
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
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}
