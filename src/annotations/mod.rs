//! Human annotation: the standoff store of a workspace's human decisions.
//!
//! A store is a JSON Lines file (named by `annotations` in `copydesk.toml`,
//! `copydesk-annotations.jsonl` by default), one decision a line: the
//! article's path (relative to the workspace, `/` separators), the span it
//! is about anchored by its text and the text around it ([`Anchor`]), the
//! decision ([`Label`]), who made it and when. Articles are never touched;
//! `docs/annotations.md` describes the format field by field.
//!
//! The store is parsed here (every error located at file, line and column);
//! `anchor` finds an anchor's span again in an edited article;
//! `analysis::human` applies the decisions to an analysis; `score`
//! measures agreement between two stores and the tool against one.

mod anchor;
mod candidates;
pub mod score;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, CONTEXT_CHARS, resolve_all};
pub use candidates::{MAX_CANDIDATES, candidates};

use crate::problem::{FileProblem, ProblemLevel};

/// The store's file name when `copydesk.toml` names none.
pub const DEFAULT_STORE: &str = "copydesk-annotations.jsonl";

/// Largest store read (like a registry file).
pub const STORE_CAP: u64 = crate::input::REGISTRY_CAP;

/// What a person decided about a span.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "kebab-case")]
pub enum Label {
    /// The span is a mention of this registered actor: resolves an
    /// ambiguous name, overrides a wrong link, or adds a missed mention.
    Link {
        /// The registry id.
        actor: String,
    },
    /// The span is no mention of anyone ("Still, Hogan noted").
    NotAMention,
    /// The quotation at the span is said by this actor (`null`: by nobody
    /// the article names).
    Speaker {
        /// The registry id, or `None`.
        actor: Option<String>,
    },
    /// The figure at the span is sourced (in the print edition, say).
    Sourced,
    /// The figure at the span is unsourced.
    Unsourced,
    /// The finding of `rule` at the span is right.
    Accept {
        /// The rule id.
        rule: String,
    },
    /// The finding of `rule` at the span is wrong.
    Dismiss {
        /// The rule id.
        rule: String,
    },
}

/// What a decision is about: two decisions of the same class on the same
/// span are the same question (the later one wins).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// Is it a mention, and of whom (`link`, `not-a-mention`).
    Mention,
    /// Who says the quotation (`speaker`).
    Speaker,
    /// Is the figure sourced (`sourced`, `unsourced`).
    Sourcing,
    /// Is the finding of this rule right (`accept`, `dismiss`).
    Finding(String),
}

impl Class {
    /// The class's name in reports: `mentions`, `speakers`, `sourcing`, or
    /// the rule id.
    pub fn name(&self) -> &str {
        match self {
            Class::Mention => "mentions",
            Class::Speaker => "speakers",
            Class::Sourcing => "sourcing",
            Class::Finding(rule) => rule,
        }
    }
}

impl Label {
    /// The question this label answers.
    pub fn class(&self) -> Class {
        match self {
            Label::Link { .. } | Label::NotAMention => Class::Mention,
            Label::Speaker { .. } => Class::Speaker,
            Label::Sourced | Label::Unsourced => Class::Sourcing,
            Label::Accept { rule } | Label::Dismiss { rule } => Class::Finding(rule.clone()),
        }
    }

    /// The answer, as compared between annotators: an actor id, `none`,
    /// `sourced`, `unsourced`, `accept` or `dismiss`.
    pub fn value(&self) -> &str {
        match self {
            Label::Link { actor } | Label::Speaker { actor: Some(actor) } => actor,
            Label::NotAMention | Label::Speaker { actor: None } => "none",
            Label::Sourced => "sourced",
            Label::Unsourced => "unsourced",
            Label::Accept { .. } => "accept",
            Label::Dismiss { .. } => "dismiss",
        }
    }
}

/// One line of a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The article, relative to the workspace folder, `/` separators.
    pub path: String,
    /// The span.
    pub anchor: Anchor,
    /// The decision and its argument.
    #[serde(flatten)]
    pub label: Label,
    /// Who decided.
    pub annotator: String,
    /// When (RFC 3339, as written; not interpreted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Why (required to dismiss a finding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The 1-based line of the store it was read from (0 for a new one).
    #[serde(skip)]
    pub line: u32,
}

impl Decision {
    /// The decision as one store line (no line break), fields in a fixed order.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A parsed store: every decision, grouped by article path in line order.
#[derive(Clone, Debug, Default)]
pub struct Store {
    /// The store file (`None` for an empty store with no file).
    pub path: Option<PathBuf>,
    /// The workspace folder article paths are relative to.
    pub root: PathBuf,
    by_article: HashMap<String, Vec<Decision>>,
    count: usize,
}

/// Everything wrong with a store, each located.
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in the annotation store", .0.len())]
pub struct StoreError(pub Vec<FileProblem>);

impl Store {
    /// An empty store rooted at `root`.
    pub fn empty(root: &Path) -> Store {
        Store { root: root.to_path_buf(), ..Store::default() }
    }

    /// An empty store whose file, `path`, does not exist yet.
    pub fn not_yet(path: &Path, root: &Path) -> Store {
        Store { path: Some(path.to_path_buf()), ..Store::empty(root) }
    }

