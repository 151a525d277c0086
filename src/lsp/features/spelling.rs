//! Corpus-wide spelling consistency (`corpus-spelling`): a mention that
//! spells an actor other than as house style, where the workspace's
//! articles spell that actor more than one way, gets a diagnostic with the
//! counts ("spelled ‘Satler’ here and in 3 other articles; ‘Sattler’, the
//! house spelling, in 41 articles"), a quick fix to the house spelling and
//! an action listing the other articles that spell it the same way.
//!
//! The counts are the index's ([`crate::lsp::state::IndexSpellings`]),
//! corrected for the open articles: each one's contribution on disk is
//! taken out and its current text's put in, so an edited article is
//! counted once, as it is now. While the workspace is being indexed the
//! counts would be partial, so there are no such diagnostics; the open
//! articles are published again when indexing ends.

use std::collections::BTreeMap;
use std::ops::Range as ByteRange;
use std::sync::Arc;

use tower_lsp_server::ls_types::*;

use crate::analysis::spellings::{
    ArticleSpellings, CorpusSpellings, SpellingUse, analysis_spellings, house_spellings, split,
};
use crate::config::normalize;
use crate::lsp::convert::{Encoding, Lines, path_to_uri, uri_to_path};
use crate::lsp::document::{DocumentAnalysis, Role};
use crate::lsp::server::Backend;
use crate::lsp::state::{Snapshot, WorkspaceState, read};
use crate::registry::ActorIdx;
use crate::rules::RuleLevel;

pub use crate::lsp::state::CORPUS_SPELLING as CODE;

/// A spelling that splits from the workspace's house spelling.
#[derive(Clone, Debug)]
pub struct CorpusSpelling {
    /// The bytes spelling it in the document.
    pub range: ByteRange<usize>,
    /// The actor.
    pub actor: ActorIdx,
    /// The spelling here.
    pub spelling: String,
    /// Articles of the workspace (this one included) using it.
    pub articles: usize,
    /// The house spelling to use instead.
    pub house: String,
    /// Articles using the house spelling.
    pub house_articles: usize,
}

impl CorpusSpelling {
    /// The diagnostic's message.
    pub fn message(&self, name: &str) -> String {
        let others = match self.articles.saturating_sub(1) {
            0 => "only here".to_string(),
            1 => "here and in 1 other article".to_string(),
            n => format!("here and in {n} other articles"),
        };
        let house = match self.house_articles {
            0 => "in no article".to_string(),
            1 => "in 1 article".to_string(),
            n => format!("in {n} articles"),
        };
        format!("{name} is spelled ‘{}’ {others}; ‘{}’, the house spelling, {house}", self.spelling, self.house)
    }
}

impl Backend {
    /// The spellings of `doc` (an open article of `uri`) that split from
    /// the workspace's house spelling; `None` while the workspace is being
    /// indexed (the counts would be partial).
    pub(crate) fn corpus_spellings(
        &self,
        uri: &Uri,
        doc: &DocumentAnalysis,
        snapshot: &Snapshot,
    ) -> Option<Vec<CorpusSpelling>> {
        if read(&self.inner.settings).corpus_spelling() == RuleLevel::Off {
            return Some(Vec::new());
        }
        let path = uri_to_path(uri).map(|p| normalize(&p));
        let ws = self.find_workspace(path.as_deref())?;
        let uses = analysis_spellings(doc.article.text(), &doc.analysis, &snapshot.registry);
        let odd: Vec<&SpellingUse> = uses.iter().filter(|u| !u.house).collect();
        if odd.is_empty() {
            return Some(Vec::new());
        }
        if ws.is_indexing() {
            return None;
        }
        let mut actors: Vec<ActorIdx> = odd.iter().map(|u| u.actor).collect();
        actors.sort_unstable();
        actors.dedup();
        let live = ArticleSpellings::new(&uses);
        let counts = self.workspace_spellings(&ws, snapshot, uri, &live, &actors);
        let mut out = Vec::new();
        for u in odd {
            let Some(list) = counts.of(&u.actor).and_then(split) else { continue };
            let articles = list.iter().find(|(s, _)| *s == u.spelling).map_or(0, |(_, c)| c.articles);
            let (house, house_articles) = match list.first() {
                Some((s, c)) if c.is_house() => (s.clone(), c.articles),
                _ => (house_spellings(&snapshot.registry, u.actor).swap_remove(0), 0),
            };
            // Within this article alone, it is the rules' business
            // (name-variant, misspelled-name): the corpus has no say.
            let house_here = live.of(u.actor).any(|(s, _)| s == house);
            if articles <= 1 && house_articles <= usize::from(house_here) {
                continue;
            }
            out.push(CorpusSpelling {
                range: u.range.clone(),
                actor: u.actor,
                spelling: u.spelling.clone(),
                articles,
                house,
                house_articles,
            });
        }
        Some(out)
    }

