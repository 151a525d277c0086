//! A workspace: one configuration, the registry it names, and the lexicon
//! built from that registry; plus finding the articles under it and
//! (`governed`) which configuration governs which file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{Analysis, analyze_with};
use crate::article::Article;
use crate::compiled::LexiconCache;
use crate::config::Config;
use crate::lexicon::Lexicon;
use crate::problem::{FileProblem, ProblemLevel};
use crate::registry::{Registry, parse_registry_text, read_registry_files};

mod governed;
pub use governed::{Governors, Run, config_for_folder, configs_under, plan_run};

/// Configuration, registry and lexicon, ready to analyse articles. The
/// registry and lexicon come from the compiled lexicon cache when it holds
/// them (`crate::compiled`).
pub struct Workspace {
    /// The configuration.
    pub config: Config,
    /// The registry it names.
    pub registry: Arc<Registry>,
    /// The registry's lexicon.
    pub lexicon: Arc<Lexicon>,
    /// Registry warnings (errors make loading fail).
    pub warnings: Vec<FileProblem>,
    /// The registry files it loaded (never articles).
    pub registry_files: Vec<PathBuf>,
    /// The human decisions of its annotation store.
    pub annotations: Arc<crate::annotations::Store>,
}

impl Workspace {
    /// Loads the registry `config` names, plus `extra` registry files the
    /// user named themselves (they may lie anywhere). Any registry error
    /// fails the load with every problem found (errors and warnings).
    pub fn load(config: Config, extra: &[PathBuf]) -> Result<Workspace, Vec<FileProblem>> {
        Workspace::load_shared(config, extra, &[])
    }

    /// [`Workspace::load`], reusing the registry of a workspace in `loaded`
    /// that names the same files (a run over several configurations that
    /// share a registry, e.g. one given with `--registry`, parses it and
    /// builds its lexicon once, and reports its warnings once).
    pub fn load_shared(config: Config, extra: &[PathBuf], loaded: &[Workspace]) -> Result<Workspace, Vec<FileProblem>> {
        let annotations = Arc::new(config.load_annotations()?);
        let mut paths = config.registry_paths()?;
        paths.extend(extra.iter().cloned());
        let key: Vec<PathBuf> = paths.iter().map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())).collect();
        let same = |w: &&Workspace| {
            w.registry_files.len() == key.len()
                && w.registry_files.iter().zip(&key).all(|(p, k)| std::fs::canonicalize(p).is_ok_and(|c| &c == k))
        };
        if let Some(twin) = loaded.iter().find(same) {
            return Ok(Workspace {
                config,
                registry: twin.registry.clone(),
                lexicon: twin.lexicon.clone(),
                warnings: Vec::new(),
                registry_files: paths,
                annotations,
            });
        }
        let (files, unread) = read_registry_files(&paths);
        if !unread.is_empty() {
            // Report the readable files' problems too, as a plain load does.
            let mut problems = unread;
            problems.extend(parse_registry_text(files.iter().map(|(p, t)| (p.as_path(), t.as_str()))).problems);
            return Err(problems);
        }
        let compiled = crate::compiled::compile(&files, &LexiconCache::from_env())?;
        Ok(Workspace {
            config,
            registry: compiled.registry,
            lexicon: compiled.lexicon,
            warnings: compiled.warnings,
            registry_files: paths,
            annotations,
        })
    }

    /// Analyses the article at `path` with this workspace's registry,
    /// settings and the annotation store's decisions about it.
    pub fn analyze(&self, path: &Path, article: &Article) -> Analysis {
        let decisions = self.annotations.for_article(path);
        analyze_with(article, &self.registry, &self.lexicon, &self.config.options, decisions)
    }

    /// The problems of the decisions about the article at `path` that
    /// `analysis` could not apply, each at its line of the store.
    pub fn unapplied(&self, path: &Path, analysis: &Analysis) -> Vec<FileProblem> {
        let Some(store) = &self.annotations.path else { return Vec::new() };
        analysis.unapplied.iter().map(|u| crate::annotations::unapplied_problem(store, path, u)).collect()
    }
}

/// The file that marks a folder as a copydesk export (`export -o DIR`
/// writes it): folder walks skip such a folder, so an export inside a
/// workspace is never checked as articles.
pub const EXPORT_MARKER: &str = ".copydesk-export";

/// The articles of one configuration under `paths`, as a workspace folder
/// of the server indexes them: files named explicitly are always taken;
/// folders are walked honouring `.gitignore` and hidden files (as ripgrep
/// does) and filtered by the configuration's include and exclude globs;
/// export folders ([`EXPORT_MARKER`]) and folders below a walked one that
/// have their own `copydesk.toml` (another workspace, which governs its
/// own files) are skipped. Returns the files sorted, and a problem for
/// every path that does not exist or cannot be walked.
pub fn collect_articles(config: &Config, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileProblem>) {
    let mut files = Vec::new();
    // The annotation store is never an article, whatever the globs say.
    let store: Vec<PathBuf> =
        config.annotations_path().ok().and_then(|p| std::fs::canonicalize(p).ok()).into_iter().collect();
    let problems = walk(paths, true, |path, named| {
        if !is_workspace_file(&store, path) && (named || config.is_article(path)) {
            files.push(path.to_path_buf());
        }
        Ok::<(), ()>(())
    })
    .unwrap_or_default();
    files.sort();
    files.dedup();
    (files, problems)
}

/// Whether `path` is the configuration or a registry file (`never`, as
/// canonical paths) or any `copydesk.toml`.
pub(crate) fn is_workspace_file(never: &[PathBuf], path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == crate::config::CONFIG_FILE)
        || (!never.is_empty() && std::fs::canonicalize(path).is_ok_and(|p| never.contains(&p)))
}

/// Walks the user's `paths` and calls `visit` with every file: a named
/// file with `true`, a file found in a folder with `false` (paths shown
/// without a leading `./`). Folders are walked as ripgrep walks them;
/// export folders are skipped, and with `prune_nested` so are folders
/// below a walked one that hold a `copydesk.toml`. Returns the problems
/// of paths that do not exist or cannot be walked, or the first error of
/// `visit`, which stops the walk.
pub(crate) fn walk<E>(
    paths: &[PathBuf],
    prune_nested: bool,
    mut visit: impl FnMut(&Path, bool) -> Result<(), E>,
) -> Result<Vec<FileProblem>, E> {
    let mut problems = Vec::new();
    for path in paths {
        if path.is_file() {
            visit(path, true)?;
            continue;
        }
        if !path.is_dir() {
            problems.push(FileProblem::whole_file(path, ProblemLevel::Error, "no such file or folder"));
            continue;
        }
        let walk = ignore::WalkBuilder::new(path)
            .filter_entry(move |e| {
                let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                !(is_dir
                    && (e.path().join(EXPORT_MARKER).exists()
                        || (prune_nested && e.depth() > 0 && e.path().join(crate::config::CONFIG_FILE).is_file())))
            })
            .build();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    visit(entry.path().strip_prefix("./").unwrap_or(entry.path()), false)?;
                }
                Ok(_) => {}
                Err(e) => problems.push(walk_problem(path, &e)),
            }
        }
    }
    Ok(problems)
}

fn walk_problem(root: &Path, error: &ignore::Error) -> FileProblem {
    let mut path = root.to_path_buf();
    let mut current = error;
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path = p.clone();
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => current = err,
            _ => break,
        }
    }
    FileProblem::whole_file(&path, ProblemLevel::Error, format!("cannot read: {current}"))
}
