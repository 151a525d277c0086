//! `Workspace`: a configuration, its registry and lexicon, and the
//! analysis of texts into export records.

use std::path::{Path, PathBuf};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;
use serde_json::Value;

use copydesk::article::{Article, Syntax, syntax_for};
use copydesk::config::{CONFIG_FILE, Config};
use copydesk::date::Date;
use copydesk::problem::FileProblem;
use copydesk::workspace;

use crate::registry::Registry;

/// One text to analyse: the text, its path (for its syntax and the
/// record's `path`), a date to use when its front matter has none, and
/// the record's `id` as JSON.
type Item = (String, Option<String>, Option<String>, Option<String>);

/// A loaded workspace.
#[pyclass(module = "copydesk._copydesk", frozen)]
pub struct Workspace {
    ws: workspace::Workspace,
    /// The `copydesk.toml` it was loaded from.
    #[pyo3(get)]
    config_path: PathBuf,
}

impl Workspace {
    /// The date `date` names, or a `ValueError` saying why it cannot be used.
    fn date(date: Option<&str>) -> PyResult<Option<Date>> {
        date.map(|d| Date::parse(d).map_err(|e| PyValueError::new_err(format!("date {d:?} cannot be used: {e}"))))
            .transpose()
    }

    /// The record of one text, as JSON.
    fn record(&self, text: &str, path: Option<&str>, date: Option<Date>, id: Option<&Value>) -> String {
        let syntax = path.map_or(Syntax::Plain, |p| syntax_for(Path::new(p)));
        let article = Article::new(text, syntax);
        // The annotation store's decisions about the article, as the CLI
        // applies them to the same path.
        let decisions = path.map_or(&[][..], |p| self.ws.annotations.for_article(Path::new(p)));
        let (registry, lexicon) = (&self.ws.registry, &self.ws.lexicon);
        let analysis = match date {
            None => copydesk::analysis::analyze_with(&article, registry, lexicon, &self.ws.config.options, decisions),
            Some(date) => {
                let mut options = self.ws.config.options.clone();
                options.default_date = Some(date);
                copydesk::analysis::analyze_with(&article, registry, lexicon, &options, decisions)
            }
        };
        let mut record = copydesk::record::article(&article, &analysis, &self.ws.registry);
        record.path = path.map(|p| p.replace('\\', "/"));
        record.id = id;
        serde_json::to_string(&record).expect("a record always serialises")
    }
}

#[pymethods]
impl Workspace {
    /// Loads `path` (a `copydesk.toml`, or a folder holding one) and the
    /// registry it names.
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Workspace> {
        let config_path = if path.is_dir() { path.join(CONFIG_FILE) } else { path };
        let loaded = py.allow_threads(|| Config::load(&config_path).and_then(|c| workspace::Workspace::load(c, &[])));
        match loaded {
            Ok(ws) => Ok(Workspace { ws, config_path }),
            Err(problems) => Err(crate::error(py, &problems)),
        }
    }

    /// The registry's warnings (errors fail the load), as dictionaries.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        crate::problem_dicts(py, &self.ws.warnings)
    }

    /// The folder the configuration's paths and globs are relative to.
    #[getter]
    fn root(&self) -> PathBuf {
        self.ws.config.root.clone()
    }

    /// The registry files the configuration named, as loaded.
    #[getter]
    fn registry_files(&self) -> Vec<PathBuf> {
        self.ws.registry_files.clone()
    }

    /// The workspace's articles, as `copydesk check` in its folder finds
    /// them (include and exclude globs, `.gitignore`, hidden files), sorted.
    fn articles(&self, py: Python<'_>) -> PyResult<Vec<PathBuf>> {
        let root = self.ws.config.root.clone();
        let (files, problems) = py.allow_threads(|| workspace::collect_articles(&self.ws.config, &[root]));
        if problems.iter().any(FileProblem::is_error) {
            return Err(crate::error(py, &problems));
        }
        Ok(files)
    }

    /// The workspace's registry.
    #[getter]
    fn registry(&self) -> Registry {
        Registry::new(self.ws.registry.clone(), self.ws.lexicon.clone())
    }

    /// The export record of `text`, as JSON.
    #[pyo3(signature = (text, path=None, date=None))]
    fn analyze_json(&self, py: Python<'_>, text: &str, path: Option<&str>, date: Option<&str>) -> PyResult<String> {
        let date = Workspace::date(date)?;
        Ok(py.allow_threads(|| self.record(text, path, date, None)))
    }

    /// The export records of a batch of `(text, path, date, id as JSON)`,
    /// as JSON, in order: analysed in parallel on every core, without the GIL.
    fn analyze_batch_json(&self, py: Python<'_>, items: Vec<Item>) -> PyResult<Vec<String>> {
        let mut dated = Vec::with_capacity(items.len());
        for (index, (text, path, date, id)) in items.into_iter().enumerate() {
            let in_item = |e: String| PyValueError::new_err(format!("item {index}: {e}"));
            let date = Workspace::date(date.as_deref()).map_err(|e| in_item(e.value(py).to_string()))?;
            let id: Option<Value> = id
                .map(|id| serde_json::from_str(&id).map_err(|e| in_item(format!("\"id\" is not JSON: {e}"))))
                .transpose()?;
            dated.push((text, path, date, id));
        }
        Ok(py.allow_threads(|| {
            dated
                .par_iter()
                .map(|(text, path, date, id)| self.record(text, path.as_deref(), *date, id.as_ref()))
                .collect()
        }))
    }
}
