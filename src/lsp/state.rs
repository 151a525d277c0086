//! What the server knows: per workspace, the last good registry version
//! (a [`Snapshot`]) and the mentions of every article not open in the
//! editor; plus the user's settings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use rayon::slice::ParallelSliceMut;

use serde::Deserialize;
use tower_lsp_server::ls_types::Range as LspRange;

use super::convert::{Encoding, Lines};
use crate::analysis::Analysis;
use crate::analysis::spellings::{ArticleSpellings, CorpusSpellings};
use crate::article::Article;
use crate::config::Config;
use crate::lexicon::{FormKind, Lexicon};
use crate::linking::Mention;
use crate::position::LineIndex;
use crate::registry::{ActorIdx, Registry};
use crate::rules::{RuleLevel, RuleSettings};

/// Reads a lock, ignoring poisoning: a panic in one handler (caught and
/// answered with an error) must not take every later request down with it.
pub fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writes a lock, ignoring poisoning (see [`read`]).
pub fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Settings from the editor (`initializationOptions`, or
/// `workspace/didChangeConfiguration`), overriding `copydesk.toml` for this
/// user.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct UserSettings {
    /// Rule id → `error | warning | info | hint | off`.
    pub rules: HashMap<String, String>,
    /// Extra registry files (absolute, or relative to the editor folder the
    /// workspace is in).
    pub registry: Vec<String>,
    /// Documents larger than this many bytes are not analysed.
    pub max_file_size: Option<usize>,
    /// The name recorded with the decisions this user makes in the editor
    /// (annotation store); when unset, the `USER` environment variable.
    pub annotator: Option<String>,
}

pub use crate::analysis::spellings::CORPUS_SPELLING;

/// Default for [`UserSettings::max_file_size`]: 5 MB.
pub const DEFAULT_MAX_FILE_SIZE: usize = 5_000_000;

impl UserSettings {
    /// Reads settings from an `initializationOptions` or
    /// `didChangeConfiguration` payload, with or without a `copydesk` key.
    pub fn from_json(value: &serde_json::Value) -> Result<UserSettings, String> {
        let inner = value.get("copydesk").unwrap_or(value);
        if inner.is_null() {
            return Ok(UserSettings::default());
        }
        serde_json::from_value(inner.clone()).map_err(|e| format!("copydesk settings ignored: {e}"))
    }

    /// Reads a `didChangeConfiguration` payload: `None` when it carries no
    /// copydesk settings (neither a `copydesk` key nor one of
    /// [`UserSettings::KEYS`] at its top level), which leaves the settings
    /// as they are. Eglot sends an empty `{}` right after starting a server,
    /// and a client may send other servers' sections: neither undoes the
    /// `initializationOptions`.
    pub fn from_change(value: &serde_json::Value) -> Result<Option<UserSettings>, String> {
        let ours = value
            .as_object()
            .is_some_and(|o| o.contains_key("copydesk") || Self::KEYS.iter().any(|k| o.contains_key(*k)));
        if ours { Self::from_json(value).map(Some) } else { Ok(None) }
    }

    /// The settings' keys, as the editor sends them.
    pub const KEYS: [&str; 4] = ["rules", "registry", "maxFileSize", "annotator"];

    /// The configured rule levels with these settings on top. Unknown ids or
    /// levels are reported in the returned messages.
    pub fn rule_overrides(&self, base: &RuleSettings) -> (RuleSettings, Vec<String>) {
        let mut settings = base.clone();
        let mut problems = Vec::new();
        for (id, level) in &self.rules {
            if id == CORPUS_SPELLING {
                if let Err(e) = level.parse::<RuleLevel>() {
                    problems.push(format!("rule `{id}` in copydesk settings: {e}"));
                }
                continue;
            }
            match (crate::rules::by_id(id), level.parse::<RuleLevel>()) {
                (Some(rule), Ok(level)) => settings.set(rule.meta().id, level),
                (None, _) => problems.push(format!("unknown rule `{id}` in copydesk settings")),
                (_, Err(e)) => problems.push(format!("rule `{id}` in copydesk settings: {e}")),
            }
        }
        (settings, problems)
    }

