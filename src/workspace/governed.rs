//! Which configuration governs which file: the nearest `copydesk.toml` at
//! or above the file's folder, whether that folder is above the path the
//! user named or below it. A run over a tree with several configurations
//! checks each file with its own configuration and registry, each loaded
//! once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Workspace, is_workspace_file, walk};
use crate::config::{CONFIG_FILE, Config, normalize};
use crate::problem::FileProblem;

/// The governing `copydesk.toml` of folders, remembered: a walk asks once
/// per folder, and every folder on the way up is answered by the same
/// search.
#[derive(Debug, Default)]
pub struct Governors {
    /// Normalised folder → its governing configuration file (normalised).
    folders: HashMap<PathBuf, Option<PathBuf>>,
}

impl Governors {
    /// The `copydesk.toml` that governs files in `folder`: the one in it or
    /// in the nearest folder above that has one.
    pub fn of_folder(&mut self, folder: &Path) -> Option<PathBuf> {
        let folder = normalize(folder);
        let mut passed = Vec::new();
        let mut current = Some(folder.as_path());
        let found = loop {
            let Some(dir) = current else { break None };
            if let Some(known) = self.folders.get(dir) {
                break known.clone();
            }
            passed.push(dir.to_path_buf());
            let candidate = dir.join(CONFIG_FILE);
            if candidate.is_file() {
                break Some(candidate);
            }
            current = dir.parent();
        };
        for dir in passed {
            self.folders.insert(dir, found.clone());
        }
        found
    }
}

/// Every `copydesk.toml` under `folder` (itself included), found as the
/// CLI's walk finds files (`.gitignore` and hidden files honoured, export
/// folders skipped), sorted: the language server makes a workspace of
/// each one's folder.
pub fn configs_under(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let _ = walk(&[folder.to_path_buf()], false, |path, _| {
        if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
            found.push(path.to_path_buf());
        }
        Ok::<(), ()>(())
    });
    found.sort();
    found
}

/// A file's folder; a bare file name (`a.md`) is in the current folder.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// The configuration for a run that reads no files from disk
/// (`--stdin-jsonl`): `explicit` (`--config`), else the one governing
/// `folder`, else the defaults rooted at the current folder (`None` as the
/// second value says so).
pub fn config_for_folder(folder: &Path, explicit: Option<&Path>) -> Result<(Config, bool), Vec<FileProblem>> {
    if let Some(file) = explicit {
        return Ok((Config::load(file)?, true));
    }
    match Governors::default().of_folder(folder) {
        Some(file) => Ok((Config::load_discovered(&relative_to_cwd(&file))?, true)),
        None => Ok((Config::defaults(Path::new(".")), false)),
    }
}

/// The workspaces of a run and the articles each checks.
pub struct Run {
    /// One per configuration that governs a file (the first is the
    /// `--config` one when it was given).
    pub workspaces: Vec<Workspace>,
    /// Articles with the index of their workspace, in path order.
    pub files: Vec<(usize, PathBuf)>,
    /// Paths that do not exist or could not be walked.
    pub walk_problems: Vec<FileProblem>,
    /// The workspace of the articles no `copydesk.toml` governs (checked
    /// with the built-in defaults), if there are any.
    pub ungoverned: Option<usize>,
}

impl Run {
    /// The note for articles checked with the built-in defaults because no
    /// configuration governs them: what that costs and what to do. `None`
    /// when every article has a configuration.
    pub fn ungoverned_note(&self) -> Option<String> {
        let index = self.ungoverned?;
        let files: Vec<&Path> = self.files.iter().filter(|(w, _)| *w == index).map(|(_, p)| p.as_path()).collect();
        let folder = common_folder(&files);
        let shown = crate::text::shown_path(&folder);
        let count = match files.len() {
            1 => "1 article".to_string(),
            n => format!("{n} articles"),
        };
        let registry = &self.workspaces[index].registry_files;
        let what = if registry.is_empty() {
            "no registry, so names are not linked".to_string()
        } else {
            let names: Vec<String> = registry.iter().map(|p| crate::text::shown_path(p)).collect();
            format!("registry {}", names.join(", "))
        };
        Some(format!(
            "no {CONFIG_FILE} governs {count} under {shown}: checked with the defaults ({what}) — add a \
             {CONFIG_FILE} naming your registry in {shown} or a folder above it, or pass --config"
        ))
    }
}

/// The deepest folder that holds every one of `files` (as they are written).
fn common_folder(files: &[&Path]) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for file in files {
        let folder = folder_of(file);
        common = Some(match common {
            None => folder.to_path_buf(),
            Some(c) => c.components().zip(folder.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect(),
        });
    }
    match common {
        Some(c) if !c.as_os_str().is_empty() => c,
        _ => PathBuf::from("."),
    }
}

