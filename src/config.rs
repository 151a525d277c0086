//! Workspace configuration: `copydesk.toml`.
//!
//! A configuration file applies to the folder it is in and everything
//! below. Paths and globs in it are relative to that folder. Every error
//! names the file, line and column of the offending key or value.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::analysis::Options;
use crate::analysis::sourcing::{Sourcing, SourcingSettings};
use crate::date::Date;
use crate::problem::{FileProblem, ProblemLevel};
use crate::rules::{self, RuleLevel, RuleSettings};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "copydesk.toml";

/// One configured registry file or glob, with where it was written.
#[derive(Clone, Debug)]
pub struct RegistryEntry {
    /// The path or glob, relative to the configuration's folder.
    pub pattern: String,
    /// Byte span of the value in the configuration file.
    pub span: Range<usize>,
}

/// A loaded configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// The folder paths are relative to.
    pub root: PathBuf,
    /// The file's text, for locating problems found after parsing.
    source: String,
    /// Registry files or globs.
    pub registry: Vec<RegistryEntry>,
    /// The annotation store (`annotations`), relative to the folder.
    pub annotations: RegistryEntry,
    include: GlobSet,
    exclude: GlobSet,
    /// How articles are analysed: rule levels, default date, sourcing.
    pub options: Options,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    registry: Option<Vec<toml::Spanned<String>>>,
    annotations: Option<toml::Spanned<String>>,
    include: Option<Vec<toml::Spanned<String>>>,
    exclude: Option<Vec<toml::Spanned<String>>>,
    date: Option<toml::Spanned<toml::Value>>,
    rules: Option<BTreeMap<toml::Spanned<String>, toml::Spanned<String>>>,
    sourcing: Option<RawSourcing>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSourcing {
    #[serde(default)]
    attribution: Vec<String>,
    #[serde(default)]
    vague: Vec<String>,
    #[serde(default)]
    name_words: Vec<String>,
}

const DEFAULT_INCLUDE: &[&str] = &["**/*.md", "**/*.txt"];

impl Config {
    /// The built-in defaults, rooted at `root`: registry `actors.toml`,
    /// articles `**/*.md` and `**/*.txt`.
    pub fn defaults(root: &Path) -> Config {
        Config {
            path: None,
            root: root.to_path_buf(),
            source: String::new(),
            registry: vec![RegistryEntry { pattern: "actors.toml".to_string(), span: 0..0 }],
            annotations: RegistryEntry { pattern: crate::annotations::DEFAULT_STORE.to_string(), span: 0..0 },
            include: globs(DEFAULT_INCLUDE.iter().copied()).expect("default globs are valid"),
            exclude: GlobSet::empty(),
            options: Options::default(),
        }
    }