    /// The level of the server's `corpus-spelling` diagnostics (not a
    /// rule of the core: it needs the whole workspace): information
    /// unless the settings say otherwise.
    pub fn corpus_spelling(&self) -> RuleLevel {
        self.rules
            .get(CORPUS_SPELLING)
            .and_then(|l| l.parse().ok())
            .unwrap_or(RuleLevel::On(crate::finding::Severity::Info))
    }

    /// Who the decisions made in the editor are recorded as: the
    /// `annotator` setting, else `USER`, else `editor`.
    pub fn annotator(&self) -> String {
        self.annotator
            .clone()
            .filter(|a| !a.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "editor".to_string())
    }

    /// Largest document analysed.
    pub fn max_file_size(&self) -> usize {
        self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }
}

/// One word of a house name or alias, for completion by prefix.
#[derive(Clone, Debug)]
struct NameWord {
    word: String,
    actor: ActorIdx,
    /// Which form: 0 for the name, k for alias k - 1 (the form itself is
    /// read from the registry, not copied: a million actors have millions).
    form: u32,
}

/// The `form`th house form of `actor` (0: the name; k: alias k - 1).
fn house_form(actor: &crate::registry::Actor, form: u32) -> &str {
    match form {
        0 => &actor.name,
        k => actor.aliases.get(k as usize - 1).map_or("", String::as_str),
    }
}

/// Completion index: every word of every house name and alias, sorted.
#[derive(Debug, Default)]
pub struct NameIndex {
    words: Vec<NameWord>,
}

impl NameIndex {
    fn new(registry: &Registry) -> NameIndex {
        let mut words = Vec::new();
        for (idx, actor) in registry.actors().iter().enumerate() {
            for (form, text) in std::iter::once(&actor.name).chain(&actor.aliases).enumerate() {
                for word in text.split_whitespace() {
                    words.push(NameWord { word: word.to_lowercase(), actor: idx as ActorIdx, form: form as u32 });
                }
            }
        }
        // Stable: equal words keep registry order.
        words.par_sort_by(|a, b| a.word.cmp(&b.word));
        NameIndex { words }
    }

    /// Actors with a house name or alias word starting with `prefix`
    /// (case-insensitive), each with the form that matched; at most `limit`.
    pub fn complete<'r>(&self, registry: &'r Registry, prefix: &str, limit: usize) -> Vec<(ActorIdx, &'r str)> {
        let prefix = prefix.to_lowercase();
        let start = self.words.partition_point(|w| w.word.as_str() < prefix.as_str());
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for w in self.words[start..].iter().take_while(|w| w.word.starts_with(&prefix)) {
            let form = house_form(registry.actor(w.actor), w.form);
            if !seen.contains(&(w.actor, form)) {
                seen.push((w.actor, form));
                out.push((w.actor, form));
                if out.len() == limit {
                    break;
                }
            }
        }
        out
    }
}

/// One registry version of a workspace, with everything derived from it.
pub struct Snapshot {
    /// Increases with every new registry version.
    pub generation: u64,
    /// The configuration in effect.
    pub config: Config,
    /// The registry.
    pub registry: Arc<Registry>,
    /// Its lexicon.
    pub lexicon: Arc<Lexicon>,
    /// The text of every registry file as loaded, by path.
    pub registry_texts: HashMap<PathBuf, Arc<str>>,
    /// Completion index, built when first asked for (sorting the words
    /// of a million actors would delay the first diagnostics by seconds).
    names: OnceLock<NameIndex>,
    /// The human decisions of the workspace's annotation store.
    pub annotations: Arc<crate::annotations::Store>,
    /// Line indexes of registry files, built when first needed (a 100k
    /// actor file takes a while, and only locations need them).
    line_indexes: Mutex<HashMap<PathBuf, Arc<LineIndex>>>,
}

impl Snapshot {
    /// Builds a snapshot, and the registry's lexicon.
    pub fn new(
        generation: u64,
        config: Config,
        registry: Registry,
        registry_texts: HashMap<PathBuf, Arc<str>>,
    ) -> Snapshot {
        let lexicon = Arc::new(Lexicon::new(&registry));
        Snapshot::with_lexicon(generation, config, Arc::new(registry), lexicon, registry_texts)
    }