/// Finds the articles under the user's `paths` and loads the workspace of
/// each configuration that governs one: `explicit` (`--config`) for all,
/// else each file's nearest `copydesk.toml` (a folder's include and
/// exclude apply to the files it governs), else the built-in defaults.
/// Named files are articles unless `articles_only` and the globs say no;
/// `copydesk.toml` files and every loaded registry file never are. A
/// configuration or registry error stops the run (`Err`).
pub fn plan_run(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    extra_registry: &[PathBuf],
    articles_only: bool,
) -> Result<Run, Vec<FileProblem>> {
    let mut configs: Vec<Config> = Vec::new();
    let mut by_file: HashMap<Option<PathBuf>, usize> = HashMap::new();
    if let Some(file) = explicit {
        configs.push(Config::load(file)?);
    }
    let mut governors = Governors::default();
    let mut found: Vec<(usize, PathBuf)> = Vec::new();
    // Walks give a folder's files together: its group is looked up once.
    let mut last_folder: Option<(PathBuf, usize)> = None;
    let walk_problems = walk(paths, false, |path, named| {
        let folder = folder_of(path);
        let group = match &last_folder {
            _ if explicit.is_some() => 0,
            Some((known, group)) if known == folder => *group,
            _ => {
                let governing = governors.of_folder(folder);
                let group = match by_file.get(&governing) {
                    Some(group) => *group,
                    None => {
                        configs.push(match &governing {
                            Some(file) => Config::load_discovered(&relative_to_cwd(file))?,
                            None => Config::defaults(Path::new(".")),
                        });
                        by_file.insert(governing, configs.len() - 1);
                        configs.len() - 1
                    }
                };
                last_folder = Some((folder.to_path_buf(), group));
                group
            }
        };
        let config = &configs[group];
        if !is_workspace_file(&[], path) && ((named && !articles_only) || config.is_article(path)) {
            found.push((group, path.to_path_buf()));
        }
        Ok::<(), Vec<FileProblem>>(())
    })?;
    let ungoverned = by_file.get(&None).copied();
    let mut workspaces = Vec::with_capacity(configs.len());
    for config in configs {
        let workspace = Workspace::load_shared(config, extra_registry, &workspaces)?;
        workspaces.push(workspace);
    }
    // A registry file of one workspace may lie in another's folder.
    let never: Vec<PathBuf> = workspaces
        .iter()
        .flat_map(|w| &w.registry_files)
        .chain(workspaces.iter().filter_map(|w| w.config.path.as_ref()))
        .chain(workspaces.iter().filter_map(|w| w.annotations.path.as_ref()))
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    found.retain(|(_, path)| !is_workspace_file(&never, path));
    found.sort_by(|a, b| a.1.cmp(&b.1));
    found.dedup_by(|a, b| a.1 == b.1);
    let ungoverned = ungoverned.filter(|i| found.iter().any(|(w, _)| w == i));
    Ok(Run { workspaces, files: found, walk_problems, ungoverned })
}

/// Shows discovered paths the way the user would type them.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_configuration_governs() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["ws", "ws/a/b", "ws/a/b/c/d"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        std::fs::write(dir.path().join("ws").join(CONFIG_FILE), "").unwrap();
        std::fs::write(dir.path().join("ws/a/b").join(CONFIG_FILE), "").unwrap();
        let mut governors = Governors::default();
        let root = normalize(dir.path());
        assert_eq!(governors.of_folder(&dir.path().join("ws/a/b/c/d")), Some(root.join("ws/a/b").join(CONFIG_FILE)));
        assert_eq!(governors.of_folder(&dir.path().join("ws/a/b/c")), Some(root.join("ws/a/b").join(CONFIG_FILE)));
        assert_eq!(governors.of_folder(&dir.path().join("ws/a")), Some(root.join("ws").join(CONFIG_FILE)));
        assert_eq!(governors.of_folder(&dir.path().join("ws/a/../x/..")), Some(root.join("ws").join(CONFIG_FILE)));
    }

    #[test]
    fn the_common_folder_of_files() {
        let files = [Path::new("a/b/c.md"), Path::new("a/b/d/e.md"), Path::new("a/x.md")];
        assert_eq!(common_folder(&files), Path::new("a"));
        assert_eq!(common_folder(&[Path::new("c.md")]), Path::new("."));
        assert_eq!(common_folder(&[Path::new("a/c.md"), Path::new("b/c.md")]), Path::new("."));
    }
}
