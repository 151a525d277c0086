//! Indexing a workspace's articles in the background and keeping the index
//! current as the client reports files changed on disk (a child of
//! [`super`], so it shares the server's private state).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tower_lsp_server::ls_types::*;

use super::Backend;
use crate::article::Article;
use crate::config::{CONFIG_FILE, normalize};
use crate::lsp::convert::uri_to_path;
use crate::lsp::state::{WorkspaceState, read};

impl Backend {
    /// Indexes every article of `ws` on disk, reporting progress.
    pub(in crate::lsp) fn spawn_index(&self, ws: Arc<WorkspaceState>) {
        // Counted before the task starts, so a request right after the
        // reload already sees the index as partial.
        ws.indexing.fetch_add(1, Ordering::SeqCst);
        let this = self.clone();
        let done = IndexingDone(ws.clone());
        tokio::spawn(async move { this.index_workspace(ws, done).await });
    }

    async fn index_workspace(&self, ws: Arc<WorkspaceState>, running: IndexingDone) {
        let snapshot = ws.snapshot();
        let root = ws.root.clone();
        let config = snapshot.config.clone();
        let files = tokio::task::spawn_blocking(move || crate::workspace::collect_articles(&config, &[root]).0)
            .await
            .unwrap_or_default();
        let progress = if read(&self.inner.flags).progress && !files.is_empty() {
            static TOKENS: AtomicU64 = AtomicU64::new(1);
            let token = ProgressToken::String(format!("copydesk-index-{}", TOKENS.fetch_add(1, Ordering::SeqCst)));
            match self.client.create_work_done_progress(token.clone()).await {
                Ok(()) => Some(
                    self.client
                        .progress(token, "copydesk: indexing articles")
                        .with_percentage(0)
                        .with_message(format!("0/{} articles", files.len()))
                        .begin()
                        .await,
                ),
                Err(_) => None,
            }
        } else {
            None
        };
        let total = files.len();
        let mut done = 0;
        for chunk in files.chunks(256) {
            if self.inner.shut_down.load(Ordering::SeqCst) || ws.snapshot().generation != snapshot.generation {
                break;
            }
            let chunk_len = chunk.len();
            let chunk = chunk.to_vec();
            let snap = snapshot.clone();
            let indexed = tokio::task::spawn_blocking(move || {
                use rayon::prelude::*;
                chunk
                    .par_iter()
                    .filter_map(|path| {
                        let text = std::fs::read_to_string(path).ok()?;
                        let article = Article::for_path(path, &text);
                        Some((normalize(path), snap.index(Some(path), &article)))
                    })
                    .collect::<Vec<_>>()
            })
            .await
            .unwrap_or_default();
            ws.index_files(indexed);
            done += chunk_len;
            if let Some(p) = &progress {
                p.report_with_message(format!("{done}/{total} articles"), (done * 100 / total.max(1)) as u32).await;
            }
        }
        ws.retain_generation(snapshot.generation);
        if let Some(p) = progress {
            let actors = snapshot.registry.len();
            p.finish_with_message(format!("{total} articles, {actors} actors")).await;
        }
        // Counts are whole from here on; the client asks again for the
        // lenses it was refused while they were partial.
        drop(running);
        if read(&self.inner.flags).code_lens_refresh {
            let _ = self.client.code_lens_refresh().await;
        }
        // So are the corpus spellings, which some open articles were
        // published without.
        if !ws.is_indexing() {
            let pending: Vec<Uri> =
                self.inner.documents.iter().filter(|d| d.corpus_pending).map(|d| d.key().clone()).collect();
            for uri in pending {
                if uri_to_path(&uri).is_none_or(|p| self.governs(&ws, &normalize(&p))) {
                    self.publish_article(&uri).await;
                }
            }
        }
    }

    /// Files changed on disk (not open in the editor).
    pub(in crate::lsp) async fn watched(&self, changes: Vec<FileEvent>) {
        // Off the main loop (a checkout can change thousands of articles),
        // one batch at a time in the order the client sent them.
        let _in_order = self.inner.watch_lock.lock().await;
        let this = self.clone();
        let reload = match tokio::task::spawn_blocking(move || this.apply_watched(changes)).await {
            Ok(reload) => reload,
            Err(e) => {
                eprintln!("copydesk: re-indexing changed files failed: {e}");
                return;
            }
        };
        for ws in reload {
            self.reload(&ws).await;
        }
        self.republish_odd_spellings();
    }

    /// Re-indexes changed articles and returns the workspaces whose
    /// configuration or registry changed.
    fn apply_watched(&self, changes: Vec<FileEvent>) -> Vec<Arc<WorkspaceState>> {
        let mut reload: Vec<Arc<WorkspaceState>> = Vec::new();
        for change in changes {
            let Some(path) = uri_to_path(&change.uri).map(|p| normalize(&p)) else { continue };
            if self.inner.documents.contains_key(&change.uri) {
                continue;
            }
            if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
                for ws in self.config_changed(&path, change.typ) {
                    if !reload.iter().any(|w| Arc::ptr_eq(w, &ws)) {
                        reload.push(ws);
                    }
                }
                continue;
            }
            let Some(ws) = self.find_workspace(Some(&path)) else { continue };
            if ws.is_registry_file(&path) {
                if !reload.iter().any(|w| Arc::ptr_eq(w, &ws)) {
                    reload.push(ws);
                }
            } else if change.typ == FileChangeType::DELETED {
                ws.unindex(&path);
            } else if ws.snapshot().config.is_article(&path) {
                let snapshot = ws.snapshot();
                if let Ok(text) = std::fs::read_to_string(&path) {
                    let article = Article::for_path(&path, &text);
                    ws.index_files([(path.clone(), snapshot.index(Some(&path), &article))]);
                }
            }
        }
        reload
    }
}

/// Ends an index run's count when dropped, however the run ends (a panic
/// must not leave code lenses waiting for ever).
pub(super) struct IndexingDone(Arc<WorkspaceState>);

impl Drop for IndexingDone {
    fn drop(&mut self) {
        self.0.indexing.fetch_sub(1, Ordering::SeqCst);
    }
}
