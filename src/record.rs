//! An analysed article as one JSON object: the record of `copydesk export
//! --format jsonl` and of the streaming modes.
//!
//! Offsets count into the article's full text (front matter included,
//! without a byte-order mark): `start`/`end` in Unicode code points (so
//! `text[start:end]` in Python is the mention), `start_utf16`/`end_utf16`
//! in UTF-16 code units (JavaScript's `text.slice(start_utf16, end_utf16)`),
//! `byte_start`/`byte_end` in UTF-8 bytes; ends are exclusive.

use serde::Serialize;
use serde_json::Value;

use crate::analysis::Analysis;
use crate::article::Article;
use crate::position::{CodePoints, ColumnUnit};
use crate::registry::Registry;

/// An article's export record: `{"findings", "id"?, "mentions",
/// "metadata", "path"?, "quotes", "text"}`. Fields are in alphabetical order (the
/// order of the format) and are serialised straight from the analysis, so
/// an article with 100,000 findings does not become a JSON tree first.
#[derive(Serialize)]
pub struct ArticleRecord<'a> {
    findings: Vec<FindingRecord<'a>>,
    /// The input line's `id` (streams).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a Value>,
    mentions: Vec<MentionRecord<'a>>,
    metadata: MetadataRecord<'a>,
    /// The article's path, with `/` separators (`export`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    quotes: Vec<QuoteOut<'a>>,
    text: &'a str,
}

/// One quotation with its cue and speaker.
#[derive(Serialize)]
struct QuoteOut<'a> {
    /// Who set the speaker, when a person did.
    annotator: Option<&'a str>,
    byte_end: usize,
    byte_start: usize,
    cue: Option<SpanOut<'a>>,
    end: usize,
    end_utf16: usize,
    kind: &'static str,
    /// `auto`, or `human` when a person set the speaker.
    source: &'static str,
    speaker: Option<SpeakerOut<'a>>,
    start: usize,
    start_utf16: usize,
    text: &'a str,
}

/// A span of the article: code points, bytes and its text.
#[derive(Serialize)]
struct SpanOut<'a> {
    byte_end: usize,
    byte_start: usize,
    end: usize,
    end_utf16: usize,
    start: usize,
    start_utf16: usize,
    text: &'a str,
}

/// Who says a quotation: the registered actor (if any), the name the
/// article gives (a pronoun's antecedent), and where the speaker words
/// stand near the quotation.
#[derive(Serialize)]
struct SpeakerOut<'a> {
    actor: Option<&'a str>,
    byte_end: usize,
    byte_start: usize,
    end: usize,
    end_utf16: usize,
    name: &'a str,
    start: usize,
    start_utf16: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct MetadataRecord<'a> {
    date: Option<String>,
    lang: &'a Option<String>,
    outlet: &'a Option<String>,
    title: &'a Option<String>,
    url: &'a Option<String>,
}

/// One linked mention.
#[derive(Serialize)]
pub struct MentionRecord<'a> {
    actor: &'a str,
    /// Who linked it, when a person did.
    annotator: Option<&'a str>,
    byte_end: usize,
    byte_start: usize,
    end: usize,
    end_utf16: usize,
    form: &'static str,
    kind: &'static str,
    /// `auto`, or `human` when a person linked or added it.
    source: &'static str,
    start: usize,
    start_utf16: usize,
    text: &'a str,
    wikidata: &'a Option<String>,
}

/// One finding, with both offsets and 1-based line/column positions
/// (columns in code points).
#[derive(Serialize)]
pub struct FindingRecord<'a> {
    actor: Option<&'a str>,
    /// Who accepted or added it, when a person did.
    annotator: Option<&'a str>,
    byte_end: usize,
    byte_start: usize,
    /// `ambiguous-name`: the registry ids the name could be.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<&'a str>,
    column: u32,
    end: usize,
    end_utf16: usize,
    end_column: u32,
    end_line: u32,
    fixes: Vec<FixRecord<'a>>,
    line: u32,
    message: &'a str,
    /// The person's reason, if they gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    rule: &'a str,
    severity: &'static str,
    /// `auto`, or `human` when a person accepted or added it.
    source: &'static str,
    start: usize,
    start_utf16: usize,
    /// `unknown-actor`: what to add to the registry.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<SuggestionRecord<'a>>,
}

/// An unregistered actor's registry entry to be: `{"id", "kind", "name",
/// "role"}`, as in `check --format json`.
#[derive(Serialize)]
struct SuggestionRecord<'a> {
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    role: &'a Option<String>,
}

#[derive(Serialize)]
struct FixRecord<'a> {
    end: usize,
    end_utf16: usize,
    replacement: &'a str,
    safe: bool,
    start: usize,
    start_utf16: usize,
}

/// Code-point and UTF-16 offsets into one text.
struct Offsets<'t> {
    code_points: CodePoints<'t>,
    utf16: CodePoints<'t>,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Offsets<'t> {
        Offsets { code_points: CodePoints::new(text), utf16: CodePoints::utf16(text) }
    }

    /// The code-point offset of byte `offset`.
    fn at(&self, offset: usize) -> usize {
        self.code_points.at(offset)
    }

    /// The UTF-16 code-unit offset of byte `offset`.
    fn at16(&self, offset: usize) -> usize {
        self.utf16.at(offset)
    }
}

