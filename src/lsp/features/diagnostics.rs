//! Findings and file problems as LSP diagnostics.

use tower_lsp_server::ls_types::*;

use crate::finding::{Applicability, Finding, FindingData, Severity};
use crate::lsp::convert::{Encoding, Lines};
use crate::lsp::document::DocumentAnalysis;
use crate::lsp::state::Snapshot;
use crate::problem::{FileProblem, ProblemLevel};

pub(crate) fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The diagnostics of an analysed article; each carries its finding in
/// `data` (rule, actor, fixes) for code actions. After the findings (one
/// diagnostic each, in their order), one `stale-annotation` warning at the
/// article's first line for each decision of the annotation store that
/// could not be applied, pointing at its line of the store.
pub fn for_article(doc: &DocumentAnalysis, snapshot: &Snapshot, encoding: Encoding) -> Vec<Diagnostic> {
    let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
    let mut out: Vec<Diagnostic> =
        doc.analysis.findings.iter().map(|f| diagnostic(f, &lines, snapshot, encoding)).collect();
    let store = snapshot.annotations.path.as_deref().and_then(crate::lsp::convert::path_to_uri);
    for u in &doc.analysis.unapplied {
        let at = Position { line: u.line.saturating_sub(1), character: 0 };
        let shown = crate::text::shown_path(snapshot.annotations.path.as_deref().unwrap_or(std::path::Path::new("")));
        out.push(Diagnostic {
            range: lines.range(&(0..line_end(&lines, 0)), encoding),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String(STALE_ANNOTATION.to_string())),
            source: Some("copydesk".to_string()),
            message: format!("stale annotation of ‘{}’ ({shown}:{}): {}", u.text, u.line, u.reason),
            related_information: store.clone().map(|uri| {
                vec![DiagnosticRelatedInformation {
                    location: Location { uri, range: Range { start: at, end: at } },
                    message: "the decision in the annotation store".to_string(),
                }]
            }),
            ..Diagnostic::default()
        });
    }
    out
}

/// The code of the server's note on a decision of the annotation store
/// that could not be applied (`check` reports it at the store's line).
pub const STALE_ANNOTATION: &str = "stale-annotation";

fn diagnostic(f: &Finding, lines: &Lines<'_>, snapshot: &Snapshot, encoding: Encoding) -> Diagnostic {
    let fixes: Vec<serde_json::Value> = f
        .fixes
        .iter()
        .map(|fix| {
            serde_json::json!({
                "title": fix.title,
                "safe": fix.applicability == Applicability::Safe,
                "edits": fix.edits.iter().map(|e| serde_json::json!({
                    "range": lines.range(&e.range, encoding),
                    "newText": e.replacement,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut data = serde_json::json!({
        "rule": f.rule,
        "actor": f.actor.map(|a| snapshot.registry.actor(a).id.clone()),
        "fixes": fixes,
    });
    match &f.data {
        Some(FindingData::NewActor(s)) => {
            data["suggestion"] = serde_json::json!({"name": s.name, "id": s.id, "kind": s.kind, "role": s.role});
        }
        Some(FindingData::Candidates(c)) => {
            data["candidates"] =
                serde_json::json!(c.iter().map(|&a| snapshot.registry.actor(a).id.clone()).collect::<Vec<_>>());
        }
        None => {}
    }
    let tags = (f.rule == "repeated-word").then(|| vec![DiagnosticTag::UNNECESSARY]);
    Diagnostic {
        range: lines.range(&f.range, encoding),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: None,
        source: Some("copydesk".to_string()),
        message: f.message.clone(),
        related_information: None,
        tags,
        data: Some(data),
    }
}

/// A configuration or registry problem at its exact range.
pub fn from_problem(p: &FileProblem, lines: &Lines<'_>, encoding: Encoding) -> Diagnostic {
    let end = if p.span.is_empty() { line_end(lines, p.span.start) } else { p.span.end };
    Diagnostic {
        range: lines.range(&(p.span.start..end), encoding),
        severity: Some(match p.level {
            ProblemLevel::Error => DiagnosticSeverity::ERROR,
            ProblemLevel::Warning => DiagnosticSeverity::WARNING,
        }),
        source: Some("copydesk".to_string()),
        message: p.message.clone(),
        ..Diagnostic::default()
    }
}

/// The end of the line containing `offset`, so a point problem underlines
/// something visible.
fn line_end(lines: &Lines<'_>, offset: usize) -> usize {
    let line = lines.index.line_of(offset);
    lines.index.line_range(lines.text, line).end.max(offset)
}

/// The one diagnostic of a document whose analysis failed (a bug in
/// copydesk, not in the document): shown at its start, so the writer knows
/// the other diagnostics are missing.
pub fn internal_error(message: &str) -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("internal-error".to_string())),
        source: Some("copydesk".to_string()),
        message: message.to_string(),
        ..Diagnostic::default()
    }
}