    /// A snapshot of a registry whose lexicon is built (or read from the
    /// compiled lexicon cache) already.
    pub fn with_lexicon(
        generation: u64,
        config: Config,
        registry: Arc<Registry>,
        lexicon: Arc<Lexicon>,
        registry_texts: HashMap<PathBuf, Arc<str>>,
    ) -> Snapshot {
        let names = OnceLock::new();
        Snapshot {
            generation,
            registry,
            lexicon,
            annotations: Arc::new(crate::annotations::Store::empty(&config.root)),
            config,
            registry_texts,
            names,
            line_indexes: Mutex::new(HashMap::new()),
        }
    }

    /// This snapshot with `registry` and `lexicon`, equal to its own (a
    /// copy of the registry, and the whole lexicon of a patched one): same
    /// generation, configuration and annotations.
    pub fn with_rebuilt(&self, registry: Arc<Registry>, lexicon: Arc<Lexicon>) -> Snapshot {
        let mut snapshot = Snapshot::with_lexicon(
            self.generation,
            self.config.clone(),
            registry,
            lexicon,
            self.registry_texts.clone(),
        );
        snapshot.annotations = self.annotations.clone();
        snapshot
    }

    /// Actors with a house name or alias word starting with `prefix`
    /// (case-insensitive), each with the form that matched; at most `limit`.
    pub fn complete(&self, prefix: &str, limit: usize) -> Vec<(ActorIdx, &str)> {
        self.names.get_or_init(|| NameIndex::new(&self.registry)).complete(&self.registry, prefix, limit)
    }

    /// The annotation store's decisions about the article at `path`.
    pub fn decisions(&self, path: Option<&Path>) -> &[crate::annotations::Decision] {
        path.map_or(&[], |p| self.annotations.for_article(p))
    }

    /// Analyses `article` (at `path`, if it has one) with this registry
    /// version and the annotation store's decisions about it.
    pub fn analyze(&self, path: Option<&Path>, article: &Article) -> Analysis {
        let decisions = self.decisions(path);
        crate::analysis::analyze_with(article, &self.registry, &self.lexicon, &self.config.options, decisions)
    }

    /// Indexes an article that is not open: its mentions and its spellings
    /// of each actor (the rules' findings are not needed until it is
    /// opened).
    pub fn index(&self, path: Option<&Path>, article: &Article) -> FileIndex {
        let decisions = self.decisions(path);
        let (mentions, uses) = crate::analysis::link_spellings_with(
            article,
            &self.registry,
            &self.lexicon,
            &self.config.options,
            decisions,
        );
        let mut file = FileIndex::new(self.generation, article, &mentions);
        file.spellings = ArticleSpellings::new(&uses);
        let lines = Lines { text: article.text(), index: article.lines() };
        file.odd_spellings = uses
            .into_iter()
            .filter(|u| !u.house)
            .map(|u| IndexedSpelling {
                actor: u.actor,
                spelling: u.spelling.into(),
                utf16: lines.range(&u.range, Encoding::Utf16),
                utf8: lines.range(&u.range, Encoding::Utf8),
            })
            .collect();
        file
    }

    /// The registry file `actor` is defined in, and its text.
    pub fn actor_source(&self, actor: ActorIdx) -> Option<(&Path, &str)> {
        let path = self.registry.source_path(actor);
        self.registry_texts.get(&crate::config::normalize(path)).map(|t| (path, &**t))
    }

    /// [`Snapshot::actor_source`] with the file's line index.
    pub fn actor_source_lines(&self, actor: ActorIdx) -> Option<(&Path, &str, Arc<LineIndex>)> {
        let (path, text) = self.actor_source(actor)?;
        let key = crate::config::normalize(path);
        let mut indexes = self.line_indexes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let index = indexes.entry(key).or_insert_with(|| Arc::new(LineIndex::new(text))).clone();
        Some((path, text, index))
    }
}

/// A mention in an article that is not open, with its LSP ranges
/// precomputed in both encodings.
#[derive(Clone, Debug)]
pub struct IndexedMention {
    /// The actor.
    pub actor: ActorIdx,
    /// The text as written.
    pub text: String,
    /// How the form relates to the actor.
    pub kind: FormKind,
    /// Range in UTF-16 positions.
    pub utf16: LspRange,
    /// Range in UTF-8 positions.
    pub utf8: LspRange,
}

impl IndexedMention {
    /// The range in `encoding`.
    pub fn range_in(&self, encoding: Encoding) -> LspRange {
        match encoding {
            Encoding::Utf8 => self.utf8,
            Encoding::Utf16 => self.utf16,
        }
    }
}