    /// The spellings of `actors` over the workspace: the index's counts,
    /// each open article's contribution on disk replaced by its current
    /// one (`live` for `uri`).
    fn workspace_spellings(
        &self,
        ws: &WorkspaceState,
        snapshot: &Snapshot,
        uri: &Uri,
        live: &ArticleSpellings,
        actors: &[ActorIdx],
    ) -> CorpusSpellings<ActorIdx> {
        let mut counts: CorpusSpellings<ActorIdx> = CorpusSpellings::default();
        let open = self.open_articles_of(ws);
        let only = |a: ActorIdx| actors.binary_search(&a).is_ok();
        {
            // Both locks for one consistent reading, then let go: the
            // open articles below may need analysing.
            let index = read(&ws.index);
            let indexed = read(&ws.spellings);
            if indexed.generation == snapshot.generation {
                for &actor in actors {
                    if let Some(of) = indexed.counts.of(&actor) {
                        counts.set(actor, of.clone());
                    }
                }
                for (_, path) in &open {
                    if let Some(file) = index.get(path).filter(|f| f.generation == snapshot.generation) {
                        counts.remove_where(&file.spellings, |a| a, only);
                    }
                }
            }
        }
        for (other, _) in &open {
            if other == uri {
                counts.add_where(live, |a| a, only);
            } else if let Some((doc, snap)) = self.current_analysis(other)
                && snap.generation == snapshot.generation
            {
                let uses = analysis_spellings(doc.article.text(), &doc.analysis, &snap.registry);
                counts.add_where(&ArticleSpellings::new(&uses), |a| a, only);
            }
        }
        if !open.iter().any(|(other, _)| other == uri) {
            counts.add_where(live, |a| a, only);
        }
        counts
    }

    /// The open articles governed by `ws`, with their normalised paths.
    pub(crate) fn open_articles_of(&self, ws: &WorkspaceState) -> Vec<(Uri, std::path::PathBuf)> {
        let uris: Vec<Uri> =
            self.inner.documents.iter().filter(|d| d.role == Role::Article).map(|d| d.key().clone()).collect();
        uris.into_iter()
            .filter_map(|uri| {
                let path = normalize(&uri_to_path(&uri)?);
                self.governs(ws, &path).then_some((uri, path))
            })
            .collect()
    }

    /// Publishes again the open articles that spell a name other than as
    /// house style: articles changed on disk may have changed their
    /// counts.
    pub(crate) fn republish_odd_spellings(&self) {
        let odd: Vec<Uri> = self
            .inner
            .documents
            .iter()
            .filter(|d| d.spellings.as_ref().is_some_and(|s| s.iter().any(|(_, _, house)| !house)))
            .map(|d| d.key().clone())
            .collect();
        for uri in odd {
            self.schedule_publish(&uri, std::time::Duration::ZERO);
        }
    }