    /// Reads and parses the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Config, Vec<FileProblem>> {
        let problem = |message: String| vec![FileProblem::whole_file(path, ProblemLevel::Error, message)];
        let bytes = crate::input::read_capped(path, crate::input::CONFIG_CAP).map_err(|e| match e {
            crate::input::ReadError::Io(e) => problem(format!("cannot read configuration: {e}")),
            too_large => problem(format!("configuration file {too_large}")),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            problem(format!("configuration is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
        })?;
        Config::parse(path, &text)
    }

    /// Reads a configuration found by discovery
    /// ([`crate::workspace::Governors::of_folder`], not one the user named
    /// with `--config`): one that is a symbolic link out of its folder is
    /// refused, since it would govern the workspace from outside.
    pub fn load_discovered(path: &Path) -> Result<Config, Vec<FileProblem>> {
        Config::refuse_link_out(path)?;
        Config::load(path)
    }

    /// The check [`Config::load_discovered`] makes before reading (the
    /// language server reads open buffers itself): a discovered
    /// configuration that is a symbolic link out of its folder is an error.
    pub fn refuse_link_out(path: &Path) -> Result<(), Vec<FileProblem>> {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        if let (Ok(target), Ok(root)) = (std::fs::canonicalize(path), std::fs::canonicalize(folder)) {
            if !target.starts_with(&root) {
                let message = format!(
                    "is a symbolic link to {}, outside its workspace ({}); a configuration found in a workspace \
                     must be inside it — replace the link with a copy, or name the file with --config",
                    target.display(),
                    root.display()
                );
                return Err(vec![FileProblem::whole_file(path, ProblemLevel::Error, message)]);
            }
        }
        Ok(())
    }

    /// Parses configuration `text` as if read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<FileProblem>> {
        let error =
            |span: Range<usize>, message: String| FileProblem::at(path, text, span, ProblemLevel::Error, message);
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            vec![error(span, format!("invalid configuration: {}", e.message().trim_end()))]
        })?;
        let root = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut config = Config::defaults(&root);
        config.path = Some(path.to_path_buf());
        config.source = text.to_string();
        let mut problems = Vec::new();

        if let Some(registry) = raw.registry {
            config.registry =
                registry.into_iter().map(|s| RegistryEntry { span: s.span(), pattern: s.into_inner() }).collect();
        }
        if let Some(store) = raw.annotations {
            if store.get_ref().trim().is_empty() || store.get_ref().contains(['*', '?', '[', '{']) {
                problems.push(error(
                    store.span(),
                    "`annotations` names one file (no glob), e.g. \"annotations.jsonl\"".to_string(),
                ));
            }
            config.annotations = RegistryEntry { span: store.span(), pattern: store.into_inner() };
        }
        for (value, target) in [(raw.include, &mut config.include), (raw.exclude, &mut config.exclude)] {
            let Some(value) = value else { continue };
            let patterns = value;
            for pattern in &patterns {
                if let Err(e) = glob(pattern.get_ref()) {
                    problems.push(error(pattern.span(), format!("invalid glob `{}`: {}", pattern.get_ref(), e.kind())));
                }
            }
            if let Ok(set) = globs(patterns.iter().map(|p| p.get_ref().as_str())) {
                *target = set;
            }
        }
        if let Some(date) = raw.date {
            let parsed = match date.get_ref() {
                toml::Value::String(s) => Date::parse(s).map_err(|e| e.to_string()),
                toml::Value::Datetime(d) => Date::parse(&d.to_string()).map_err(|e| e.to_string()),
                other => Err(format!(
                    "expected a full date as YYYY-MM-DD, found {} {}",
                    if other.type_str().starts_with(['a', 'i']) { "an" } else { "a" },
                    other.type_str()
                )),
            };
            match parsed {
                Ok(d) => config.options.default_date = Some(d),
                Err(e) => problems.push(error(date.span(), format!("invalid `date`: {e}"))),
            }
        }
        if let Some(sourcing) = raw.sourcing {
            let settings = SourcingSettings {
                attribution: sourcing.attribution,
                vague: sourcing.vague,
                name_words: sourcing.name_words,
            };
            config.options.sourcing = std::sync::Arc::new(Sourcing::new(settings));
        }
        let mut rule_settings = RuleSettings::default();
        for (id, level) in raw.rules.unwrap_or_default() {
            let Some(rule) = rules::by_id(id.get_ref()) else {
                problems
                    .push(error(id.span(), format!("unknown rule `{}`; `copydesk rules` lists them", id.get_ref())));
                continue;
            };
            match level.get_ref().parse::<RuleLevel>() {
                Ok(level) => rule_settings.set(rule.meta().id, level),
                Err(e) => problems.push(error(level.span(), e)),
            }
        }
        config.options.rules = rule_settings;
        if problems.is_empty() { Ok(config) } else { Err(problems) }
    }

    /// The registry files, globs expanded, in configured order. A missing
    /// file or a glob that matches nothing is an error at its entry.
    pub fn registry_paths(&self) -> Result<Vec<PathBuf>, Vec<FileProblem>> {
        let mut paths = Vec::new();
        let mut problems = Vec::new();
        for entry in &self.registry {
            let is_glob = entry.pattern.contains(['*', '?', '[', '{']);
            if is_glob {
                let mut matches = self.expand_glob(&entry.pattern);
                let before = problems.len();
                if self.path.is_some() {
                    matches.retain(|path| match self.escapes(path) {
                        Some(target) => {
                            problems.push(self.problem(&entry.span, self.link_out_message(path, &target)));
                            false
                        }
                        None => true,
                    });
                }
                if matches.is_empty() && problems.len() == before {
                    problems.push(self.problem(
                        &entry.span,
                        format!("registry glob `{}` matches no file under {}", entry.pattern, self.root.display()),
                    ));
                }
                paths.extend(matches);
            } else {
                let path = if self.root == Path::new(".") {
                    PathBuf::from(&entry.pattern)
                } else {
                    self.root.join(&entry.pattern)
                };
                if self.path.is_some() && !normalize(&path).starts_with(normalize(&self.root)) {
                    problems.push(self.problem(
                        &entry.span,
                        format!(
                            "registry `{}` is outside the workspace ({}); a workspace's configuration may only name files inside it — pass it with `--registry` or your editor's `copydesk.registry` setting",
                            entry.pattern,
                            self.root.display()
                        ),
                    ));
                    continue;
                }
                if self.path.is_some() {
                    if let Some(target) = self.escapes(&path) {
                        problems.push(self.problem(&entry.span, self.link_out_message(&path, &target)));
                        continue;
                    }
                }
                if path.is_file() {
                    paths.push(path);
                } else if self.path.is_some() {
                    problems.push(self.problem(
                        &entry.span,
                        format!("registry file `{}` not found (looked for {})", entry.pattern, path.display()),
                    ));
                }
            }
        }
        if problems.is_empty() { Ok(paths) } else { Err(problems) }
    }

    /// The annotation store's path. Like a registry file it must be inside
    /// the workspace (a link out of it is refused); unlike one it need not
    /// exist yet (the editor creates it with the first decision).
    pub fn annotations_path(&self) -> Result<PathBuf, Vec<FileProblem>> {
        let entry = &self.annotations;
        let path =
            if self.root == Path::new(".") { PathBuf::from(&entry.pattern) } else { self.root.join(&entry.pattern) };
        if !normalize(&path).starts_with(normalize(&self.root)) {
            return Err(vec![self.problem(
                &entry.span,
                format!(
                    "annotation store `{}` is outside the workspace ({}); name a file inside it",
                    entry.pattern,
                    self.root.display()
                ),
            )]);
        }
        if let Some(target) = self.escapes(&path) {
            return Err(vec![self.problem(&entry.span, self.link_out_message(&path, &target))]);
        }
        Ok(path)
    }

    /// Loads the annotation store (empty when its file does not exist).
    pub fn load_annotations(&self) -> Result<crate::annotations::Store, Vec<FileProblem>> {
        let path = self.annotations_path()?;
        crate::annotations::Store::load(&path, &self.root).map_err(|e| e.0)
    }

    /// Where `path` really is, if a symbolic link (of it or of a folder on
    /// the way) takes it out of the workspace: the lexical check cannot see
    /// links, so both are resolved.
    fn escapes(&self, path: &Path) -> Option<(PathBuf, PathBuf)> {
        let target = std::fs::canonicalize(path).ok()?;
        let root = std::fs::canonicalize(&self.root).ok()?;
        (!target.starts_with(&root)).then_some((target, root))
    }

    fn link_out_message(&self, path: &Path, (target, root): &(PathBuf, PathBuf)) -> String {
        format!(
            "registry `{}` leads through a symbolic link to {}, outside the workspace ({}); a workspace's \
             configuration may only name files inside it — pass it with `--registry` or your editor's \
             `copydesk.registry` setting, or put a copy in the workspace",
            path.display(),
            target.display(),
            root.display()
        )
    }

    fn expand_glob(&self, pattern: &str) -> Vec<PathBuf> {
        let Ok(set) = globs([pattern]) else { return Vec::new() };
        let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(&self.root)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .filter(|e| e.path().strip_prefix(&self.root).is_ok_and(|rel| set.is_match(rel)))
            .map(|e| e.into_path())
            .collect();
        found.sort();
        found
    }

    fn problem(&self, span: &Range<usize>, message: String) -> FileProblem {
        match &self.path {
            Some(path) => FileProblem::at(path, &self.source, span.clone(), ProblemLevel::Error, message),
            None => FileProblem::whole_file(&self.root.join(CONFIG_FILE), ProblemLevel::Error, message),
        }
    }

    /// Whether `path` (under the root) is an article by the include and
    /// exclude globs.
    pub fn is_article(&self, path: &Path) -> bool {
        let root = normalize(&self.root);
        let path = normalize(path);
        let rel = path.strip_prefix(&root).unwrap_or(&path);
        self.include.is_match(rel) && !self.exclude.is_match(rel)
    }
}

