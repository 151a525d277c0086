//! A workspace: one configuration, the registry it names, and the lexicon
//! built from that registry; plus finding the articles under it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{Analysis, analyze};
use crate::article::Article;
use crate::config::Config;
use crate::lexicon::Lexicon;
use crate::problem::{FileProblem, ProblemLevel};
use crate::registry::{Registry, load_registry};

/// Configuration, registry and lexicon, ready to analyse articles.
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
}

impl Workspace {
    /// Loads the registry `config` names, plus `extra` registry files the
    /// user named themselves (they may lie anywhere). Any registry error
    /// fails the load with every problem found (errors and warnings).
    pub fn load(config: Config, extra: &[PathBuf]) -> Result<Workspace, Vec<FileProblem>> {
        let mut paths = config.registry_paths()?;
        paths.extend(extra.iter().cloned());
        let load = load_registry(&paths);
        if load.has_errors() {
            return Err(load.problems);
        }
        let lexicon = Lexicon::new(&load.registry);
        Ok(Workspace {
            config,
            registry: Arc::new(load.registry),
            lexicon: Arc::new(lexicon),
            warnings: load.problems,
            registry_files: paths,
        })
    }

    /// Analyses one article with this workspace's registry and settings.
    pub fn analyze(&self, article: &Article) -> Analysis {
        analyze(article, &self.registry, &self.lexicon, &self.config.options)
    }
}

/// The file that marks a folder as a copydesk export (`export -o DIR`
/// writes it): folder walks skip such a folder, so an export inside a
/// workspace is never checked as articles.
pub const EXPORT_MARKER: &str = ".copydesk-export";

/// The articles to check for the user's `paths`: files named explicitly are
/// always checked; folders are walked honouring `.gitignore` and hidden
/// files (as ripgrep does) and filtered by the configuration's include and
/// exclude globs; export folders ([`EXPORT_MARKER`]) are skipped. Returns the files sorted, and a problem for every path
/// that does not exist or cannot be walked.
pub fn collect_articles(config: &Config, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileProblem>) {
    collect(config, &[], paths, false)
}

/// The articles of `workspace` for the user's `paths`, as
/// [`collect_articles`], but never its configuration, a registry file or
/// any `copydesk.toml`, even when named; with `articles_only`, named files
/// must also match the include and exclude globs (for hooks that pass
/// every changed file).
pub fn collect_workspace_articles(
    workspace: &Workspace,
    paths: &[PathBuf],
    articles_only: bool,
) -> (Vec<PathBuf>, Vec<FileProblem>) {
    let mut never: Vec<PathBuf> =
        workspace.registry_files.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    never.extend(workspace.config.path.as_ref().and_then(|p| std::fs::canonicalize(p).ok()));
    collect(&workspace.config, &never, paths, articles_only)
}

/// Whether `path` is the configuration or a registry file (`never`, as
/// canonical paths) or any `copydesk.toml`.
fn is_workspace_file(never: &[PathBuf], path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == crate::config::CONFIG_FILE)
        || (!never.is_empty() && std::fs::canonicalize(path).is_ok_and(|p| never.contains(&p)))
}

fn collect(
    config: &Config,
    never: &[PathBuf],
    paths: &[PathBuf],
    articles_only: bool,
) -> (Vec<PathBuf>, Vec<FileProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_file() {
            if is_workspace_file(never, path) || (articles_only && !config.is_article(path)) {
                continue;
            }
            files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            problems.push(FileProblem::whole_file(path, ProblemLevel::Error, "no such file or folder"));
            continue;
        }
        let walk = ignore::WalkBuilder::new(path)
            .filter_entry(|e| !(e.file_type().is_some_and(|t| t.is_dir()) && e.path().join(EXPORT_MARKER).exists()))
            .build();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    if config.is_article(entry.path()) && !is_workspace_file(never, entry.path()) {
                        let shown = entry.path().strip_prefix("./").unwrap_or(entry.path());
                        files.push(shown.to_path_buf());
                    }
                }
                Ok(_) => {}
                Err(e) => problems.push(walk_problem(path, &e)),
            }
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
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