/// The linked mentions of an article.
fn mentions<'a>(
    text: &'a str,
    cp: &Offsets<'_>,
    analysis: &'a Analysis,
    registry: &'a Registry,
) -> Vec<MentionRecord<'a>> {
    analysis
        .mentions
        .iter()
        .filter_map(|m| {
            let actor = registry.actor(m.actor?);
            let human = analysis.human.mention(&m.range);
            Some(MentionRecord {
                actor: &actor.id,
                annotator: human.map(|h| h.annotator.as_str()),
                byte_end: m.range.end,
                byte_start: m.range.start,
                end: cp.at(m.range.end),
                end_utf16: cp.at16(m.range.end),
                form: m.kind.as_str(),
                kind: actor.kind.as_str(),
                source: source(human),
                start: cp.at(m.range.start),
                start_utf16: cp.at16(m.range.start),
                text: &text[m.range.clone()],
                wikidata: &actor.wikidata,
            })
        })
        .collect()
}

/// The quotations of an article.
fn quotes<'a>(text: &'a str, cp: &Offsets<'_>, analysis: &'a Analysis, registry: &'a Registry) -> Vec<QuoteOut<'a>> {
    let span = |r: &std::ops::Range<usize>| SpanOut {
        byte_end: r.end,
        byte_start: r.start,
        end: cp.at(r.end),
        end_utf16: cp.at16(r.end),
        start: cp.at(r.start),
        start_utf16: cp.at16(r.start),
        text: &text[r.clone()],
    };
    analysis
        .quotes
        .iter()
        .map(|q| QuoteOut {
            annotator: analysis.human.quote(&q.range).map(|h| h.annotator.as_str()),
            byte_end: q.range.end,
            byte_start: q.range.start,
            cue: q.cue.as_ref().map(span),
            end: cp.at(q.range.end),
            end_utf16: cp.at16(q.range.end),
            kind: q.kind.as_str(),
            source: source(analysis.human.quote(&q.range)),
            speaker: q.speaker.as_ref().map(|s| SpeakerOut {
                actor: s.actor.map(|a| registry.actor(a).id.as_str()),
                byte_end: s.range.end,
                byte_start: s.range.start,
                end: cp.at(s.range.end),
                end_utf16: cp.at16(s.range.end),
                name: &text[s.referent.clone()],
                start: cp.at(s.range.start),
                start_utf16: cp.at16(s.range.start),
                text: &text[s.range.clone()],
            }),
            start: cp.at(q.range.start),
            start_utf16: cp.at16(q.range.start),
            text: &text[q.range.clone()],
        })
        .collect()
}

/// The findings of an article.
pub fn findings<'a>(article: &'a Article, analysis: &'a Analysis, registry: &'a Registry) -> Vec<FindingRecord<'a>> {
    findings_with(article, &Offsets::new(article.text()), analysis, registry)
}

fn findings_with<'a>(
    article: &'a Article,
    cp: &Offsets<'_>,
    analysis: &'a Analysis,
    registry: &'a Registry,
) -> Vec<FindingRecord<'a>> {
    let text = article.text();
    let lines = article.lines();
    analysis
        .findings
        .iter()
        .map(|f| {
            let human = analysis.human.finding(f.rule, &f.range);
            let start = lines.position(text, f.range.start, ColumnUnit::Scalar);
            let end = lines.position(text, f.range.end, ColumnUnit::Scalar);
            FindingRecord {
                actor: f.actor.map(|a| registry.actor(a).id.as_str()),
                annotator: human.map(|h| h.annotator.as_str()),
                byte_end: f.range.end,
                byte_start: f.range.start,
                candidates: match &f.data {
                    Some(crate::finding::FindingData::Candidates(ids)) => {
                        ids.iter().map(|&a| registry.actor(a).id.as_str()).collect()
                    }
                    _ => Vec::new(),
                },
                column: start.col + 1,
                end: cp.at(f.range.end),
                end_utf16: cp.at16(f.range.end),
                end_column: end.col + 1,
                end_line: end.line + 1,
                fixes: f
                    .fixes
                    .iter()
                    .flat_map(|fix| {
                        fix.edits.iter().map(|e| FixRecord {
                            end: cp.at(e.range.end),
                            end_utf16: cp.at16(e.range.end),
                            replacement: &e.replacement,
                            safe: fix.applicability == crate::finding::Applicability::Safe,
                            start: cp.at(e.range.start),
                            start_utf16: cp.at16(e.range.start),
                        })
                    })
                    .collect(),
                line: start.line + 1,
                message: &f.message,
                reason: human.and_then(|h| h.reason.as_deref()),
                rule: f.rule,
                severity: f.severity.as_str(),
                source: source(human),
                start: cp.at(f.range.start),
                start_utf16: cp.at16(f.range.start),
                suggestion: match &f.data {
                    Some(crate::finding::FindingData::NewActor(n)) => {
                        Some(SuggestionRecord { id: &n.id, kind: n.kind, name: &n.name, role: &n.role })
                    }
                    _ => None,
                },
            }
        })
        .collect()
}

/// `human` when a person made the decision behind an item, else `auto`.
fn source(human: Option<&crate::analysis::human::Mark>) -> &'static str {
    if human.is_some() { "human" } else { "auto" }
}

/// The full export record of an article (without `id` or `path`).
pub fn article<'a>(article: &'a Article, analysis: &'a Analysis, registry: &'a Registry) -> ArticleRecord<'a> {
    let meta = article.metadata();
    let cp = Offsets::new(article.text());
    ArticleRecord {
        findings: findings_with(article, &cp, analysis, registry),
        id: None,
        mentions: mentions(article.text(), &cp, analysis, registry),
        metadata: MetadataRecord {
            date: meta.date.map(|d| d.to_string()),
            lang: &meta.lang,
            outlet: &meta.outlet,
            title: &meta.title,
            url: &meta.url,
        },
        path: None,
        quotes: quotes(article.text(), &cp, analysis, registry),
        text: article.text(),
    }
}