/// The mentions of one article on disk.
#[derive(Clone, Debug, Default)]
pub struct FileIndex {
    /// The registry generation it was linked with.
    pub generation: u64,
    /// Its mentions.
    pub mentions: Vec<IndexedMention>,
    /// Its spellings of each actor: what it contributes to
    /// [`WorkspaceState::spellings`].
    pub spellings: ArticleSpellings,
    /// Where it spells an actor other than as house style (few).
    pub odd_spellings: Vec<IndexedSpelling>,
}

/// A spelling of an actor that is not house style, in an article on disk.
#[derive(Clone, Debug)]
pub struct IndexedSpelling {
    /// The actor.
    pub actor: ActorIdx,
    /// The spelling.
    pub spelling: Box<str>,
    /// Range in UTF-16 positions.
    pub utf16: LspRange,
    /// Range in UTF-8 positions.
    pub utf8: LspRange,
}

impl IndexedSpelling {
    /// The range in `encoding`.
    pub fn range_in(&self, encoding: Encoding) -> LspRange {
        match encoding {
            Encoding::Utf8 => self.utf8,
            Encoding::Utf16 => self.utf16,
        }
    }
}

impl FileIndex {
    /// Indexes the linked mentions of an article.
    pub fn new(generation: u64, article: &Article, mentions: &[Mention]) -> FileIndex {
        let lines = Lines { text: article.text(), index: article.lines() };
        let mentions = mentions
            .iter()
            .filter_map(|m| {
                Some(IndexedMention {
                    actor: m.actor?,
                    text: article.text()[m.range.clone()].to_string(),
                    kind: m.kind,
                    utf16: lines.range(&m.range, Encoding::Utf16),
                    utf8: lines.range(&m.range, Encoding::Utf8),
                })
            })
            .collect();
        FileIndex { generation, mentions, spellings: ArticleSpellings::default(), odd_spellings: Vec::new() }
    }
}

/// Per actor and spelling, the articles of the index using it, for one
/// registry generation (actor indexes of two versions do not mix). Kept
/// up to date as files enter, change in and leave the index: a file's old
/// contribution is taken back before its new one is added, so nothing is
/// counted twice and nothing is recounted.
#[derive(Debug, Default)]
pub struct IndexSpellings {
    /// The registry generation counted.
    pub generation: u64,
    /// The counts.
    pub counts: CorpusSpellings<ActorIdx>,
}

impl IndexSpellings {
    fn entered(&mut self, file: &FileIndex) {
        if file.generation > self.generation {
            *self = IndexSpellings { generation: file.generation, counts: CorpusSpellings::default() };
        }
        if file.generation == self.generation {
            self.counts.add(&file.spellings, |a| a);
        }
    }

    fn left(&mut self, file: &FileIndex) {
        if file.generation == self.generation {
            self.counts.remove(&file.spellings, |a| a);
        }
    }
}

/// Mentions and articles per actor, with the index version and registry
/// generation they were counted for.
pub type CachedCounts = (u64, u64, Arc<HashMap<ActorIdx, (usize, usize)>>);

/// A workspace folder (or the folder of a file opened alone).
pub struct WorkspaceState {
    /// Its root (normalised).
    pub root: PathBuf,
    /// Its configuration file, if any.
    pub config_path: Option<PathBuf>,
    /// The last good registry version.
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// Mentions of articles on disk, by normalised path. Changed only
    /// through [`WorkspaceState::index_files`] and its siblings, which keep
    /// `spellings` in step.
    pub index: RwLock<HashMap<PathBuf, FileIndex>>,
    /// Spellings per actor over the index (locked after `index`).
    pub spellings: RwLock<IndexSpellings>,
    /// Bumped on every change to `index`.
    pub index_version: std::sync::atomic::AtomicU64,
    /// Mentions and articles per actor over the whole index, for the index
    /// version and registry generation it was computed for.
    pub counts: RwLock<Option<CachedCounts>>,
    /// Index runs started and not finished: while one runs, mention counts
    /// over the workspace are partial (code lenses wait for them).
    pub indexing: std::sync::atomic::AtomicUsize,
    /// Files that currently carry configuration or registry diagnostics.
    pub diagnosed_files: RwLock<Vec<PathBuf>>,
    /// Held for a whole reload: reloads read the current buffers, so running
    /// them one at a time means the last one installs the latest text (two
    /// at once could install an older snapshot over a newer one).
    pub reload_lock: tokio::sync::Mutex<()>,
}