/// `path` made absolute, without `.` and `..` components, so that paths
/// given in different ways compare equal.
pub fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::CurDir => {}
            // Lexically: `a/b/..` is `a` (symlinks are not followed).
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A glob as users write them: a pattern without `/` matches a file name at
/// any depth (as in .gitignore); `*` does not cross folders.
fn glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    let anchored = pattern.trim_start_matches("./");
    let full = if anchored.contains('/') { anchored.to_string() } else { format!("**/{anchored}") };
    GlobBuilder::new(&full).literal_separator(true).build()
}

fn globs<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(glob(pattern)?);
    }
    builder.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match Config::parse(Path::new("ws/copydesk.toml"), text) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_full_configuration() {
        let text = "registry = [\"actors.toml\", \"more/*.jsonl\"]\ninclude = [\"articles/**/*.md\"]\nexclude = [\"drafts/**\"]\ndate = 2026-03-01\n[rules]\nunknown-actor = \"off\"\nrepeated-word = \"warning\"\n";
        let config = Config::parse(Path::new("ws/copydesk.toml"), text).unwrap();
        assert_eq!(config.root, Path::new("ws"));
        assert_eq!(config.registry.len(), 2);
        assert_eq!(config.options.default_date.unwrap().to_string(), "2026-03-01");
        assert!(config.is_article(Path::new("ws/articles/a/b.md")));
        assert!(!config.is_article(Path::new("ws/articles/a/b.txt")));
        assert!(!config.is_article(Path::new("ws/drafts/articles/b.md")));
        assert_eq!(config.options.rules.severity(&crate::rules::UnknownActor::META), None);
        assert_eq!(
            config.options.rules.severity(&crate::rules::RepeatedWord::META),
            Some(crate::finding::Severity::Warning)
        );
    }

    #[test]
    fn bare_patterns_match_at_any_depth() {
        let config = Config::parse(Path::new("copydesk.toml"), "include = [\"*.txt\"]").unwrap();
        assert!(config.is_article(Path::new("a.txt")));
        assert!(config.is_article(Path::new("x/y/a.txt")));
        assert!(!config.is_article(Path::new("README.md")));
    }

    #[test]
    fn every_error_is_located() {
        assert_eq!(
            errors("registry = [\"a.toml\"]\nincludes = [\"*.md\"]\n")[0].split(", expected").next().unwrap(),
            "ws/copydesk.toml:2:1: error: invalid configuration: unknown field `includes`"
        );
        assert_eq!(
            errors("date = \"2026-02-30\"\n"),
            ["ws/copydesk.toml:1:8: error: invalid `date`: `2026-02-30` is not a calendar date"]
        );
        assert_eq!(
            errors("[rules]\nmisspelled-names = \"warning\"\nrepeated-word = \"loud\"\n"),
            [
                "ws/copydesk.toml:2:1: error: unknown rule `misspelled-names`; `copydesk rules` lists them",
                "ws/copydesk.toml:3:17: error: unknown level `loud`, expected error, warning, info, hint or off",
            ]
        );
        assert_eq!(
            errors("include = [\"a/[b\"]\n")[0],
            "ws/copydesk.toml:1:12: error: invalid glob `a/[b`: unclosed character class; missing ']'"
        );
        assert!(errors("registry = 3\n")[0].starts_with("ws/copydesk.toml:1:12: error: invalid configuration:"));
    }

    #[test]
    fn registry_files_outside_the_workspace_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("ws")).unwrap();
        std::fs::write(dir.path().join("shared.toml"), "").unwrap();
        let path = dir.path().join("ws").join(CONFIG_FILE);
        let config = Config::parse(&path, "registry = [\"../shared.toml\"]\n").unwrap();
        let problems = config.registry_paths().unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (1, 13));
        assert!(
            problems[0].message.starts_with("registry `../shared.toml` is outside the workspace"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn missing_registry_files_point_at_the_entry() {
        let dir = std::env::temp_dir().join(format!("copydesk-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(CONFIG_FILE);
        let config =
            Config::parse(&path, "# team registry\nregistry = [\"people.toml\", \"extra/*.jsonl\"]\n").unwrap();
        let problems = config.registry_paths().unwrap_err();
        let shown: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{} {}", p.line, p.column, p.message.split(" (").next().unwrap()))
            .collect();
        assert_eq!(shown[0], "2:13 registry file `people.toml` not found");
        assert!(shown[1].starts_with("2:28 registry glob `extra/*.jsonl` matches no file under"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
