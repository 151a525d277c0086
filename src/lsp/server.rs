//! The server's state and everything that changes it: initialisation,
//! document synchronisation, workspace (re)loading; background indexing and
//! files changed on disk are in [`indexing`], publishing diagnostics in
//! [`super::publish`].
//!
//! Ordering: edits are applied synchronously, before the handler first
//! awaits, so they take effect in the order the client sent them (and a
//! document is stored before its workspace is loaded). Analyses may finish
//! in any order; a result is published only while its document version and
//! its workspace's registry generation are still current, under one lock,
//! so stale diagnostics are never published over newer text or a newer
//! registry.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use dashmap::DashMap;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::*;

use super::convert::{Encoding, path_to_uri, uri_to_path};
use super::document::{Document, Role};
use super::publish::DEBOUNCE;
use super::state::{Snapshot, UserSettings, WorkspaceState, read, write};
use super::workspaces::{WATCHED, folder_workspaces};

mod indexing;
use crate::compiled::LexiconCache;
use crate::config::{CONFIG_FILE, Config, normalize};
use crate::problem::{FileProblem, ProblemLevel};

/// The language server: shared state behind an `Arc`, cheap to clone into
/// background tasks.
#[derive(Clone)]
pub struct Backend {
    pub(super) client: Client,
    pub(super) inner: Arc<Inner>,
}

/// A snapshot installed with a patched lexicon, to be replaced by the
/// whole one ([`Backend::spawn_rebuild`]).
pub(super) struct Patched {
    generation: u64,
    registry: Arc<crate::registry::Registry>,
    lexicon: Arc<crate::lexicon::Lexicon>,
    warnings: Vec<FileProblem>,
    files: Vec<(PathBuf, Arc<str>)>,
}

/// How long after a patched reload the whole lexicon is built: the
/// diagnostics of the edit go first, and a burst of saves builds once.
const REBUILD_DELAY: std::time::Duration = std::time::Duration::from_secs(1);

/// Client capabilities the server adapts to.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ClientFlags {
    pub progress: bool,
    pub watch_dynamic: bool,
    pub document_changes: bool,
    pub create_files: bool,
    pub code_lens_refresh: bool,
    pub relative_patterns: bool,
}

pub(super) struct Inner {
    pub encoding: RwLock<Encoding>,
    pub settings: RwLock<UserSettings>,
    pub flags: RwLock<ClientFlags>,
    pub workspace_roots: RwLock<Vec<PathBuf>>,
    pub workspaces: RwLock<Vec<Arc<WorkspaceState>>>,
    pub documents: DashMap<Uri, Document>,
    pub publish: tokio::sync::Mutex<()>,
    pub generation: AtomicU64,
    pub shut_down: AtomicBool,
    /// Where the first load of the workspaces is (see [`Loading`]).
    pub loading: tokio::sync::watch::Sender<Loading>,
    /// Held while a batch of watched-file changes is applied.
    pub watch_lock: tokio::sync::Mutex<()>,
    /// Folders above the editor's the client was asked to watch.
    pub watched_above: RwLock<Vec<PathBuf>>,
}

/// The first load of the workspace folders, started by `initialized`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Loading {
    /// `initialized` has not arrived.
    NotStarted,
    /// Loading registries.
    InProgress,
    /// Done (or failed): requests and publishing go ahead.
    Done,
}

/// Sets [`Loading::Done`] when dropped, so that a load that panics does
/// not leave every request waiting.
struct DoneWhenDropped<'a>(&'a tokio::sync::watch::Sender<Loading>);

impl Drop for DoneWhenDropped<'_> {
    fn drop(&mut self) {
        self.0.send_replace(Loading::Done);
    }
}

impl Backend {
    /// A server talking to `client`.
    pub fn new(client: Client) -> Backend {
        let inner = Inner {
            encoding: RwLock::new(Encoding::Utf16),
            settings: RwLock::new(UserSettings::default()),
            flags: RwLock::new(ClientFlags::default()),
            workspace_roots: RwLock::new(Vec::new()),
            workspaces: RwLock::new(Vec::new()),
            documents: DashMap::new(),
            publish: tokio::sync::Mutex::new(()),
            generation: AtomicU64::new(1),
            shut_down: AtomicBool::new(false),
            loading: tokio::sync::watch::Sender::new(Loading::NotStarted),
            watch_lock: tokio::sync::Mutex::new(()),
            watched_above: RwLock::new(Vec::new()),
        };
        Backend { client, inner: Arc::new(inner) }
    }