    /// Indexes a closed article again from disk: its changes there were not
    /// indexed while it was open (off the main loop: it may be megabytes).
    pub(crate) fn reindex_closed(&self, uri: &Uri) {
        let Some(path) = uri_to_path(uri).map(|p| normalize(&p)) else { return };
        let Some(ws) = self.find_workspace(Some(&path)) else { return };
        tokio::task::spawn_blocking(move || {
            let snapshot = ws.snapshot();
            if snapshot.config.is_article(&path)
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                let article = crate::article::Article::for_path(&path, &text);
                ws.index_files([(path.clone(), snapshot.index(Some(&path), &article))]);
            }
        });
    }

    /// The diagnostics of [`Backend::corpus_spellings`].
    pub(crate) fn corpus_spelling_diagnostics(
        &self,
        uri: &Uri,
        doc: &DocumentAnalysis,
        snapshot: &Snapshot,
        encoding: Encoding,
    ) -> Option<Vec<Diagnostic>> {
        let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
        let found = self.corpus_spellings(uri, doc, snapshot)?;
        let RuleLevel::On(severity) = read(&self.inner.settings).corpus_spelling() else { return Some(Vec::new()) };
        let severity = super::diagnostics::severity(severity);
        Some(
            found
                .iter()
                .map(|c| Diagnostic { severity: Some(severity), ..diagnostic(c, &lines, snapshot, encoding) })
                .collect(),
        )
    }

    /// The code actions of the corpus spellings overlapping `start..end`:
    /// replace with the house spelling; list the other articles spelling
    /// it the same way.
    pub(crate) fn corpus_spelling_actions(
        &self,
        uri: &Uri,
        doc: &Arc<DocumentAnalysis>,
        snapshot: &Snapshot,
        bytes: ByteRange<usize>,
    ) -> Vec<CodeActionOrCommand> {
        let encoding = self.encoding();
        let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
        let Some(found) = self.corpus_spellings(uri, doc, snapshot) else { return Vec::new() };
        let mut actions = Vec::new();
        for c in found.iter().filter(|c| c.range.start <= bytes.end && bytes.start <= c.range.end) {
            let d = diagnostic(c, &lines, snapshot, encoding);
            let edit = TextEdit { range: d.range, new_text: c.house.clone() };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Spell it ‘{}’ (house spelling)", c.house),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(self.document_edit(uri, Some(doc.version), vec![edit])),
                // The rule's own fix (name-variant, misspelled-name) on
                // the same name, if any, is the preferred one.
                is_preferred: None,
                ..CodeAction::default()
            }));
            let others = self.other_spellings(uri, snapshot, c.actor, &c.spelling);
            if others.is_empty() {
                continue;
            }
            let files: std::collections::BTreeSet<&str> = others.iter().map(|(u, _)| u.as_str()).collect();
            let locations: Vec<serde_json::Value> =
                others.iter().map(|(u, r)| serde_json::json!({"uri": u.as_str(), "range": r})).collect();
            // A bare command: lsprotocol-based clients take any action
            // with a `command` for a Command.
            actions.push(CodeActionOrCommand::Command(Command {
                title: format!(
                    "Show the {} other article{} spelling ‘{}’",
                    files.len(),
                    if files.len() == 1 { "" } else { "s" },
                    c.spelling
                ),
                command: "copydesk.showMentions".to_string(),
                arguments: Some(vec![
                    serde_json::json!(uri.as_str()),
                    serde_json::json!(d.range.start),
                    serde_json::json!(locations),
                ]),
            }));
        }
        actions
    }

    /// Where the other articles of the workspace spell `actor` as
    /// `spelling` (not house style), by path.
    fn other_spellings(&self, uri: &Uri, snapshot: &Snapshot, actor: ActorIdx, spelling: &str) -> Vec<(Uri, Range)> {
        let encoding = self.encoding();
        let path = uri_to_path(uri).map(|p| normalize(&p));
        let Some(ws) = self.find_workspace(path.as_deref()) else { return Vec::new() };
        let open = self.open_articles_of(&ws);
        let mut found: BTreeMap<String, (Uri, Vec<Range>)> = BTreeMap::new();
        for (other, _) in open.iter().filter(|(o, _)| o != uri) {
            let Some((doc, snap)) = self.current_analysis(other) else { continue };
            if snap.generation != snapshot.generation {
                continue;
            }
            let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
            for u in analysis_spellings(doc.article.text(), &doc.analysis, &snap.registry) {
                if u.actor == actor && !u.house && u.spelling == spelling {
                    let entry = found.entry(other.as_str().to_string()).or_insert_with(|| (other.clone(), Vec::new()));
                    entry.1.push(lines.range(&u.range, encoding));
                }
            }
        }
        let index = read(&ws.index);
        for (p, file) in index.iter().filter(|(_, f)| f.generation == snapshot.generation) {
            if path.as_ref() == Some(p) || open.iter().any(|(_, o)| o == p) {
                continue;
            }
            let Some(other) = path_to_uri(p) else { continue };
            for odd in file.odd_spellings.iter().filter(|o| o.actor == actor && &*o.spelling == spelling) {
                let entry = found.entry(other.as_str().to_string()).or_insert_with(|| (other.clone(), Vec::new()));
                entry.1.push(odd.range_in(encoding));
            }
        }
        found.into_values().flat_map(|(u, ranges)| ranges.into_iter().map(move |r| (u.clone(), r))).collect()
    }
}

fn diagnostic(c: &CorpusSpelling, lines: &Lines<'_>, snapshot: &Snapshot, encoding: Encoding) -> Diagnostic {
    let actor = snapshot.registry.actor(c.actor);
    Diagnostic {
        range: lines.range(&c.range, encoding),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String(CODE.to_string())),
        source: Some("copydesk".to_string()),
        message: c.message(&actor.name),
        data: Some(serde_json::json!({
            "rule": CODE,
            "actor": actor.id,
            "spelling": c.spelling,
            "house": c.house,
        })),
        ..Diagnostic::default()
    }
}