    /// Reads the store at `path` (a missing file is an empty store: the
    /// editor creates it with the first decision).
    pub fn load(path: &Path, root: &Path) -> Result<Store, StoreError> {
        let problem = |m: String| StoreError(vec![FileProblem::whole_file(path, ProblemLevel::Error, m)]);
        let bytes = match crate::input::read_capped(path, STORE_CAP) {
            Ok(bytes) => bytes,
            Err(crate::input::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Store::not_yet(path, root));
            }
            Err(crate::input::ReadError::Io(e)) => return Err(problem(format!("cannot read annotation store: {e}"))),
            Err(too_large) => return Err(problem(format!("annotation store {too_large}"))),
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            problem(format!("annotation store is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
        })?;
        Store::parse(path, root, &text)
    }

    /// Parses store `text` as if read from `path`. Blank lines are
    /// skipped; every bad line is reported with its line and column.
    pub fn parse(path: &Path, root: &Path, text: &str) -> Result<Store, StoreError> {
        let mut store = Store::not_yet(path, root);
        let mut problems = Vec::new();
        let mut offset = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let body = line.trim_end_matches(['\n', '\r']);
            if body.trim().is_empty() {
                continue;
            }
            let error = |at: usize, message: String| {
                FileProblem::at(
                    path,
                    text,
                    start + at.min(body.len())..start + body.len(),
                    ProblemLevel::Error,
                    message,
                )
            };
            match read_line(body) {
                Ok(mut decision) => {
                    if let Err(message) = validate(&decision) {
                        problems.push(error(0, format!("{message} — fix or remove the line")));
                        continue;
                    }
                    decision.line = n as u32 + 1;
                    store.by_article.entry(decision.path.clone()).or_default().push(decision);
                    store.count += 1;
                }
                Err(e) => {
                    // serde_json counts columns in bytes from 1.
                    let at = byte_of_column(body, e.column());
                    problems.push(error(
                        at,
                        format!(
                            "invalid annotation: {} — each line is one JSON object (docs/annotations.md)",
                            crate::problem::json_message(&e)
                        ),
                    ));
                }
            }
        }
        if problems.is_empty() { Ok(store) } else { Err(StoreError(problems)) }
    }

    /// The decisions about the article at `path`, in store order.
    pub fn for_article(&self, path: &Path) -> &[Decision] {
        if self.by_article.is_empty() {
            return &[];
        }
        self.by_article.get(&self.key(path)).map_or(&[], Vec::as_slice)
    }

    /// The store key of an article: its path relative to the root, with
    /// `/` separators.
    pub fn key(&self, path: &Path) -> String {
        let root = crate::config::normalize(&self.root);
        let path = crate::config::normalize(path);
        let rel = path.strip_prefix(&root).unwrap_or(&path);
        rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    }

    /// Every article the store has decisions about, sorted, with them.
    pub fn articles(&self) -> Vec<(&str, &[Decision])> {
        let mut all: Vec<(&str, &[Decision])> =
            self.by_article.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// How many decisions the store holds.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the store holds none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// The fields a line may have (serde cannot refuse others through the
/// flattened decision).
const FIELDS: [&str; 8] = ["path", "anchor", "decision", "actor", "rule", "annotator", "time", "reason"];

/// One line as a decision; an unknown field is an error.
fn read_line(body: &str) -> Result<Decision, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(body)?;
    if let Some(unknown) = value.as_object().and_then(|o| o.keys().find(|k| !FIELDS.contains(&k.as_str()))) {
        return Err(serde::de::Error::custom(format!(
            "unknown field `{unknown}`, expected one of {}",
            FIELDS.map(|f| format!("`{f}`")).join(", ")
        )));
    }
    serde_json::from_value(value)
}

/// The warning for a decision about the article at `article` that could
/// not be applied, located at its line of the store at `store`.
pub fn unapplied_problem(store: &Path, article: &Path, u: &crate::analysis::human::Unapplied) -> FileProblem {
    let mut problem = FileProblem::whole_file(
        store,
        ProblemLevel::Warning,
        format!(
            "stale annotation of ‘{}’ in {}: {}",
            u.text.chars().take(60).collect::<String>(),
            crate::text::shown_path(article),
            u.reason
        ),
    );
    problem.line = u.line.max(1);
    problem
}

/// The byte offset in `line` of serde_json's 1-based column.
fn byte_of_column(line: &str, column: usize) -> usize {
    let mut at = column.saturating_sub(1).min(line.len());
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// What serde cannot check: a usable path and anchor, and a reason for a
/// dismissal.
fn validate(d: &Decision) -> Result<(), String> {
    let path = Path::new(&d.path);
    if d.path.is_empty()
        || path.is_absolute()
        || path.components().any(|c| !matches!(c, std::path::Component::Normal(_)))
        || d.path.contains('\\')
    {
        return Err(format!(
            "`path` must be the article's path relative to the workspace folder, with `/` separators (found `{}`)",
            d.path
        ));
    }
    if d.anchor.text.is_empty() {
        return Err("`anchor.text` is empty: an anchor is the text of the span".to_string());
    }
    if d.annotator.trim().is_empty() {
        return Err("`annotator` is empty: say who decided".to_string());
    }
    if matches!(d.label, Label::Dismiss { .. }) && d.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err("a dismissal needs a `reason`".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
