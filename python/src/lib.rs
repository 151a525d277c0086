//! `copydesk._copydesk`: the analysis core as a Python extension module.
//!
//! The `copydesk` package (python/copydesk) wraps it: this module turns
//! Python values into core calls and core results into the export record's
//! JSON, which the package parses. Analysis runs without the GIL, in
//! parallel on rayon's pool for batches. Nothing here knows lines and
//! columns beyond what the export record already carries.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use copydesk::problem::{FileProblem, ProblemLevel};

mod registry;
mod workspace;

/// mimalloc for Rust's allocations (Python's objects keep Python's
/// allocator): glibc's malloc costs analysis ~15% on every core.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    _copydesk,
    CopydeskError,
    PyException,
    "A configuration, registry or input problem; `problems` lists each with its path, line and column."
);

/// A list of problems as Python dictionaries (`path`, `line`, `column`,
/// `level`, `message`).
fn problem_dicts<'py>(py: Python<'py>, problems: &[FileProblem]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for p in problems {
        let d = PyDict::new(py);
        d.set_item("path", p.path.to_string_lossy())?;
        d.set_item("line", p.line)?;
        d.set_item("column", p.column)?;
        d.set_item("level", if p.level == ProblemLevel::Error { "error" } else { "warning" })?;
        d.set_item("message", &p.message)?;
        list.append(d)?;
    }
    Ok(list)
}

/// A `CopydeskError` whose message is every problem as `path:line:column:
/// level: message` (one a line) and whose `problems` attribute lists them.
fn error(py: Python<'_>, problems: &[FileProblem]) -> PyErr {
    let message = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    let err = CopydeskError::new_err(message);
    if let Ok(list) = problem_dicts(py, problems) {
        let _ = err.value(py).setattr("problems", list);
    }
    err
}

/// Runs the `copydesk` command with `args` (the program name first) and
/// returns its exit code. The GIL is released for the whole run.
#[cfg(feature = "cli")]
#[pyfunction]
fn run_cli(py: Python<'_>, args: Vec<String>) -> u8 {
    let code = py.allow_threads(|| copydesk::cli::main_with(args));
    // `ExitCode` has no accessor: the CLI's codes are 0, 1 and 2.
    (0..=u8::MAX).find(|&c| std::process::ExitCode::from(c) == code).unwrap_or(2)
}

/// The module.
#[pymodule]
fn _copydesk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CopydeskError", m.py().get_type::<CopydeskError>())?;
    m.add_class::<workspace::Workspace>()?;
    m.add_class::<registry::Registry>()?;
    #[cfg(feature = "cli")]
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    Ok(())
}
