//! Code actions that record a person's decision in the workspace's
//! annotation store: link a mention to another candidate, say a span is no
//! mention, mark a selection as a mention, set a quotation's speaker, mark
//! a figure sourced or unsourced, accept or dismiss a finding. Each is a
//! WorkspaceEdit that appends one line to the store (creating the file if
//! there is none), so the editor can undo it like any edit; the article is
//! never touched. The store reloads the workspace when it changes, like a
//! registry file.

use std::ops::Range as ByteRange;
use std::path::Path;

use tower_lsp_server::ls_types::*;

use crate::annotations::{Anchor, Decision, Label, candidates};
use crate::lsp::convert::uri_to_path;
use crate::lsp::document::DocumentAnalysis;
use crate::lsp::server::Backend;
use crate::lsp::state::{Snapshot, read};
use crate::registry::ActorKind;

/// The kind of the annotation actions.
pub(crate) const ANNOTATE: &str = "refactor.annotate";

/// The rule `sourced` and `unsourced` decide on.
const UNSOURCED: &str = "unsourced-statistic";

/// The reason recorded for a dismissal made in the editor (the store line
/// can be edited to say more).
const DISMISSED: &str = "dismissed in the editor";

/// At most this many actors are offered for a selection to mark as a
/// mention.
const MAX_NEW_MENTION: usize = 3;

/// At most this many speakers are offered for a quotation.
const MAX_SPEAKERS: usize = 4;

/// At most this many characters of a span in a title.
const SHOWN: usize = 40;

impl Backend {
    /// The annotation actions for the byte range `span` of an open article.
    pub(crate) fn annotation_actions(
        &self,
        uri: &Uri,
        doc: &DocumentAnalysis,
        snapshot: &Snapshot,
        span: ByteRange<usize>,
    ) -> Vec<CodeActionOrCommand> {
        let Some(path) = uri_to_path(uri) else { return Vec::new() };
        let text = doc.article.text();
        let analysis = &doc.analysis;
        let (registry, lexicon) = (&snapshot.registry, &snapshot.lexicon);
        let date = analysis.date;
        let touches = |r: &ByteRange<usize>| r.start <= span.end && span.start <= r.end;
        let name = |a| registry.actor(a).name.as_str();
        let mut decided: Vec<(String, ByteRange<usize>, Label)> = Vec::new();
        let mut exact_mention = false;
        for m in analysis.mentions.iter().filter(|m| touches(&m.range)) {
            exact_mention |= m.range == span;
            let written = shown(&text[m.range.clone()]);
            for a in candidates(text, &m.range, analysis, registry, lexicon, date, m.actor) {
                let label = Label::Link { actor: registry.actor(a).id.clone() };
                decided.push((format!("Link ‘{written}’ to {}", name(a)), m.range.clone(), label));
            }
            decided.push((format!("‘{written}’ is not a mention"), m.range.clone(), Label::NotAMention));
        }
        let selected = span.start < span.end && text.get(span.clone()).is_some_and(|s| !s.trim().is_empty());
        if selected && !exact_mention && name_like(&text[span.clone()]) {
            // The actor a finding there is about (a misspelling's) first.
            let flagged = analysis.findings.iter().find(|f| f.range == span).and_then(|f| f.actor);
            let mut offered: Vec<_> = flagged.into_iter().collect();
            offered.extend(candidates(text, &span, analysis, registry, lexicon, date, flagged));
            let written = shown(&text[span.clone()]);
            for a in offered.into_iter().take(MAX_NEW_MENTION) {
                let label = Label::Link { actor: registry.actor(a).id.clone() };
                decided.push((format!("Mark ‘{written}’ as a mention of {}", name(a)), span.clone(), label));
            }
        }
        for q in analysis.quotes.iter().filter(|q| touches(&q.range)) {
            let current = q.speaker.as_ref().and_then(|s| s.actor);
            let speakers = candidates(text, &q.range, analysis, registry, lexicon, date, current)
                .into_iter()
                .filter(|&a| registry.actor(a).kind != ActorKind::Place)
                .take(MAX_SPEAKERS);
            for a in speakers {
                let label = Label::Speaker { actor: Some(registry.actor(a).id.clone()) };
                decided.push((format!("Set speaker: {}", name(a)), q.range.clone(), label));
            }
            if q.speaker.is_some() {
                decided.push((
                    "Set speaker: nobody named".to_string(),
                    q.range.clone(),
                    Label::Speaker { actor: None },
                ));
            }
        }
        let mut figure_flagged = false;
        for f in analysis.findings.iter().filter(|f| touches(&f.range)) {
            if f.rule == UNSOURCED {
                figure_flagged = true;
                decided.push(("Mark the figure sourced".to_string(), f.range.clone(), Label::Sourced));
                decided.push(("Confirm the figure is unsourced".to_string(), f.range.clone(), Label::Unsourced));
            } else {
                let rule = f.rule.to_string();
                decided.push((format!("Accept {rule} here"), f.range.clone(), Label::Accept { rule: rule.clone() }));
                decided.push((format!("Dismiss {rule} here"), f.range.clone(), Label::Dismiss { rule }));
            }
        }
        if selected && !figure_flagged && text[span.clone()].contains(|c: char| c.is_ascii_digit()) {
            let written = shown(&text[span.clone()]);
            decided.push((format!("Mark ‘{written}’ unsourced"), span.clone(), Label::Unsourced));
        }
        if decided.is_empty() {
            return Vec::new();
        }
        let Ok(store) = snapshot.config.annotations_path() else { return Vec::new() };
        let annotator = read(&self.inner.settings).annotator();
        let time = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| crate::date::utc_timestamp(d.as_secs()))
            .ok();
        let article = snapshot.annotations.key(&path);
        decided
            .into_iter()
            .filter_map(|(title, range, label)| {
                let reason = matches!(label, Label::Dismiss { .. }).then(|| DISMISSED.to_string());
                let decision = Decision {
                    path: article.clone(),
                    anchor: Anchor::of(text, range),
                    label,
                    annotator: annotator.clone(),
                    time: time.clone(),
                    reason,
                    line: 0,
                };
                let edit = self.append_line(&store, &decision.to_line())?;
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::new(ANNOTATE)),
                    edit: Some(edit),
                    ..CodeAction::default()
                }))
            })
            .collect()
    }

    /// A WorkspaceEdit appending `line` to the file at `path` (the open
    /// buffer if the editor has it), creating the file if it does not exist.
    fn append_line(&self, path: &Path, line: &str) -> Option<WorkspaceEdit> {
        let text = match self.current_text(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return self.create_file_edit(path, &format!("{line}\n"));
            }
            Err(_) => return None,
        };
        self.append_to(path, &text, format!("{line}\n"))
    }
}

/// Whether a selection could be a name: one line, at most six words, the
/// first capitalised.
fn name_like(text: &str) -> bool {
    let text = text.trim();
    !text.contains('\n') && text.split_whitespace().count() <= 6 && text.chars().next().is_some_and(char::is_uppercase)
}

/// At most [`SHOWN`] characters of `text`, on one line.
fn shown(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &flat[..at]),
        None => flat,
    }
}
