//! An analysed article as one JSON object: the record of `copydesk export
//! --format jsonl` and of the streaming modes.
//!
//! Offsets count into the article's full text (front matter included,
//! without a byte-order mark): `start`/`end` in Unicode code points (so
//! `text[start:end]` in Python is the mention), `byte_start`/`byte_end` in
//! UTF-8 bytes; ends are exclusive.

use serde_json::{Value, json};

use crate::analysis::Analysis;
use crate::article::Article;
use crate::position::{CodePoints, ColumnUnit};
use crate::registry::Registry;

/// The mentions of an article as JSON.
pub fn mentions(article: &Article, analysis: &Analysis, registry: &Registry) -> Vec<Value> {
    let text = article.text();
    let cp = CodePoints::new(text);
    analysis
        .mentions
        .iter()
        .filter_map(|m| {
            let actor = registry.actor(m.actor?);
            Some(json!({
                "start": cp.at(m.range.start),
                "end": cp.at(m.range.end),
                "byte_start": m.range.start,
                "byte_end": m.range.end,
                "text": &text[m.range.clone()],
                "actor": actor.id,
                "kind": actor.kind.as_str(),
                "form": m.kind.as_str(),
                "wikidata": actor.wikidata,
            }))
        })
        .collect()
}

/// The findings of an article as JSON, with both offsets and 1-based
/// line/column positions (columns in code points).
pub fn findings(article: &Article, analysis: &Analysis, registry: &Registry) -> Vec<Value> {
    let text = article.text();
    let lines = article.lines();
    let cp = CodePoints::new(text);
    analysis
        .findings
        .iter()
        .map(|f| {
            let start = lines.position(text, f.range.start, ColumnUnit::Scalar);
            let end = lines.position(text, f.range.end, ColumnUnit::Scalar);
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "line": start.line + 1,
                "column": start.col + 1,
                "end_line": end.line + 1,
                "end_column": end.col + 1,
                "start": cp.at(f.range.start),
                "end": cp.at(f.range.end),
                "byte_start": f.range.start,
                "byte_end": f.range.end,
                "actor": f.actor.map(|a| registry.actor(a).id.clone()),
                "fixes": f.fixes.iter().flat_map(|fix| fix.edits.iter().map(|e| json!({
                    "replacement": e.replacement,
                    "start": cp.at(e.range.start),
                    "end": cp.at(e.range.end),
                    "safe": fix.applicability == crate::finding::Applicability::Safe,
                }))).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The full export record of an article.
pub fn article(article: &Article, analysis: &Analysis, registry: &Registry) -> Value {
    let meta = article.metadata();
    json!({
        "metadata": {
            "date": meta.date.map(|d| d.to_string()),
            "title": meta.title,
            "outlet": meta.outlet,
            "url": meta.url,
            "lang": meta.lang,
        },
        "text": article.text(),
        "mentions": mentions(article, analysis, registry),
        "findings": findings(article, analysis, registry),
    })
}