impl WorkspaceState {
    /// A workspace with an empty registry, before loading.
    pub fn new(root: PathBuf, config_path: Option<PathBuf>) -> WorkspaceState {
        let config = Config::defaults(&root);
        let snapshot = Snapshot::new(0, config, Registry::default(), HashMap::new());
        WorkspaceState {
            root,
            config_path,
            snapshot: RwLock::new(Arc::new(snapshot)),
            index: RwLock::new(HashMap::new()),
            spellings: RwLock::new(IndexSpellings::default()),
            index_version: std::sync::atomic::AtomicU64::new(0),
            counts: RwLock::new(None),
            indexing: std::sync::atomic::AtomicUsize::new(0),
            diagnosed_files: RwLock::new(Vec::new()),
            reload_lock: tokio::sync::Mutex::new(()),
        }
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        read(&self.snapshot).clone()
    }

    /// Whether an index run is under way (counts are partial).
    pub fn is_indexing(&self) -> bool {
        self.indexing.load(std::sync::atomic::Ordering::SeqCst) > 0
    }

    /// Adds or replaces the index entries of `files`.
    pub fn index_files(&self, files: impl IntoIterator<Item = (PathBuf, FileIndex)>) {
        let mut index = write(&self.index);
        let mut spellings = write(&self.spellings);
        for (path, file) in files {
            spellings.entered(&file);
            if let Some(old) = index.insert(path, file) {
                spellings.left(&old);
            }
        }
        drop((index, spellings));
        self.index_changed();
    }

    /// Removes the index entry of `path`.
    pub fn unindex(&self, path: &Path) {
        let mut index = write(&self.index);
        if let Some(old) = index.remove(path) {
            write(&self.spellings).left(&old);
        }
        drop(index);
        self.index_changed();
    }

    /// Drops the index entries of other registry generations.
    pub fn retain_generation(&self, generation: u64) {
        let mut index = write(&self.index);
        let mut spellings = write(&self.spellings);
        index.retain(|_, f| {
            let keep = f.generation == generation;
            if !keep {
                spellings.left(f);
            }
            keep
        });
        drop((index, spellings));
        self.index_changed();
    }

