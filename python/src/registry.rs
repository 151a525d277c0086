//! `Registry`: lookups of actors by id and by surface form.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use copydesk::lexicon::Lexicon;
use copydesk::registry::{self, ActorIdx};
use copydesk::text::normalize::{fold_diacritics, normalize_form};

/// A loaded registry and its lexicon (immutable; shared with the
/// workspace it came from).
#[pyclass(module = "copydesk._copydesk", frozen)]
pub struct Registry {
    registry: Arc<registry::Registry>,
    lexicon: Arc<Lexicon>,
}

impl Registry {
    /// Wraps a registry version and its lexicon.
    pub fn new(registry: Arc<registry::Registry>, lexicon: Arc<Lexicon>) -> Registry {
        Registry { registry, lexicon }
    }

    /// An actor as a dictionary.
    fn actor_dict<'py>(&self, py: Python<'py>, idx: ActorIdx) -> PyResult<Bound<'py, PyDict>> {
        let a = self.registry.actor(idx);
        let d = PyDict::new(py);
        d.set_item("id", &a.id)?;
        d.set_item("name", &a.name)?;
        d.set_item("kind", a.kind.as_str())?;
        d.set_item("aliases", &a.aliases)?;
        d.set_item("variants", &a.variants)?;
        d.set_item("wikidata", &a.wikidata)?;
        d.set_item("description", &a.description)?;
        let roles = PyList::empty(py);
        for r in &a.roles {
            let role = PyDict::new(py);
            role.set_item("title", &r.title)?;
            role.set_item("forms", &r.forms)?;
            role.set_item("from", r.from.map(|d| d.to_string()))?;
            role.set_item("to", r.to.map(|d| d.to_string()))?;
            roles.append(role)?;
        }
        d.set_item("roles", roles)?;
        d.set_item("path", self.registry.source_path(idx).to_string_lossy())?;
        Ok(d)
    }
}

#[pymethods]
impl Registry {
    /// Loads registry files (TOML or JSON Lines) without a configuration.
    #[new]
    fn load(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Registry> {
        let load = py.allow_threads(|| registry::load_registry(&paths));
        if load.has_errors() {
            return Err(crate::error(py, &load.problems));
        }
        let lexicon = py.allow_threads(|| Lexicon::new(&load.registry));
        Ok(Registry::new(Arc::new(load.registry), Arc::new(lexicon)))
    }

    /// The actor with id `id`, or `None`.
    fn actor<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.registry.by_id(id).map(|idx| self.actor_dict(py, idx)).transpose()
    }

    /// The actors a surface form (a name, alias, variant or surname, as
    /// written in an article) may refer to, each with `form`: how the form
    /// names it. A form written without its diacritics finds the form with
    /// them. Empty when the registry does not know the form.
    fn lookup<'py>(&self, py: Python<'py>, form: &str) -> PyResult<Bound<'py, PyList>> {
        let text = normalize_form(form);
        let id = self.lexicon.form_by_text(&text).or_else(|| self.lexicon.form_by_folded(&fold_diacritics(&text)));
        let list = PyList::empty(py);
        if let Some(id) = id {
            let form = self.lexicon.form(id);
            for actor in form.actors() {
                let d = self.actor_dict(py, actor)?;
                d.set_item("form", form.kind_for(actor).map(|k| k.as_str()))?;
                list.append(d)?;
            }
        }
        Ok(list)
    }

    /// Every actor id, in registry order.
    fn ids(&self) -> Vec<String> {
        self.registry.actors().iter().map(|a| a.id.clone()).collect()
    }

    fn __len__(&self) -> usize {
        self.registry.len()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.registry.by_id(id).is_some()
    }

    fn __repr__(&self) -> String {
        format!("<copydesk.Registry: {} actors>", self.registry.len())
    }
}
