//! Finding actors under the cursor and their mentions across the
//! workspace: go to definition and references.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::*;

use crate::config::normalize;
use crate::lexicon::FormKind;
use crate::lsp::cancel::{CHECK_EVERY, Cancel};
use crate::lsp::convert::{Lines, path_to_uri, uri_to_path};
use crate::lsp::document::Role;
use crate::lsp::server::Backend;
use crate::lsp::state::{Snapshot, WorkspaceState, read};
use crate::position::LineIndex;
use crate::registry::ActorIdx;

/// A mention somewhere in the workspace.
pub struct MentionLocation {
    /// The document.
    pub uri: Uri,
    /// Its range in the negotiated encoding.
    pub range: Range,
    /// The text as written.
    pub text: String,
    /// How it relates to the actor.
    pub kind: FormKind,
    /// The open document's version, if open.
    pub version: Option<i32>,
}

/// What is under the cursor.
pub struct ActorAt {
    /// The actor.
    pub actor: ActorIdx,
    /// The registry version it belongs to.
    pub snapshot: Arc<Snapshot>,
    /// The workspace.
    pub workspace: Arc<WorkspaceState>,
    /// The range of the mention or registry entry under the cursor.
    pub range: Range,
}

impl Backend {
    /// The actor mentioned at `position` of an article, or defined at it in a
    /// registry file.
    pub(crate) fn actor_at(&self, uri: &Uri, position: Position) -> Option<ActorAt> {
        let encoding = self.encoding();
        let path = uri_to_path(uri);
        let workspace = self.find_workspace(path.as_deref())?;
        let role = self.inner.documents.get(uri).map(|d| d.role);
        if role == Some(Role::Registry) {
            let snapshot = workspace.snapshot();
            let path = normalize(path.as_deref()?);
            let text = snapshot.registry_texts.get(&path)?.clone();
            let index = LineIndex::new(&text);
            let lines = Lines { text: &text, index: &index };
            if !lines.contains(position) {
                return None;
            }
            let offset = lines.offset(position, encoding);
            let sources = snapshot.registry.sources();
            let actor = (0..sources.len())
                .filter(|&source| normalize(&sources[source].path) == path)
                .find_map(|source| snapshot.registry.actor_at(source, offset))?;
            let span = snapshot.registry.actor(actor).origin.span.clone();
            let range = lines.range(&span, encoding);
            return Some(ActorAt { actor, snapshot, workspace, range });
        }
        let (doc, snapshot) = self.current_analysis(uri)?;
        let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
        if !lines.contains(position) {
            return None;
        }
        let offset = lines.offset(position, encoding);
        let mention = doc.analysis.mentions.iter().find(|m| m.range.start <= offset && offset <= m.range.end)?;
        let range = lines.range(&mention.range, encoding);
        Some(ActorAt { actor: mention.actor?, snapshot, workspace, range })
    }

    /// Every mention of `actor` in the workspace: open documents as they
    /// are in the editor, other articles as last indexed. Stops early (with
    /// part of the list) when `cancel` is raised.
    pub(crate) fn mentions_of(
        &self,
        workspace: &WorkspaceState,
        snapshot: &Snapshot,
        actor: ActorIdx,
        cancel: &Cancel,
    ) -> Vec<MentionLocation> {
        let encoding = self.encoding();
        let id = &snapshot.registry.actor(actor).id;
        let mut out = Vec::new();
        let mut open: HashSet<PathBuf> = HashSet::new();
        for (uri, path) in self.open_articles_in(workspace) {
            if cancel.is_cancelled() {
                return out;
            }
            open.insert(path);
            let Some((doc, snap)) = self.current_analysis(&uri) else { continue };
            let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
            for m in &doc.analysis.mentions {
                if m.actor.is_some_and(|a| &snap.registry.actor(a).id == id) {
                    out.push(MentionLocation {
                        uri: uri.clone(),
                        range: lines.range(&m.range, encoding),
                        text: doc.article.text()[m.range.clone()].to_string(),
                        kind: m.kind,
                        version: Some(doc.version),
                    });
                }
            }
        }
        let index = read(&workspace.index);
        let mut paths: Vec<&PathBuf> = index.keys().filter(|p| !open.contains(*p)).collect();
        paths.sort();
        for (n, path) in paths.into_iter().enumerate() {
            if n % CHECK_EVERY == 0 && cancel.is_cancelled() {
                break;
            }
            let file = &index[path];
            if file.generation != snapshot.generation {
                continue;
            }
            let Some(uri) = path_to_uri(path) else { continue };
            for m in file.mentions.iter().filter(|m| m.actor == actor) {
                out.push(MentionLocation {
                    uri: uri.clone(),
                    range: m.range_in(encoding),
                    text: m.text.clone(),
                    kind: m.kind,
                    version: None,
                });
            }
        }
        out
    }

