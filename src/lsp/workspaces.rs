//! Which workspace a document belongs to. Every `copydesk.toml` under an
//! editor folder makes a workspace of its folder, which governs its
//! subtree down to the next one; a document is analysed with the workspace
//! of the longest root above it, and one under no configuration with its
//! editor folder's workspace (the defaults). Folders added and removed by
//! the client, and configurations created or deleted on disk, add and
//! remove workspaces.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{FileChangeType, WorkspaceFoldersChangeEvent};

use super::convert::uri_to_path;
use super::server::Backend;
use super::state::{WorkspaceState, read, write};
use crate::config::{CONFIG_FILE, Config, normalize};

/// The workspace of an editor folder: its own `copydesk.toml`, or the
/// defaults.
pub(super) fn folder_workspace(root: &Path) -> WorkspaceState {
    WorkspaceState::new(root.to_path_buf(), Some(root.join(CONFIG_FILE)).filter(|p| p.is_file()))
}

impl Backend {
    /// The workspace a file belongs to: the open folder with the longest
    /// matching root, else a workspace made for it (the folder of the
    /// nearest `copydesk.toml`, or the file's own folder).
    pub(super) async fn workspace_for(&self, path: Option<&Path>) -> Arc<WorkspaceState> {
        let (ws, fresh) = self.workspace_or_new(path);
        if fresh {
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
        let (root, config_path) = match path.as_deref().and_then(Config::discover) {
            Some(config) => (config.parent().map(Path::to_path_buf).unwrap_or_default(), Some(config)),
            None => (path.as_deref().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default(), None),
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

    /// The editor folder `root` is in (the longest), else `root` itself:
    /// what relative paths in the user's settings start from.
    pub(super) fn editor_folder_of(&self, root: &Path) -> PathBuf {
        read(&self.inner.workspace_roots)
            .iter()
            .filter(|r| root.starts_with(r))
            .max_by_key(|r| r.as_os_str().len())
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
    /// workspaces (and their diagnostics) with them; added ones become
    /// workspaces at once (so a document opened next joins them), and are
    /// searched for configurations and loaded in the background.
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
            workspaces.retain(|w| {
                let drop = removed.iter().any(|r| w.root.starts_with(r)) && !kept.iter().any(|r| w.root.starts_with(r));
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
        for root in &added {
            if !read(&self.inner.workspaces).iter().any(|w| &w.root == root) {
                fresh.push(self.set_workspace(root, folder_workspace(root).config_path.clone()));
            }
        }
        let this = self.clone();
        tokio::spawn(async move {
            for ws in gone {
                this.publish_file_problems(&ws, Vec::new()).await;
            }
            fresh.extend(this.add_nested_workspaces(added).await);
            for ws in fresh {
                this.reload(&ws).await;
            }
        });
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
        let is_editor_folder = read(&self.inner.workspace_roots).iter().any(|r| r == folder);
        match (current, exists) {
            (Some(ws), true) if ws.config_path.is_some() => vec![ws],
            (None | Some(_), true) => {
                let ws = self.set_workspace(folder, Some(path.to_path_buf()));
                vec![Some(ws), before].into_iter().flatten().collect()
            }
            (Some(_), false) if is_editor_folder => vec![self.set_workspace(folder, None)],
            (Some(ws), false) => {
                write(&self.inner.workspaces).retain(|w| !Arc::ptr_eq(w, &ws));
                self.find_workspace(Some(path)).into_iter().collect()
            }
            (None, false) => before.into_iter().collect(),
        }
    }
}
