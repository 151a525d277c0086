//! Which workspace a document belongs to. An editor folder (or the folder
//! of a file opened alone) belongs to the nearest `copydesk.toml` at or
//! above it, found as `check` finds it ([`Governors::of_folder`]): that
//! configuration's folder is the workspace, indexed whole, even when it is
//! above the folder the editor opened. Every `copydesk.toml` below makes
//! a workspace of its folder too, which governs its subtree down to the
//! next one; a document is analysed with the workspace of the longest root
//! above it, and one under no configuration with its editor folder's
//! workspace (the defaults). Folders added and removed by the client, and
//! configurations created or deleted on disk, add and remove workspaces.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{FileChangeType, WorkspaceFoldersChangeEvent};

use super::convert::uri_to_path;
use super::server::Backend;
use super::state::{WorkspaceState, read, write};
use crate::config::{CONFIG_FILE, normalize};
use crate::workspace::Governors;

/// The files the server asks the client to watch, besides `copydesk.toml`:
/// registries and articles.
pub(super) const WATCHED: &str = "**/*.{toml,jsonl,ndjson,md,markdown,txt,article}";

/// The root and configuration of the workspace `folder` belongs to: the
/// folder of the nearest `copydesk.toml` at or above it (the one `check`
/// run in `folder` uses) and that file, else `folder` with the defaults.
pub(super) fn governor_of(folder: &Path) -> (PathBuf, Option<PathBuf>) {
    match Governors::default().of_folder(folder) {
        Some(config) => (config.parent().unwrap_or(folder).to_path_buf(), Some(config)),
        None => (normalize(folder), None),
    }
}

/// The workspaces of the editor folders `roots`, before loading: one per
/// governing configuration (two folders under one `copydesk.toml` share
/// its workspace), one with the defaults per folder no configuration
/// governs.
pub(super) fn folder_workspaces(roots: &[PathBuf]) -> Vec<Arc<WorkspaceState>> {
    let mut workspaces: Vec<Arc<WorkspaceState>> = Vec::new();
    for (root, config) in roots.iter().map(|r| governor_of(r)) {
        if !workspaces.iter().any(|w| w.root == root) {
            workspaces.push(Arc::new(WorkspaceState::new(root, config)));
        }
    }
    workspaces
}

impl Backend {
    /// The workspace a file belongs to: the open folder with the longest
    /// matching root, else a workspace made for it (the folder of the
    /// nearest `copydesk.toml`, or the file's own folder).
    pub(super) async fn workspace_for(&self, path: Option<&Path>) -> Arc<WorkspaceState> {
        let (ws, fresh) = self.workspace_or_new(path);
        if fresh {
            self.watch_new(&ws);
            self.reload(&ws).await;
        }
        ws
    }

    /// [`Backend::workspace_for`] without loading: the workspace, and
    /// whether it was just made (and still needs its first load). A
    /// `copydesk.toml` makes its folder a workspace if it is not one yet.
    pub(super) fn workspace_or_new(&self, path: Option<&Path>) -> (Arc<WorkspaceState>, bool) {
        let path = path.map(normalize);
        if let Some(config) = path.as_deref().filter(|p| p.file_name().is_some_and(|n| n == CONFIG_FILE))
            && config.is_file()
            && let Some(folder) = config.parent()
            && !read(&self.inner.workspaces).iter().any(|w| w.root == folder && w.config_path.is_some())
        {
            return (self.set_workspace(folder, Some(config.to_path_buf())), true);
        }
        if let Some(ws) = self.find_workspace(path.as_deref()) {
            return (ws, false);
        }
        let (root, config_path) = match path.as_deref().and_then(Path::parent) {
            Some(folder) => governor_of(folder),
            None => (PathBuf::new(), None),
        };
        let mut workspaces = write(&self.inner.workspaces);
        let root = normalize(&root);
        if let Some(existing) = workspaces.iter().find(|w| w.root == root) {
            return (existing.clone(), false);
        }
        let ws = Arc::new(WorkspaceState::new(root, config_path));
        workspaces.push(ws.clone());
        (ws, true)
    }

    /// The workspace that governs `path`: the one with the longest root
    /// above it.
    pub(crate) fn find_workspace(&self, path: Option<&Path>) -> Option<Arc<WorkspaceState>> {
        let workspaces = read(&self.inner.workspaces);
        match path {
            Some(path) => workspaces
                .iter()
                .filter(|w| path.starts_with(&w.root))
                .max_by_key(|w| w.root.as_os_str().len())
                .cloned(),
            None => workspaces.first().cloned(),
        }
    }

    /// Whether `ws` is the workspace that governs `path` (normalised).
    pub(super) fn governs(&self, ws: &WorkspaceState, path: &Path) -> bool {
        self.find_workspace(Some(path)).is_some_and(|w| w.root == ws.root)
    }

