//! The report of a check run, independent of the output format: findings
//! located in lines and columns, file-level problems, and the summary.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::path::Path;

use crate::analysis::Analysis;
use crate::analysis::spellings::{ArticleSpellings, CorpusSpellings, Split, analysis_spellings, split};
use crate::article::Article;
use crate::finding::{Applicability, Finding, FindingData, Severity};
use crate::position::ColumnUnit;
use crate::registry::Registry;

/// A line/column range, 1-based, columns in Unicode scalar values, end
/// exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// Start line.
    pub line: u32,
    /// Start column.
    pub column: u32,
    /// End line.
    pub end_line: u32,
    /// End column (exclusive).
    pub end_column: u32,
}

/// One edit of a fix, located.
#[derive(Clone, Debug)]
pub struct ReportEdit {
    /// Where.
    pub span: Span,
    /// The new text.
    pub replacement: String,
    /// The fix's title.
    pub title: String,
    /// Whether `--fix` may apply it.
    pub safe: bool,
}

/// A window of the source line a finding starts on, for excerpts. Only a
/// bounded window is kept: news paragraphs are single long lines.
#[derive(Clone, Debug)]
pub struct Excerpt {
    /// The window's text.
    pub line: String,
    /// Byte range of the finding within `line` (clamped to the window).
    pub start: usize,
    /// End byte within `line`.
    pub end: usize,
    /// Whether the line goes on before the window.
    pub cut_before: bool,
    /// Whether the line goes on after the window.
    pub cut_after: bool,
}

/// Bytes of context kept on each side of a finding, and of the finding
/// itself, in an excerpt.
const EXCERPT_BYTES: usize = 160;

/// A finding ready for output.
#[derive(Clone, Debug)]
pub struct ReportFinding {
    /// The article's path as given or walked (shared by its findings).
    pub path: std::sync::Arc<Path>,
    /// Where.
    pub span: Span,
    /// Rule id.
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Message.
    pub message: String,
    /// The linked actor's id.
    pub actor: Option<String>,
    /// Fix edits.
    pub fixes: Vec<ReportEdit>,
    /// For unknown actors: what to add to the registry.
    pub suggestion: Option<crate::finding::ActorSuggestion>,
    /// For ambiguous names: the candidate actor ids.
    pub candidates: Vec<String>,
    /// The source line.
    pub excerpt: Excerpt,
    /// A fingerprint of the rule, the flagged text and its context, stable
    /// under edits elsewhere in the file (no line numbers).
    pub fingerprint: String,
}

/// How one actor was spelled across the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpellingSplit {
    /// Actor id.
    pub actor: String,
    /// House name.
    pub name: String,
    /// (spelling, number of articles using it), house spelling first.
    pub spellings: Vec<(String, usize)>,
}

impl SpellingSplit {
    /// The split as text output shows it: `  Name (id): A: 2 articles, B: 1 article`,
    /// control characters escaped.
    pub fn line(&self) -> String {
        use crate::text::terminal::escape_all_controls as esc;
        let list: Vec<String> = self
            .spellings
            .iter()
            .map(|(text, n)| format!("{}: {n} article{}", esc(text), if *n == 1 { "" } else { "s" }))
            .collect();
        format!("  {} ({}): {}", esc(&self.name), esc(&self.actor), list.join(", "))
    }
}

/// Totals for the run.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Articles checked.
    pub files: usize,
    /// Articles with at least one finding.
    pub files_with_findings: usize,
    /// Findings reported.
    pub findings: usize,
    /// Findings by severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Findings by rule.
    pub by_rule: BTreeMap<&'static str, usize>,
    /// Mentions linked to an actor.
    pub mentions: usize,
    /// Mentions per actor id.
    pub mentions_by_actor: BTreeMap<String, usize>,
    /// The house name of each actor mentioned, by id (for tables people read).
    pub actor_names: BTreeMap<String, String>,
    /// Actors spelled more than one way across articles.
    pub spelling_splits: Vec<SpellingSplit>,
    /// Findings with a fix `--fix` could apply.
    pub safe_fixes: usize,
    /// Findings whose only fixes are unsafe (`--fix --unsafe-fixes`).
    pub unsafe_fixes: usize,
    /// Who is quoted, most quoted first (ties by name).
    pub quoted: Vec<Quoted>,
}

