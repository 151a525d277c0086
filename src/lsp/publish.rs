//! Publishing diagnostics: when (debounced while typing), of what (the
//! latest version only) and safely (a failing analysis becomes one error
//! diagnostic).
//!
//! Ordering: an analysis may finish after a newer version arrived; its
//! result is published only while its version is still current, checked
//! under one lock, so stale diagnostics are never published over newer
//! text. Debouncing only decides *whether* to start an analysis: each
//! change bumps the document's revision, and a scheduled analysis that
//! wakes to find a newer revision does nothing (the newer one will run).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::*;

use super::convert::{Lines, path_to_uri, uri_to_path};
use super::document::{DocumentAnalysis, Role};
use super::features::diagnostics;
use super::server::Backend;
use super::state::{Snapshot, WorkspaceState, read, write};
use crate::analysis::spellings::{ArticleSpellings, analysis_spellings};
use crate::article::Article;
use crate::config::normalize;
use crate::problem::FileProblem;

/// How long after a keystroke an article is analysed, if no other
/// keystroke came meanwhile: diagnostics follow typing within this delay
/// plus one analysis, and a burst of changes costs one analysis.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

impl Backend {
    /// Publishes the diagnostics of an open article `delay` from now, in
    /// the background, unless it changes again meanwhile.
    pub(super) fn schedule_publish(&self, uri: &Uri, delay: Duration) {
        let Some(revision) = self.inner.documents.get(uri).map(|d| d.revision) else { return };
        let this = self.clone();
        let uri = uri.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            this.loaded().await;
            if this.inner.documents.get(&uri).is_some_and(|d| d.revision == revision) {
                this.publish_article(&uri).await;
            }
        });
    }

    /// Publishes configuration and registry problems at their ranges, and
    /// clears files whose problems are gone.
    pub(super) async fn publish_file_problems(&self, ws: &WorkspaceState, problems: Vec<FileProblem>) {
        let mut by_file: HashMap<PathBuf, Vec<FileProblem>> = HashMap::new();
        for problem in problems {
            by_file.entry(normalize(&problem.path)).or_default().push(problem);
        }
        let previous = std::mem::replace(&mut *write(&ws.diagnosed_files), by_file.keys().cloned().collect());
        let encoding = self.encoding();
        for path in previous.iter().filter(|p| !by_file.contains_key(*p)) {
            if let Some(uri) = path_to_uri(path) {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        for (path, problems) in by_file {
            let Some(uri) = path_to_uri(&path) else { continue };
            let text = self.current_text(&path).unwrap_or_default();
            let index = crate::position::LineIndex::new(&text);
            let lines = Lines { text: &text, index: &index };
            let diagnostics = problems.iter().map(|p| diagnostics::from_problem(p, &lines, encoding)).collect();
            self.client.publish_diagnostics(uri, diagnostics, None).await;
        }
    }

    /// The analysis of the current version of an article, computing it if
    /// the stored one is stale. `None` for unknown or non-article documents
    /// and documents over the size limit.
    pub(crate) fn current_analysis(&self, uri: &Uri) -> Option<(Arc<DocumentAnalysis>, Arc<Snapshot>)> {
        let path = uri_to_path(uri);
        let ws = self.find_workspace(path.as_deref())?;
        let snapshot = ws.snapshot();
        let (text, version) = {
            let doc = self.inner.documents.get(uri)?;
            if doc.role != Role::Article {
                return None;
            }
            if let Some(a) = &doc.analysis
                && a.version == doc.version
                && a.generation == snapshot.generation
            {
                return Some((a.clone(), snapshot));
            }
            if doc.rope.len_bytes() > read(&self.inner.settings).max_file_size() {
                return None;
            }
            (doc.text(), doc.version)
        };
        let article = match &path {
            Some(p) => Article::for_path(p, &text),
            None => Article::new(&text, crate::article::Syntax::Markdown),
        };
        let analysis = snapshot.analyze(path.as_deref(), &article);
        let result = Arc::new(DocumentAnalysis { version, generation: snapshot.generation, article, analysis });
        if let Some(mut doc) = self.inner.documents.get_mut(uri)
            && doc.version == version
        {
            doc.analysis = Some(result.clone());
        }
        Some((result, snapshot))
    }

    /// Analyses an open article and publishes its diagnostics, unless a
    /// newer version arrived meanwhile.
    pub(super) async fn publish_article(&self, uri: &Uri) {
        let too_large = self
            .inner
            .documents
            .get(uri)
            .is_some_and(|d| d.rope.len_bytes() > read(&self.inner.settings).max_file_size());
        if too_large {
            let first_time =
                self.inner.documents.get_mut(uri).is_some_and(|mut d| !std::mem::replace(&mut d.size_warned, true));
            if first_time {
                let limit = read(&self.inner.settings).max_file_size();
                let message = format!(
                    "copydesk: {} is larger than {limit} bytes (maxFileSize); it is not analysed",
                    uri.as_str()
                );
                self.client.show_message(MessageType::WARNING, message).await;
                self.client.publish_diagnostics(uri.clone(), Vec::new(), None).await;
            }
            return;
        }
        let this = self.clone();
        let target = uri.clone();
        let computed = tokio::task::spawn_blocking(move || {
            let version = this.inner.documents.get(&target).map(|d| d.version)?;
            // Guarded like a request: a panic in the analysis of one
            // document costs that document's diagnostics, not the server.
            let analysed = super::guard("analysis", || {
                let (analysis, snapshot) = this.current_analysis(&target)?;
                let mut diags = diagnostics::for_article(&analysis, &snapshot, this.encoding());
                // None while the workspace is indexed: published again
                // when indexing ends.
                let corpus = this.corpus_spelling_diagnostics(&target, &analysis, &snapshot, this.encoding());
                let partial = corpus.is_none();
                diags.extend(corpus.unwrap_or_default());
                let spellings = ArticleSpellings::new(&analysis_spellings(
                    analysis.article.text(),
                    &analysis.analysis,
                    &snapshot.registry,
                ));
                Some((analysis.version, Some(analysis.generation), diags, partial, Some(spellings)))
            });
            analysed.unwrap_or_else(|error| {
                eprintln!("copydesk: {}: {}", target.as_str(), error.message);
                Some((version, None, vec![diagnostics::internal_error(&error.message)], false, None))
            })
        })
        .await
        .ok()
        .flatten();
        let Some((version, generation, diags, partial, spellings)) = computed else { return };
        let _guard = self.inner.publish.lock().await;
        let current = self.inner.documents.get(uri).map(|d| d.version);
        // Nor over a newer registry: a reload (or a workspace that now
        // governs the document) installed a newer snapshot while this ran,
        // and that reload publishes the document again with it, perhaps
        // already has.
        let path = uri_to_path(uri);
        let ws = self.find_workspace(path.as_deref());
        let current_generation = ws.as_ref().map(|ws| ws.snapshot().generation);
        if current == Some(version) && (generation.is_none() || generation == current_generation) {
            // Nor without the corpus spellings once indexing has ended:
            // they are computed again, with them. Marked before indexing is
            // looked at, so either the end of indexing sees the mark and
            // publishes again, or this sees that indexing has ended.
            if let Some(mut doc) = self.inner.documents.get_mut(uri) {
                doc.corpus_pending = partial;
            }
            if partial && ws.as_ref().is_some_and(|ws| !ws.is_indexing()) {
                self.schedule_publish(uri, Duration::ZERO);
                return;
            }
            self.client.publish_diagnostics(uri.clone(), diags, Some(version)).await;
            // Its spellings changed: the other open articles' corpus
            // counts did too.
            let changed = spellings.is_some()
                && self.inner.documents.get_mut(uri).is_some_and(|mut d| {
                    let before = std::mem::replace(&mut d.spellings, spellings.clone());
                    before.is_some() && before != spellings
                });
            if changed && let Some(ws) = ws {
                for (other, _) in self.open_articles_of(&ws).into_iter().filter(|(o, _)| o != uri) {
                    self.schedule_publish(&other, std::time::Duration::ZERO);
                }
            }
        }
    }
}
