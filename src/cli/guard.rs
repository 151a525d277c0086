//! One article's analysis under a guard, so that a bug in copydesk costs
//! that article and not the run.
//!
//! Every batch path (check, fix, export, the stream) runs the pure part of
//! an article's work — analysis, fixes, building its report — inside
//! [`article`]. A panic there becomes an `internal-error` problem located
//! at the file; the other files' results are complete, and the run exits
//! with status 2. Writing (fixed files, brat files) happens only after the
//! guard returned, so a file whose analysis failed is never written.
//!
//! Catching the panic is sound because the analysis is a pure function
//! (ARCHITECTURE.md, invariant 6): it holds no locks and leaves no shared
//! state half-changed, so nothing observable is broken after unwinding.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Once, OnceLock};

use crate::problem::{FileProblem, INTERNAL_ERROR, ProblemLevel};

// With `panic = "abort"` nothing could be caught and one article would
// cost the run again.
#[cfg(panic = "abort")]
compile_error!("copydesk's batch runs catch panics per article: build with panic = \"unwind\" (the default)");

/// The environment variable naming articles whose analysis fails on purpose.
pub const FAIL_ARTICLE_VAR: &str = "COPYDESK_FAIL_ARTICLE";

/// What `copydesk explain internal-error` prints.
pub const EXPLANATION: &str = "\
## What it reports
A file whose analysis failed inside copydesk: a bug in copydesk, not in the
file. The file is skipped (and never fixed); every other file is checked as
usual, and the run exits with status 2.

## Where it appears
With the file's path at line 1, column 1: in the text report
(`error[internal-error]`), in `--format json` under `errors` with
`\"rule\": \"internal-error\"`, in SARIF as a tool execution notification with
that id, on standard error for `export`, and in the output line of the
article for `--stdin-jsonl`.

## What to do
Please report it with the file (or the smallest part of it that still
fails) and the message, which names where copydesk failed. It is not a
finding: it cannot be turned off in `[rules]`.
";

thread_local! {
    /// How many guards are active on this thread (analyses can nest when a
    /// rayon worker waits inside one and picks up another file).
    static GUARDS: Cell<usize> = const { Cell::new(0) };
    /// Where the last caught panic happened, recorded by the quiet hook.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `work`, the pure part of handling the article `name` (a path, or
/// `stdin:N` for a stream line), turning a panic into an `internal-error`
/// problem for it.
pub(super) fn article<T>(name: &Path, work: impl FnOnce() -> T) -> Result<T, FileProblem> {
    install_quiet_hook();
    GUARDS.with(|g| g.set(g.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(|| {
        fail_if_asked(name);
        work()
    }));
    GUARDS.with(|g| g.set(g.get() - 1));
    result.map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        let place = LAST_PANIC.with(|p| p.borrow_mut().take()).map(|at| format!(" at {at}")).unwrap_or_default();
        internal_error(name, &format!("{detail}{place}"))
    })
}

/// The problem for an article whose analysis failed with `detail`.
pub(super) fn internal_error(name: &Path, detail: &str) -> FileProblem {
    FileProblem::whole_file(
        name,
        ProblemLevel::Error,
        format!(
            "copydesk failed while analysing this file ({detail}); skipped. \
             This is a bug in copydesk, not in the file: please report it with the file"
        ),
    )
    .with_code(INTERNAL_ERROR)
}

/// Replaces the panic hook, once, by one that stays quiet for panics a guard
/// will catch (their problem says everything, once per file) and records
/// where they happened; other panics still go to the previous hook.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDS.with(Cell::get) > 0 {
                let at = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                LAST_PANIC.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Panics when [`FAIL_ARTICLE_VAR`] is set and `name` contains its value.
///
/// A fault-injection hook: the end-to-end tests run real batches with it
/// set and check that one failing article costs that article, not the run.
/// It reads only the variable, once, says so on standard error, and runs
/// nothing.
fn fail_if_asked(name: &Path) {
    static TARGET: OnceLock<Option<String>> = OnceLock::new();
    let target = TARGET.get_or_init(|| {
        let target = std::env::var(FAIL_ARTICLE_VAR).ok().filter(|t| !t.is_empty());
        if let Some(part) = &target {
            eprintln!(
                "copydesk: {FAIL_ARTICLE_VAR} is set: articles whose name contains `{part}` will fail on purpose"
            );
        }
        target
    });
    if let Some(part) = target.as_deref().filter(|part| name.to_string_lossy().contains(part)) {
        panic!("injected failure ({FAIL_ARTICLE_VAR}={part})");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_located_internal_error_and_the_next_call_works() {
        let failed = article(Path::new("a.md"), || -> u32 { panic!("boom") }).unwrap_err();
        assert_eq!(failed.code, Some(INTERNAL_ERROR));
        assert_eq!((failed.line, failed.column), (1, 1));
        assert!(failed.message.starts_with("copydesk failed while analysing this file (boom at src/cli/guard.rs:"));
        assert!(failed.to_string().starts_with("a.md:1:1: error[internal-error]: "));
        assert_eq!(article(Path::new("b.md"), || 7).unwrap(), 7);
    }
}