    /// How many mentions of `actor` the workspace has, and in how many
    /// articles: the cached index counts, corrected for the open documents.
    pub(crate) fn mention_counts(
        &self,
        workspace: &WorkspaceState,
        snapshot: &Snapshot,
        actor: ActorIdx,
    ) -> (usize, usize) {
        let counts = workspace.indexed_counts(snapshot.generation);
        let (mut mentions, mut articles) = counts.get(&actor).copied().unwrap_or_default();
        for (uri, path) in self.open_articles_in(workspace) {
            let on_disk = read(&workspace.index)
                .get(&path)
                .filter(|f| f.generation == snapshot.generation)
                .map_or(0, |f| f.mentions.iter().filter(|m| m.actor == actor).count());
            // Saturating: the indexer may have added this file after the
            // counts were taken (hover runs while the workspace is indexed).
            if on_disk > 0 {
                mentions = mentions.saturating_sub(on_disk);
                articles = articles.saturating_sub(1);
            }
            let Some((doc, snap)) = self.current_analysis(&uri) else { continue };
            let id = &snapshot.registry.actor(actor).id;
            let live = doc
                .analysis
                .mentions
                .iter()
                .filter(|m| m.actor.is_some_and(|a| &snap.registry.actor(a).id == id))
                .count();
            if live > 0 {
                mentions += live;
                articles += 1;
            }
        }
        (mentions, articles)
    }

    /// The open articles of `workspace`, with their normalised paths.
    fn open_articles_in(&self, workspace: &WorkspaceState) -> Vec<(Uri, PathBuf)> {
        let uris: Vec<Uri> =
            self.inner.documents.iter().filter(|d| d.role == Role::Article).map(|d| d.key().clone()).collect();
        uris.into_iter()
            .filter_map(|uri| {
                let path = normalize(&uri_to_path(&uri)?);
                path.starts_with(&workspace.root).then_some((uri, path))
            })
            .collect()
    }

    /// The location of `actor`'s `[[actor]]` entry.
    pub(crate) fn definition_of(&self, snapshot: &Snapshot, actor: ActorIdx) -> Option<Location> {
        let (path, text, index) = snapshot.actor_source_lines(actor)?;
        let lines = Lines { text, index: &index };
        let span = &snapshot.registry.actor(actor).origin.span;
        // Land on the `[[actor]]` header line, not the whole entry.
        let header_end = text[span.clone()].find('\n').map_or(span.end, |i| span.start + i);
        Some(Location { uri: path_to_uri(path)?, range: lines.range(&(span.start..header_end), self.encoding()) })
    }

    pub(crate) fn goto_definition_at(&self, uri: &Uri, position: Position) -> Option<GotoDefinitionResponse> {
        // On a mention: the actor's registry entry. Elsewhere in a
        // quotation: where its speaker is named.
        match self.actor_at(uri, position) {
            Some(at) => self.definition_of(&at.snapshot, at.actor).map(GotoDefinitionResponse::Scalar),
            None => self.speaker_location(uri, position).map(GotoDefinitionResponse::Scalar),
        }
    }

    pub(crate) fn references_at(
        &self,
        uri: &Uri,
        position: Position,
        include_declaration: bool,
        cancel: &Cancel,
    ) -> Option<Vec<Location>> {
        let at = self.actor_at(uri, position)?;
        let mut locations: Vec<Location> = self
            .mentions_of(&at.workspace, &at.snapshot, at.actor, cancel)
            .into_iter()
            .map(|m| Location { uri: m.uri, range: m.range })
            .collect();
        if include_declaration && let Some(def) = self.definition_of(&at.snapshot, at.actor) {
            locations.insert(0, def);
        }
        Some(locations)
    }
}