    /// The editor folder `root` is in (the longest), else the first one in
    /// `root` (a workspace whose configuration is above the opened
    /// folder), else `root` itself: what relative paths in the user's
    /// settings start from.
    pub(super) fn editor_folder_of(&self, root: &Path) -> PathBuf {
        let roots = read(&self.inner.workspace_roots);
        roots
            .iter()
            .filter(|r| root.starts_with(r))
            .max_by_key(|r| r.as_os_str().len())
            .or_else(|| roots.iter().find(|r| r.starts_with(root)))
            .cloned()
            .unwrap_or_else(|| root.to_path_buf())
    }

    /// Installs a fresh workspace for `root` with `config` (replacing one
    /// with that root, whose configuration file appeared or went away).
    fn set_workspace(&self, root: &Path, config: Option<PathBuf>) -> Arc<WorkspaceState> {
        let ws = Arc::new(WorkspaceState::new(root.to_path_buf(), config));
        let mut workspaces = write(&self.inner.workspaces);
        workspaces.retain(|w| w.root != root);
        workspaces.push(ws.clone());
        ws
    }

    /// Finds every `copydesk.toml` below `folders` (a walk, off the main
    /// loop) and makes a workspace of each one's folder that is not one
    /// yet. Returns the new workspaces, not loaded.
    pub(super) async fn add_nested_workspaces(&self, folders: Vec<PathBuf>) -> Vec<Arc<WorkspaceState>> {
        let found = tokio::task::spawn_blocking(move || {
            folders.iter().flat_map(|f| crate::workspace::configs_under(f)).map(|c| normalize(&c)).collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        let mut added = Vec::new();
        for config in found {
            let Some(folder) = config.parent() else { continue };
            if read(&self.inner.workspaces).iter().any(|w| w.root == folder && w.config_path.is_some()) {
                continue;
            }
            added.push(self.set_workspace(folder, Some(config.clone())));
        }
        added
    }

    /// `workspace/didChangeWorkspaceFolders`: removed folders take their
    /// workspaces (and their diagnostics) with them, the ones below them
    /// and the one governing them from above, unless a kept folder still
    /// needs it; added ones become workspaces at once (so a document
    /// opened next joins them), and are searched for configurations and
    /// loaded in the background.
    pub(super) fn folders_changed(&self, event: WorkspaceFoldersChangeEvent) {
        let removed: Vec<PathBuf> =
            event.removed.iter().filter_map(|f| uri_to_path(&f.uri)).map(|p| normalize(&p)).collect();
        let added: Vec<PathBuf> =
            event.added.iter().filter_map(|f| uri_to_path(&f.uri)).map(|p| normalize(&p)).collect();
        let mut gone = Vec::new();
        {
            let mut roots = write(&self.inner.workspace_roots);
            roots.retain(|r| !removed.contains(r));
            let kept = roots.clone();
            let mut workspaces = write(&self.inner.workspaces);
            let owners = |folders: &[PathBuf]| -> Vec<PathBuf> {
                let owner = |f: &PathBuf| {
                    workspaces.iter().filter(|w| f.starts_with(&w.root)).max_by_key(|w| w.root.as_os_str().len())
                };
                folders.iter().filter_map(owner).map(|w| w.root.clone()).collect()
            };
            let (removed_owners, kept_owners) = (owners(&removed), owners(&kept));
            let needed = |w: &WorkspaceState, folders: &[PathBuf], owners: &[PathBuf]| {
                owners.contains(&w.root) || folders.iter().any(|r| w.root.starts_with(r))
            };
            workspaces.retain(|w| {
                let drop = needed(w, &removed, &removed_owners) && !needed(w, &kept, &kept_owners);
                if drop {
                    gone.push(w.clone());
                }
                !drop
            });
            for root in &added {
                if !roots.contains(root) {
                    roots.push(root.clone());
                }
            }
        }
        let mut fresh = Vec::new();
        let mut governing: Vec<PathBuf> = Vec::new();
        for folder in &added {
            let (root, config) = governor_of(folder);
            if !read(&self.inner.workspaces).iter().any(|w| w.root == root) {
                fresh.push(self.set_workspace(&root, config));
            }
            if !governing.contains(&root) {
                governing.push(root);
            }
        }
        let this = self.clone();
        tokio::spawn(async move {
            for ws in gone {
                this.publish_file_problems(&ws, Vec::new()).await;
            }
            this.watch_above(&fresh).await;
            fresh.extend(this.add_nested_workspaces(governing).await);
            for ws in fresh {
                this.reload(&ws).await;
            }
        });
    }

    /// [`Backend::watch_above`] for a workspace made for a document, in the
    /// background (a notification handler does not wait for the client).
    pub(super) fn watch_new(&self, ws: &Arc<WorkspaceState>) {
        let (this, ws) = (self.clone(), ws.clone());
        tokio::spawn(async move { this.watch_above(&[ws]).await });
    }

    /// Asks the client to watch the folders of `workspaces` that are above
    /// every editor folder (a configuration above the opened folder, its
    /// registry and articles), which clients do not watch for a plain glob:
    /// one relative pattern per folder, if the client supports them.
    pub(super) async fn watch_above(&self, workspaces: &[Arc<WorkspaceState>]) {
        let flags = *read(&self.inner.flags);
        if !(flags.watch_dynamic && flags.relative_patterns) {
            return;
        }
        let above: Vec<PathBuf> = {
            let roots = read(&self.inner.workspace_roots);
            let mut watched = write(&self.inner.watched_above);
            let mut above = Vec::new();
            // Shallowest first: one pattern covers the workspaces below its folder.
            let mut candidates: Vec<&PathBuf> = workspaces
                .iter()
                .filter(|w| w.config_path.is_some() && !roots.iter().any(|r| w.root.starts_with(r)))
                .map(|w| &w.root)
                .collect();
            candidates.sort_by_key(|r| r.components().count());
            for root in candidates {
                if !watched.iter().any(|w| root.starts_with(w)) {
                    watched.push(root.clone());
                    above.push(root.clone());
                }
            }
            above
        };
        let watchers: Vec<serde_json::Value> = above
            .iter()
            .filter_map(|root| super::convert::path_to_uri(root))
            .map(|uri| serde_json::json!({"globPattern": {"baseUri": uri.as_str(), "pattern": WATCHED}}))
            .collect();
        if watchers.is_empty() {
            return;
        }
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let registration = tower_lsp_server::ls_types::Registration {
            id: format!("copydesk-watch-above-{}", IDS.fetch_add(1, std::sync::atomic::Ordering::SeqCst)),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: Some(serde_json::json!({ "watchers": watchers })),
        };
        let _ = self.client.register_capability(vec![registration]).await;
    }

    /// A `copydesk.toml` changed on disk: the workspaces to reload. One
    /// that appears makes its folder a workspace (and the workspace that
    /// governed the folder before is re-indexed without it); one that goes
    /// away hands its folder back to the workspace above.
    pub(super) fn config_changed(&self, path: &Path, change: FileChangeType) -> Vec<Arc<WorkspaceState>> {
        let Some(folder) = path.parent() else { return Vec::new() };
        let before = self.find_workspace(Some(path));
        let exists = change != FileChangeType::DELETED && path.is_file();
        let current = read(&self.inner.workspaces).iter().find(|w| w.root == folder).cloned();
        match (current, exists) {
            (Some(ws), true) if ws.config_path.is_some() => vec![ws],
            (None | Some(_), true) => {
                let ws = self.set_workspace(folder, Some(path.to_path_buf()));
                vec![Some(ws), before].into_iter().flatten().collect()
            }
            (Some(ws), false) => {
                write(&self.inner.workspaces).retain(|w| !Arc::ptr_eq(w, &ws));
                let mut reload: Vec<_> = self.find_workspace(Some(path)).into_iter().collect();
                // Editor folders it governed and nothing governs now: the
                // next configuration above, or the defaults.
                let orphans: Vec<PathBuf> = read(&self.inner.workspace_roots)
                    .iter()
                    .filter(|r| r.starts_with(folder) && self.find_workspace(Some(r)).is_none())
                    .cloned()
                    .collect();
                for orphan in orphans {
                    let (root, config) = governor_of(&orphan);
                    if self.find_workspace(Some(&orphan)).is_none() {
                        reload.push(self.set_workspace(&root, config));
                    }
                }
                reload
            }
            (None, false) => before.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editor_folder_belongs_to_the_nearest_configuration_at_or_above_it() {
        let dir = tempfile::tempdir().unwrap();
        let top = normalize(dir.path());
        for folder in ["desk/articles/2026", "desk/wire/copydesk.toml", "bare/sub"] {
            std::fs::create_dir_all(top.join(folder)).unwrap();
        }
        std::fs::write(top.join("desk").join(CONFIG_FILE), "").unwrap();
        let desk = (top.join("desk"), Some(top.join("desk").join(CONFIG_FILE)));
        assert_eq!(governor_of(&top.join("desk/articles/2026")), desk);
        assert_eq!(governor_of(&top.join("desk/articles/../articles")), desk);
        assert_eq!(governor_of(&top.join("desk")), desk);
        // A folder named copydesk.toml is not a configuration.
        assert_eq!(governor_of(&top.join("desk/wire/copydesk.toml")), desk);
        assert_eq!(governor_of(&top.join("bare/sub")), (top.join("bare/sub"), None));

        // Two folders under one configuration share its workspace; a folder
        // with none keeps its own, with the defaults.
        let roots = [top.join("desk/articles"), top.join("desk/articles/2026"), top.join("bare")];
        let found: Vec<(PathBuf, Option<PathBuf>)> =
            folder_workspaces(&roots).iter().map(|w| (w.root.clone(), w.config_path.clone())).collect();
        assert_eq!(found, [desk, (top.join("bare"), None)]);
    }
}