/// What one checked file contributes to the report.
pub struct FileResult {
    /// Located findings, by position then rule.
    pub findings: Vec<ReportFinding>,
    /// Linked mentions per actor id.
    pub mentions: BTreeMap<String, usize>,
    /// The article's spellings of each actor (see [`crate::analysis::spellings`]).
    pub spellings: ArticleSpellings,
    /// The id and house name of each actor in `spellings`, by actor index.
    pub spelling_actors: BTreeMap<crate::registry::ActorIdx, (String, String)>,
    /// Quotations per speaker.
    pub quoted: BTreeMap<String, Quoted>,
}

/// How often one speaker is quoted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quoted {
    /// The registry id, for a registered actor.
    pub actor: Option<String>,
    /// The name: the registry's house name, or as the article gives it.
    pub name: String,
    /// Direct quotations.
    pub direct: usize,
    /// Partial quotations.
    pub partial: usize,
    /// Statements reported without quotation marks.
    pub indirect: usize,
    /// Articles that quote the speaker.
    pub articles: usize,
}

/// Who is quoted in an analysis, keyed by registry id (or, for someone not
/// registered, the name as written, so "prosecutors" in two articles is one
/// row). Quotations nobody says, and pronouns left unresolved, are not
/// counted.
fn quoted(text: &str, analysis: &Analysis, registry: &Registry) -> BTreeMap<String, Quoted> {
    let mut out: BTreeMap<String, Quoted> = BTreeMap::new();
    for quote in &analysis.quotes {
        let Some(speaker) = &quote.speaker else { continue };
        let (key, actor, name) = match speaker.actor {
            Some(a) => {
                let actor = registry.actor(a);
                (actor.id.clone(), Some(actor.id.clone()), actor.name.clone())
            }
            None => {
                let name = text[speaker.referent.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
                // A pronoun left unresolved ("they said") is nobody to count.
                if matches!(name.to_lowercase().as_str(), "he" | "she" | "it" | "they" | "we" | "i" | "you") {
                    continue;
                }
                (format!("~{}", name.to_lowercase()), None, name)
            }
        };
        let row = out.entry(key).or_insert_with(|| Quoted { actor, name, articles: 1, ..Quoted::default() });
        match quote.kind {
            crate::analysis::QuoteKind::Direct => row.direct += 1,
            crate::analysis::QuoteKind::Partial => row.partial += 1,
            crate::analysis::QuoteKind::Indirect => row.indirect += 1,
        }
    }
    out
}

/// Locates an analysis' findings and tallies its mentions.
pub fn file_result(path: &Path, article: &Article, analysis: &Analysis, registry: &Registry) -> FileResult {
    let shared: std::sync::Arc<Path> = std::sync::Arc::from(path);
    let mut seen: BTreeMap<u64, u32> = BTreeMap::new();
    let mut findings: Vec<ReportFinding> = analysis
        .findings
        .iter()
        .map(|f| {
            let base = context_hash(article.text(), f);
            let occurrence = seen.entry(base).or_insert(0);
            *occurrence += 1;
            let mut located = locate(&shared, article, f, registry);
            located.fingerprint = format!("{:016x}", fnv1a(&[&base.to_le_bytes(), &occurrence.to_le_bytes()]));
            located
        })
        .collect();
    findings.sort_by(|a, b| (a.span, a.rule).cmp(&(b.span, b.rule)));
    let mut mentions = BTreeMap::new();
    let text = article.text();
    for mention in &analysis.mentions {
        let Some(actor_idx) = mention.actor else { continue };
        *mentions.entry(registry.actor(actor_idx).id.clone()).or_insert(0) += 1;
    }
    let spellings = ArticleSpellings::new(&analysis_spellings(text, analysis, registry));
    let spelling_actors =
        spellings.iter().map(|(a, _, _)| (a, (registry.actor(a).id.clone(), registry.actor(a).name.clone()))).collect();
    let quoted = quoted(text, analysis, registry);
    FileResult { findings, mentions, spellings, spelling_actors, quoted }
}

/// FNV-1a over byte slices: stable across platforms and releases, unlike
/// the standard library's hasher.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hash of the rule, the flagged text and up to 32 characters of context on
/// each side within its own line (so edits on other lines never change it),
/// with white space folded.
fn context_hash(text: &str, f: &Finding) -> u64 {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let window = crate::text::tail(text, f.range.start, 256);
    let line_start = f.range.start - window.len() + window.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let ahead = &text[f.range.end..crate::position::floor_char_boundary(text, f.range.end + 256)];
    let line_end = f.range.end + ahead.find(['\n', '\r']).unwrap_or(ahead.len());
    let before: String =
        text[line_start..f.range.start].chars().rev().take(32).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[f.range.end..line_end].chars().take(32).collect();
    fnv1a(&[
        f.rule.as_bytes(),
        fold(&text[f.range.clone()]).as_bytes(),
        fold(&before).as_bytes(),
        fold(&after).as_bytes(),
    ])
}

fn locate(path: &std::sync::Arc<Path>, article: &Article, finding: &Finding, registry: &Registry) -> ReportFinding {
    let text = article.text();
    let lines = article.lines();
    let span = |range: &std::ops::Range<usize>| {
        let start = lines.position(text, range.start, ColumnUnit::Scalar);
        let end = lines.position(text, range.end, ColumnUnit::Scalar);
        Span { line: start.line + 1, column: start.col + 1, end_line: end.line + 1, end_column: end.col + 1 }
    };
    let line_range = lines.line_range(text, lines.line_of(finding.range.start));
    let start = finding.range.start.clamp(line_range.start, line_range.end);
    let end = crate::position::floor_char_boundary(
        text,
        finding.range.end.clamp(start, line_range.end).min(start + EXCERPT_BYTES),
    );
    let window_start =
        start - crate::text::tail(&text[line_range.start..], start - line_range.start, EXCERPT_BYTES).len();
    let window_end = crate::position::floor_char_boundary(text, (end + EXCERPT_BYTES).min(line_range.end));
    let excerpt = Excerpt {
        line: text[window_start..window_end].to_string(),
        start: start - window_start,
        end: end - window_start,
        cut_before: window_start > line_range.start,
        cut_after: window_end < line_range.end,
    };
    let fixes = finding
        .fixes
        .iter()
        .flat_map(|fix| {
            fix.edits.iter().map(move |edit| ReportEdit {
                span: span(&edit.range),
                replacement: edit.replacement.clone(),
                title: fix.title.clone(),
                safe: fix.applicability == Applicability::Safe,
            })
        })
        .collect();
    let (suggestion, candidates) = match &finding.data {
        Some(FindingData::NewActor(s)) => (Some(s.clone()), Vec::new()),
        Some(FindingData::Candidates(c)) => (None, c.iter().map(|&a| registry.actor(a).id.clone()).collect()),
        None => (None, Vec::new()),
    };
    ReportFinding {
        path: path.clone(),
        span: span(&finding.range),
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message.clone(),
        actor: finding.actor.map(|a| registry.actor(a).id.clone()),
        fixes,
        suggestion,
        candidates,
        excerpt,
        fingerprint: String::new(),
    }
}

/// Running totals of a check, fed one file at a time (in path order), so
/// that a corpus run holds one batch of findings at a time, never all.
pub struct Tally {
    summary: Summary,
    // Hash maps while counting (one update per file and actor), sorted once
    // at the end.
    mentions_by_actor: FxHashMap<String, usize>,
    splits: CorpusSpellings<String>,
    names: FxHashMap<String, String>,
    quoted: FxHashMap<String, Quoted>,
}

impl Tally {
    /// Totals for a run over `files` articles.
    pub fn new(files: usize) -> Tally {
        Tally {
            summary: Summary { files, ..Summary::default() },
            mentions_by_actor: FxHashMap::default(),
            splits: CorpusSpellings::default(),
            names: FxHashMap::default(),
            quoted: FxHashMap::default(),
        }
    }

    /// Counts one file: its findings as reported (after any baseline), its
    /// mentions and its spellings.
    pub fn add(&mut self, result: FileResult) {
        let summary = &mut self.summary;
        if !result.findings.is_empty() {
            summary.files_with_findings += 1;
        }
        summary.findings += result.findings.len();
        for finding in &result.findings {
            *summary.by_severity.entry(finding.severity).or_insert(0) += 1;
            *summary.by_rule.entry(finding.rule).or_insert(0) += 1;
            summary.safe_fixes += usize::from(finding.fixes.iter().any(|f| f.safe));
            summary.unsafe_fixes += usize::from(!finding.fixes.is_empty() && finding.fixes.iter().all(|f| !f.safe));
        }
        for (actor, n) in result.mentions {
            summary.mentions += n;
            *self.mentions_by_actor.entry(actor).or_insert(0) += n;
        }
        for (key, q) in result.quoted {
            let row =
                self.quoted.entry(key).or_insert_with(|| Quoted { actor: q.actor, name: q.name, ..Quoted::default() });
            row.direct += q.direct;
            row.partial += q.partial;
            row.indirect += q.indirect;
            row.articles += 1;
        }
        let actors = &result.spelling_actors;
        self.splits.add(&result.spellings, |a| actors.get(&a).map(|(id, _)| id.clone()).unwrap_or_default());
        for (id, name) in result.spelling_actors.into_values() {
            self.names.entry(id).or_insert(name);
        }
    }

    /// Takes back one of the files the run was counted for: it was skipped
    /// before it could be checked (binary, not UTF-8, too large,
    /// unreadable), so it is no article.
    pub fn skip(&mut self) {
        self.summary.files = self.summary.files.saturating_sub(1);
    }

    /// Whether a finding counted so far reaches `threshold`.
    pub fn fails(&self, threshold: Option<Severity>) -> bool {
        self.summary.fails(threshold)
    }

    /// The totals, with the spellings that split across articles.
    pub fn finish(self) -> Summary {
        let mut summary = self.summary;
        summary.mentions_by_actor = self.mentions_by_actor.into_iter().collect();
        summary.actor_names = self.names.iter().map(|(id, name)| (id.clone(), name.clone())).collect();
        let mut quoted: Vec<Quoted> = self.quoted.into_values().collect();
        quoted.sort_by(|a, b| {
            (b.direct + b.partial)
                .cmp(&(a.direct + a.partial))
                .then(b.indirect.cmp(&a.indirect))
                .then(a.name.cmp(&b.name))
        });
        summary.quoted = quoted;
        let mut splits: Vec<(String, Split)> =
            self.splits.into_actors().filter_map(|(actor, counts)| Some((actor, split(&counts)?))).collect();
        splits.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (actor, list) in splits {
            let name = self.names.get(&actor).cloned().unwrap_or_default();
            let spellings = list.into_iter().map(|(s, c)| (s, c.articles)).collect();
            summary.spelling_splits.push(SpellingSplit { actor, name, spellings });
        }
        summary
    }
}

impl Summary {
    /// Whether any finding reaches `threshold`.
    pub fn fails(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|t| self.by_severity.iter().any(|(s, &n)| n > 0 && s.reaches(t)))
    }

    /// The distinct actors mentioned.
    pub fn actors_mentioned(&self) -> usize {
        self.mentions_by_actor.len()
    }
}