    pub(super) fn encoding(&self) -> Encoding {
        *read(&self.inner.encoding)
    }

    /// Records what the client can do and which folders it opened.
    pub(super) fn configure(&self, params: &InitializeParams) -> Encoding {
        let general = params.capabilities.general.as_ref();
        let encoding = Encoding::negotiate(general.and_then(|g| g.position_encodings.as_deref()));
        *write(&self.inner.encoding) = encoding;
        let window = params.capabilities.window.as_ref();
        let workspace = params.capabilities.workspace.as_ref();
        let edit = workspace.and_then(|w| w.workspace_edit.as_ref());
        *write(&self.inner.flags) = ClientFlags {
            progress: window.and_then(|w| w.work_done_progress).unwrap_or(false),
            watch_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            relative_patterns: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.relative_pattern_support)
                .unwrap_or(false),
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create_files: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            code_lens_refresh: workspace
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
        };
        if let Some(options) = &params.initialization_options {
            match UserSettings::from_json(options) {
                Ok(settings) => *write(&self.inner.settings) = settings,
                Err(e) => eprintln!("copydesk: {e}"),
            }
        }
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri_to_path(&f.uri))
            .map(|p| normalize(&p))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(uri_to_path)
        {
            roots.push(normalize(&root));
        }
        // Workspaces exist from `initialize` on, so a document opened before
        // loading finishes joins its folder's workspace instead of making a
        // second one; loading (and finding the configurations below each
        // folder, a walk) waits for `initialized`.
        *write(&self.inner.workspaces) = folder_workspaces(&roots);
        *write(&self.inner.workspace_roots) = roots;
        encoding
    }

    /// Loads every workspace folder, then indexes them in the background.
    /// Loads every workspace folder in the background (see
    /// [`Backend::start`]); requests wait for it from now on.
    pub(super) fn start_in_background(&self) {
        // Before spawning, so that a request right behind `initialized`
        // waits for the load instead of answering from an empty registry.
        self.inner.loading.send_replace(Loading::InProgress);
        let this = self.clone();
        tokio::spawn(async move { this.start().await });
    }

    async fn start(&self) {
        self.inner.loading.send_replace(Loading::InProgress);
        {
            let _done = DoneWhenDropped(&self.inner.loading);
            // Below each workspace's root, which may be above its folder.
            let roots = read(&self.inner.workspaces).iter().map(|w| w.root.clone()).collect();
            self.add_nested_workspaces(roots).await;
            let workspaces = read(&self.inner.workspaces).clone();
            for ws in workspaces {
                self.reload(&ws).await;
            }
        }
        self.register_watchers().await;
        let workspaces = read(&self.inner.workspaces).clone();
        self.watch_above(&workspaces).await;
    }

    /// Waits while the first load is in progress, so that requests and
    /// diagnostics after `initialized` see the workspace's registry.
    pub(super) async fn loaded(&self) {
        let mut state = self.inner.loading.subscribe();
        let _ = state.wait_for(|s| *s != Loading::InProgress).await;
    }

    async fn register_watchers(&self) {
        if !read(&self.inner.flags).watch_dynamic {
            return;
        }
        let watchers = serde_json::json!({
            "watchers": [
                {"globPattern": "**/copydesk.toml"},
                {"globPattern": WATCHED}
            ]
        });
        let registration = Registration {
            id: "copydesk-watch".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: Some(watchers),
        };
        let _ = self.client.register_capability(vec![registration]).await;
    }

    /// The text of `path`: the open buffer if the editor has it, else disk.
    pub(super) fn current_text(&self, path: &Path) -> std::io::Result<String> {
        if let Some(uri) = path_to_uri(path)
            && let Some(doc) = self.inner.documents.get(&uri)
        {
            return Ok(doc.text());
        }
        std::fs::read_to_string(path)
    }

    /// Re-reads the configuration and registry of `ws` (open buffers win
    /// over disk), publishes their problems, and on success installs a new
    /// snapshot, re-analyses open articles and re-indexes the folder. On
    /// errors the last good registry stays in effect.
    pub(super) async fn reload(&self, ws: &Arc<WorkspaceState>) {
        let _one_at_a_time = ws.reload_lock.lock().await;
        // Off the main loop: parsing a registry and building its lexicon
        // takes seconds at 100k actors, and may panic on a bug.
        let this = self.clone();
        let target = ws.clone();
        let loaded = tokio::task::spawn_blocking(move || this.load_snapshot(&target)).await;
        let (problems, patched) = match loaded {
            Ok(Ok((warnings, patched))) => {
                self.refresh_roles(ws);
                // Indexing first, so that the articles published now know
                // their corpus counts are partial.
                self.spawn_index(ws.clone());
                self.reanalyze_open(ws).await;
                (warnings, patched)
            }
            Ok(Err(problems)) => (problems, None),
            Err(e) => {
                eprintln!("copydesk: loading the workspace {} failed: {e}", ws.root.display());
                return;
            }
        };
        self.publish_file_problems(ws, problems).await;
        // After the diagnostics: the whole build takes both cores for seconds.
        if let Some(patched) = patched {
            self.spawn_rebuild(ws.clone(), patched);
        }
    }

    /// Loads the workspace's configuration and registry into a new
    /// snapshot: its warnings, and when its lexicon reuses the last good
    /// one's automaton (an edit of a large registry), what
    /// [`Backend::spawn_rebuild`] needs to replace it with a whole one.
    fn load_snapshot(&self, ws: &WorkspaceState) -> Result<(Vec<FileProblem>, Option<Patched>), Vec<FileProblem>> {
        let mut config = match &ws.config_path {
            Some(path) => {
                // As the CLI: a configuration the server found (never one
                // the user named) must not be a link out of its folder.
                Config::refuse_link_out(path)?;
                let text = self.current_text(path).map_err(|e| {
                    vec![FileProblem::whole_file(path, ProblemLevel::Error, format!("cannot read configuration: {e}"))]
                })?;
                Config::parse(path, &text)?
            }
            None => Config::defaults(&ws.root),
        };
        let settings = read(&self.inner.settings).clone();
        let (rules, setting_problems) = settings.rule_overrides(&config.options.rules);
        config.options.rules = rules;
        for problem in setting_problems {
            eprintln!("copydesk: {problem}");
        }
        let mut paths = config.registry_paths()?;
        // Relative to the editor's folder, which holds nested workspaces.
        let base = self.editor_folder_of(&ws.root);
        for extra in &settings.registry {
            let path = Path::new(extra);
            paths.push(if path.is_absolute() { path.to_path_buf() } else { base.join(path) });
        }
        let mut texts = Vec::new();
        let mut problems = Vec::new();
        for path in paths {
            match self.current_text(&path) {
                Ok(text) => texts.push((normalize(&path), text)),
                Err(e) => problems.push(FileProblem::whole_file(
                    &path,
                    ProblemLevel::Error,
                    format!("cannot read registry file: {e}"),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // The last good lexicon is the base of the new one: an edit of a
        // few actors reuses its automaton (the same results, seconds sooner
        // for a large registry).
        let base = Some(ws.snapshot().lexicon.clone()).filter(|l| l.matcher().is_some());
        let compiled = crate::compiled::compile_with_base(&texts, &LexiconCache::from_env(), base)?;
        let generation = self.inner.generation.fetch_add(1, Ordering::SeqCst);
        let annotations = self.load_annotations(&config)?;
        let files: Vec<(PathBuf, Arc<str>)> = texts.into_iter().map(|(p, t)| (p, Arc::from(t))).collect();
        let registry_texts: HashMap<PathBuf, Arc<str>> = files.iter().cloned().collect();
        let patched = compiled.lexicon.is_patched().then(|| Patched {
            generation,
            registry: compiled.registry.clone(),
            lexicon: compiled.lexicon.clone(),
            warnings: compiled.warnings.clone(),
            files,
        });
        let mut snapshot =
            Snapshot::with_lexicon(generation, config, compiled.registry, compiled.lexicon, registry_texts);
        snapshot.annotations = Arc::new(annotations);
        let old = std::mem::replace(&mut *write(&ws.snapshot), Arc::new(snapshot));
        // Freeing a large registry's last version takes a while: not on
        // the way to the new diagnostics.
        std::thread::spawn(move || drop(old));
        Ok((compiled.warnings, patched))
    }

    /// Builds the whole lexicon of a snapshot whose lexicon is patched, on
    /// a blocking thread, saves it to the cache, and puts it in the
    /// snapshot's place if that snapshot is still the workspace's: same
    /// generation, since forms, ids and matches are the same (the index
    /// and published diagnostics stay valid), one automaton instead of two.
    fn spawn_rebuild(&self, ws: Arc<WorkspaceState>, patched: Patched) {
        let this = self.clone();
        tokio::spawn(async move {
            // Saves seconds apart rebuild once, for the last of them.
            tokio::time::sleep(REBUILD_DELAY).await;
            let _ = tokio::task::spawn_blocking(move || {
                let wanted = || {
                    !this.inner.shut_down.load(Ordering::SeqCst)
                        && Arc::ptr_eq(&ws.snapshot().lexicon, &patched.lexicon)
                };
                // Asked before and after waiting for a build in progress.
                if !wanted() {
                    return;
                }
                let _one = super::background::one_at_a_time();
                if !wanted() {
                    return;
                }
                let files: Vec<(PathBuf, String)> =
                    patched.files.iter().map(|(path, text)| (path.clone(), text.to_string())).collect();
                let cache = LexiconCache::from_env();
                // On the background pool: a reload meanwhile must not wait
                // for this build's jobs (see `background`).
                let (registry, whole) = super::background::install(|| {
                    // A copy of the registry, made in one go: the reload
                    // made it among the parser's freed temporaries, whose
                    // pages it would keep half-used for as long as the
                    // server runs.
                    let registry = Arc::new(crate::registry::Registry::clone(&patched.registry));
                    let whole = crate::compiled::rebuild(&files, &registry, &patched.warnings, &cache);
                    (registry, whole)
                });
                let mut slot = write(&ws.snapshot);
                if slot.generation == patched.generation && Arc::ptr_eq(&slot.lexicon, &patched.lexicon) {
                    let swapped = Arc::new(slot.with_rebuilt(registry, Arc::new(whole)));
                    let old = std::mem::replace(&mut *slot, swapped);
                    drop(slot);
                    drop(old);
                }
            })
            .await;
        });
    }

    /// The workspace's annotation store, from its open buffer if the
    /// editor has it, else from disk (none yet: an empty store).
    fn load_annotations(&self, config: &Config) -> Result<crate::annotations::Store, Vec<FileProblem>> {
        let path = config.annotations_path()?;
        match self.current_text(&path) {
            Ok(text) => crate::annotations::Store::parse(&path, &config.root, &text).map_err(|e| e.0),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(crate::annotations::Store::not_yet(&path, &config.root))
            }
            Err(e) => Err(vec![FileProblem::whole_file(
                &path,
                ProblemLevel::Error,
                format!("cannot read annotation store: {e}"),
            )]),
        }
    }

    /// Re-derives what each open document of `ws` is, since a new
    /// configuration may name other registry files.
    fn refresh_roles(&self, ws: &WorkspaceState) {
        for mut doc in self.inner.documents.iter_mut() {
            let Some(path) = uri_to_path(doc.key()).map(|p| normalize(&p)) else { continue };
            if self.governs(ws, &path) && doc.role != Role::Config {
                let role = role_of(ws, Some(&path), "");
                if role != doc.role {
                    doc.role = role;
                    doc.analysis = None;
                }
            }
        }
    }

    async fn reanalyze_open(&self, ws: &WorkspaceState) {
        let uris: Vec<Uri> = self
            .inner
            .documents
            .iter()
            .filter(|d| d.role == Role::Article)
            .filter(|d| uri_to_path(d.key()).is_none_or(|p| self.governs(ws, &normalize(&p))))
            .map(|d| d.key().clone())
            .collect();
        for uri in uris {
            self.publish_article(&uri).await;
        }
    }

    /// Opens a document.
    pub(super) async fn open(&self, item: TextDocumentItem) {
        let path = uri_to_path(&item.uri);
        // The document is stored before anything is awaited, so that the
        // changes that follow find it. A workspace made for it is loaded
        // after (which fixes its role if it is a registry file).
        let (ws, fresh) = self.workspace_or_new(path.as_deref());
        let role = role_of(&ws, path.as_deref(), &item.language_id);
        self.inner.documents.insert(item.uri.clone(), Document::new(&item.text, item.version, role));
        if fresh {
            self.watch_new(&ws);
            self.reload(&ws).await;
            if self.inner.documents.get(&item.uri).is_some_and(|d| d.role == Role::Article) {
                self.schedule_publish(&item.uri, std::time::Duration::ZERO);
            }
        } else {
            self.after_change(&item.uri, role, &ws, std::time::Duration::ZERO).await;
        }
    }

    /// Applies edits synchronously, in order, then re-analyses.
    pub(super) async fn change(&self, params: DidChangeTextDocumentParams) {
        let encoding = self.encoding();
        let role = {
            let Some(mut doc) = self.inner.documents.get_mut(&params.text_document.uri) else { return };
            doc.apply(params.content_changes, params.text_document.version, encoding);
            doc.role
        };
        let path = uri_to_path(&params.text_document.uri);
        let ws = self.workspace_for(path.as_deref()).await;
        self.after_change(&params.text_document.uri, role, &ws, DEBOUNCE).await;
    }

    pub(super) async fn close(&self, uri: &Uri) {
        let Some((_, doc)) = self.inner.documents.remove(uri) else { return };
        match doc.role {
            Role::Article => {
                self.client.publish_diagnostics(uri.clone(), Vec::new(), None).await;
                self.reindex_closed(uri);
            }
            Role::Registry | Role::Config => {
                let path = uri_to_path(uri);
                let ws = self.workspace_for(path.as_deref()).await;
                self.reload(&ws).await;
            }
            Role::Other => {}
        }
    }

    /// An article is published `delay` after its last change (in the
    /// background); a registry or configuration is reloaded at once.
    /// A changed registry or configuration is reloaded `delay` after its
    /// last change, in the background: a reload reads the current buffers,
    /// so one after a burst of keystrokes stands for all of them (at 100k
    /// actors a reload takes seconds; one per keystroke would queue up).
    async fn after_change(&self, uri: &Uri, role: Role, ws: &Arc<WorkspaceState>, delay: std::time::Duration) {
        match role {
            Role::Article => self.schedule_publish(uri, delay),
            Role::Registry | Role::Config if delay.is_zero() => self.reload(ws).await,
            Role::Registry | Role::Config => {
                let Some(revision) = self.inner.documents.get(uri).map(|d| d.revision) else { return };
                let (this, uri, ws) = (self.clone(), uri.clone(), ws.clone());
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    if this.inner.documents.get(&uri).is_some_and(|d| d.revision == revision) {
                        this.reload(&ws).await;
                    }
                });
            }
            Role::Other => {}
        }
    }

    /// New user settings: reload every workspace with them. A payload
    /// without copydesk settings changes nothing ([`UserSettings::from_change`]).
    pub(super) async fn settings_changed(&self, value: &serde_json::Value) {
        match UserSettings::from_change(value) {
            Ok(Some(settings)) => *write(&self.inner.settings) = settings,
            Ok(None) => return,
            Err(e) => {
                self.client.show_message(MessageType::WARNING, e).await;
                return;
            }
        }
        let workspaces = read(&self.inner.workspaces).clone();
        for ws in workspaces {
            self.reload(&ws).await;
        }
    }
}

/// What a document is, from its path and language id.
pub(super) fn role_of(ws: &WorkspaceState, path: Option<&Path>, language_id: &str) -> Role {
    let Some(path) = path.map(normalize) else {
        return if matches!(language_id, "markdown" | "plaintext" | "news-article") {
            Role::Article
        } else {
            Role::Other
        };
    };
    if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
        return Role::Config;
    }
    if ws.is_registry_file(&path) {
        return Role::Registry;
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if matches!(extension, "md" | "markdown" | "txt" | "article") || matches!(language_id, "news-article") {
        Role::Article
    } else {
        Role::Other
    }
}