    /// Records that the index changed.
    pub fn index_changed(&self) {
        self.index_version.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// Mentions and articles per actor in the indexed files, cached until
    /// the index or the registry changes (hover asks on every move).
    pub fn indexed_counts(&self, generation: u64) -> Arc<HashMap<ActorIdx, (usize, usize)>> {
        let version = self.index_version.load(std::sync::atomic::Ordering::SeqCst);
        if let Some((v, g, counts)) = &*read(&self.counts)
            && *v == version
            && *g == generation
        {
            return counts.clone();
        }
        let mut counts: HashMap<ActorIdx, (usize, usize)> = HashMap::new();
        for file in read(&self.index).values().filter(|f| f.generation == generation) {
            let mut seen: Vec<ActorIdx> = Vec::new();
            for m in &file.mentions {
                let entry = counts.entry(m.actor).or_default();
                entry.0 += 1;
                if !seen.contains(&m.actor) {
                    seen.push(m.actor);
                    entry.1 += 1;
                }
            }
        }
        let counts = Arc::new(counts);
        *write(&self.counts) = Some((version, generation, counts.clone()));
        counts
    }

    /// Whether `path` (normalised) is one of this workspace's registry
    /// files or its annotation store (both reload the workspace).
    pub fn is_registry_file(&self, path: &Path) -> bool {
        let snapshot = self.snapshot();
        // The annotation store is reloaded like a registry file.
        snapshot.registry_texts.contains_key(path)
            || snapshot.annotations.path.as_deref().is_some_and(|p| crate::config::normalize(p) == path)
            || snapshot
                .config
                .registry
                .iter()
                .any(|e| crate::config::normalize(&snapshot.config.root.join(&e.pattern)) == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_replaces_its_spellings_and_a_new_registry_starts_over() {
        let registry = crate::registry::parse_registry_text([(
            Path::new("actors.toml"),
            "[[actor]]\nid = \"hanne-sattler\"\nname = \"Hanne Sattler\"\nvariants = [\"Hanne Satler\"]\n",
        )]);
        let snapshot = Snapshot::new(3, Config::defaults(Path::new("/desk")), registry.registry, HashMap::new());
        let file = |text: &str| snapshot.index(None, &Article::new(text, crate::article::Syntax::Markdown));
        let ws = WorkspaceState::new(PathBuf::from("/desk"), None);
        let counts = |ws: &WorkspaceState| -> Vec<(String, usize, usize)> {
            let spellings = read(&ws.spellings);
            let mut out: Vec<(String, usize, usize)> = spellings
                .counts
                .of(&0)
                .map(|m| m.iter().map(|(s, c)| (s.to_string(), c.articles, c.odd)).collect())
                .unwrap_or_default();
            out.sort();
            out
        };
        ws.index_files([(PathBuf::from("/desk/a.md"), file("Hanne Sattler spoke."))]);
        ws.index_files([(PathBuf::from("/desk/b.md"), file("Hanne Satler spoke. Sattler left."))]);
        assert_eq!(counts(&ws), [("Satler".into(), 1, 1), ("Sattler".into(), 2, 0)]);
        // b.md changes: its old contribution is taken back.
        ws.index_files([(PathBuf::from("/desk/b.md"), file("Hanne Satler spoke."))]);
        assert_eq!(counts(&ws), [("Satler".into(), 1, 1), ("Sattler".into(), 1, 0)]);
        assert_eq!(read(&ws.index)["/desk/b.md".as_ref() as &Path].odd_spellings.len(), 1);
        ws.unindex(Path::new("/desk/a.md"));
        assert_eq!(counts(&ws), [("Satler".into(), 1, 1)]);
        // A file of a newer registry generation: the older counts are gone.
        let mut newer = file("Hanne Sattler spoke.");
        newer.generation = 4;
        ws.index_files([(PathBuf::from("/desk/c.md"), newer)]);
        assert_eq!(read(&ws.spellings).generation, 4);
        assert_eq!(counts(&ws), [("Sattler".into(), 1, 0)]);
        ws.retain_generation(4);
        assert_eq!(read(&ws.index).len(), 1);
        assert_eq!(counts(&ws), [("Sattler".into(), 1, 0)]);
    }

    #[test]
    fn settings_from_either_shape() {
        let flat = serde_json::json!({"rules": {"unknown-actor": "off"}, "maxFileSize": 10});
        let nested = serde_json::json!({"copydesk": {"rules": {"unknown-actor": "off"}, "maxFileSize": 10}});
        assert_eq!(UserSettings::from_json(&flat).unwrap(), UserSettings::from_json(&nested).unwrap());
        assert_eq!(UserSettings::from_json(&flat).unwrap().max_file_size(), 10);
        let (settings, problems) =
            UserSettings::from_json(&serde_json::json!({"rules": {"nope": "off", "repeated-word": "loud"}}))
                .unwrap()
                .rule_overrides(&RuleSettings::default());
        assert_eq!(settings, RuleSettings::default());
        assert_eq!(problems.len(), 2);
        assert!(UserSettings::from_json(&serde_json::json!({"rules": 3})).is_err());
    }

    #[test]
    fn a_change_without_copydesk_settings_changes_nothing() {
        for payload in [serde_json::json!({}), serde_json::json!(null), serde_json::json!({"pylsp": {"rules": 1}})] {
            assert_eq!(UserSettings::from_change(&payload), Ok(None), "{payload}");
        }
        // each key is a real setting: alone, it changes the defaults
        let values = [
            serde_json::json!({"unknown-actor": "off"}),
            serde_json::json!(["more.toml"]),
            serde_json::json!(10),
            serde_json::json!("ana"),
        ];
        assert_eq!(values.len(), UserSettings::KEYS.len(), "a value for every key");
        for (key, value) in UserSettings::KEYS.iter().zip(values) {
            let change = UserSettings::from_change(&serde_json::json!({ *key: value })).unwrap();
            assert!(change.is_some_and(|s| s != UserSettings::default()), "{key}");
        }
        // an explicit copydesk section, even empty or null, replaces them
        for payload in [serde_json::json!({"copydesk": {}}), serde_json::json!({"copydesk": null})] {
            assert_eq!(UserSettings::from_change(&payload), Ok(Some(UserSettings::default())), "{payload}");
        }
        assert!(UserSettings::from_change(&serde_json::json!({"rules": 3})).is_err());
    }
}
