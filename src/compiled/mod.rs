//! The compiled registry: a registry's actors and its [`Lexicon`], built
//! from the registry files or read back from the compiled lexicon cache.
//!
//! Parsing a registry of a million actors and building its automaton takes
//! seconds; reading them back takes a fraction of one. The cache holds one
//! file per registry (`cache_file`), keyed by the registry files' paths and
//! contents and by this build of copydesk, so that an edit of the registry
//! or another build of the tool never reads a stale entry. A cache file is
//! checksummed and every index in it checked before use; a file that fails
//! any check is ignored and rebuilt, so the cache can make a run faster but
//! never change its result. The cache is an optimisation only: when it
//! cannot be read or written, the registry is built as if there were none.

mod file;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use crate::lexicon::Lexicon;
use crate::problem::FileProblem;
use crate::registry::{Registry, parse_registry_text};

pub use file::CacheFile;

/// Where compiled registries are cached, if anywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconCache {
    dir: Option<PathBuf>,
}

/// The environment variable that names the cache folder (empty: no cache).
pub const CACHE_DIR_VAR: &str = "COPYDESK_CACHE_DIR";

impl LexiconCache {
    /// The cache in `dir`.
    pub fn in_dir(dir: impl Into<PathBuf>) -> LexiconCache {
        LexiconCache { dir: Some(dir.into()) }
    }

    /// No cache: every load builds.
    pub fn disabled() -> LexiconCache {
        LexiconCache { dir: None }
    }

    /// The user's cache: `$COPYDESK_CACHE_DIR` if set (empty disables the
    /// cache), else `copydesk` in the platform's cache folder
    /// (`$XDG_CACHE_HOME`, `~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`).
    /// Never the workspace, unless the variable points there.
    pub fn from_env() -> LexiconCache {
        if let Some(dir) = std::env::var_os(CACHE_DIR_VAR) {
            return if dir.is_empty() { LexiconCache::disabled() } else { LexiconCache::in_dir(dir) };
        }
        LexiconCache { dir: user_cache_dir().map(|d| d.join("copydesk")) }
    }

    /// The folder, if the cache is enabled.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}

/// The platform's per-user cache folder.
fn user_cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        return var("LOCALAPPDATA");
    }
    if cfg!(target_os = "macos") {
        return var("HOME").map(|h| h.join("Library/Caches"));
    }
    var("XDG_CACHE_HOME").filter(|p| p.is_absolute()).or_else(|| var("HOME").map(|h| h.join(".cache")))
}

/// A registry ready for analysis.
pub struct Compiled {
    /// The actors.
    pub registry: Arc<Registry>,
    /// Their lexicon.
    pub lexicon: Arc<Lexicon>,
    /// The registry's warnings, as the files' own load reports them.
    pub warnings: Vec<FileProblem>,
    /// Whether it was read from the cache (`false`: built).
    pub from_cache: bool,
}

/// How many cache files are being written in the background (the CLI
/// waits for them before it exits: see [`finish_writes`]).
static WRITING: Mutex<usize> = Mutex::new(0);
static WRITTEN: Condvar = Condvar::new();

/// Compiles the registry made of `files` (path as configured, text): read
/// back from `cache` when it holds this exact registry for this build,
/// else parsed and built, and then saved to the cache in the background.
/// A registry with errors is never cached; its problems are the error.
///
/// When the cache holds an earlier version of the same registry files
/// (an edit since), the new lexicon reuses that version's automaton
/// ([`Lexicon::updated`]): the same result, in a fraction of the time.
pub fn compile(files: &[(PathBuf, String)], cache: &LexiconCache) -> Result<Compiled, Vec<FileProblem>> {
    compile_with_base(files, cache, None)
}

/// [`compile`], with `base`, the lexicon of an earlier version of the
/// registry held in memory (the language server's last good one), to
/// reuse rather than one read from the cache.
///
/// A lexicon built on a base ([`Lexicon::is_patched`]) is not saved; the
/// caller that keeps running builds the whole one with [`rebuild`], which
/// saves it.
pub fn compile_with_base(
    files: &[(PathBuf, String)],
    cache: &LexiconCache,
    base: Option<Arc<Lexicon>>,
) -> Result<Compiled, Vec<FileProblem>> {
    let cache_file = crate::timing::timed("cache-key", || cache.dir().map(|dir| CacheFile::for_files(dir, files)));
    if let Some(mut read) = crate::timing::timed("cache-read", || cache_file.as_ref().and_then(CacheFile::read)) {
        read.rename_sources(&files.iter().map(|(p, _)| p.as_path()).collect::<Vec<_>>());
        return Ok(Compiled {
            registry: Arc::new(read.registry),
            lexicon: Arc::new(read.lexicon),
            warnings: read.warnings,
            from_cache: true,
        });
    }
    // The registry is parsed and checked in full, whatever the base; an
    // earlier version's lexicon is read from the cache meanwhile.
    let (load, base) = rayon::join(
        || {
            crate::timing::timed("registry-load", || {
                parse_registry_text(files.iter().map(|(p, t)| (p.as_path(), t.as_str())))
            })
        },
        || {
            base.or_else(|| {
                crate::timing::timed("cache-read-earlier", || cache_file.as_ref()?.read_earlier_lexicon()).map(Arc::new)
            })
        },
    );
    if load.has_errors() {
        return Err(load.problems);
    }
    let registry = Arc::new(load.registry);
    let lexicon = Arc::new(crate::timing::timed("lexicon-build", || match &base {
        Some(base) => Lexicon::updated(&registry, base),
        None => Lexicon::new(&registry),
    }));
    drop(base);
    if let Some(target) = cache_file.filter(|_| !lexicon.is_patched()) {
        save_in_background(target, registry.clone(), lexicon.clone(), load.problems.clone());
    }
    Ok(Compiled { registry, lexicon, warnings: load.problems, from_cache: false })
}

/// The whole lexicon of a compiled registry whose lexicon is patched
/// (the same forms, ids and matches, one automaton), saved to `cache` as
/// the entry of `files` before it is returned. Seconds of work for a
/// large registry: a long-running caller does it in the background.
pub fn rebuild(
    files: &[(PathBuf, String)],
    registry: &Registry,
    warnings: &[FileProblem],
    cache: &LexiconCache,
) -> Lexicon {
    let lexicon = Lexicon::new(registry);
    if let Some(dir) = cache.dir() {
        CacheFile::for_files(dir, files).write(registry, &lexicon, warnings);
    }
    lexicon
}

/// Saves a compiled registry to `target` on another thread, counted in
/// [`WRITING`] until done.
fn save_in_background(target: CacheFile, registry: Arc<Registry>, lexicon: Arc<Lexicon>, warnings: Vec<FileProblem>) {
    *WRITING.lock().unwrap_or_else(|e| e.into_inner()) += 1;
    std::thread::spawn(move || {
        // Counted down however the write ends, a panic included.
        struct Done;
        impl Drop for Done {
            fn drop(&mut self) {
                *WRITING.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
                WRITTEN.notify_all();
            }
        }
        let _done = Done;
        crate::timing::timed("cache-write", || target.write(&registry, &lexicon, &warnings));
    });
}

/// Waits for the cache writes started by [`compile`]: a process calls it
/// before it exits, so that no write is cut short (a cut write leaves
/// only a temporary file, which a later write removes).
pub fn finish_writes() {
    let mut writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    while *writing > 0 {
        writing = WRITTEN.wait(writing).unwrap_or_else(|e| e.into_inner());
    }
}

#[cfg(test)]
mod tests;
