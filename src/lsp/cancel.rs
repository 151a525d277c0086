//! Cancellation of work that runs off the server's main loop.
//!
//! A request's handler waits for its work on a blocking thread; when the
//! client cancels the request (`$/cancelRequest`) or the session ends,
//! tower-lsp drops the waiting future, and the [`CancelOnDrop`] it holds
//! raises the flag. Long loops (over the registry, over the workspace index)
//! look at the flag every few thousand items and stop early; their partial
//! result is never sent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How many items a long loop handles between looks at its flag.
pub const CHECK_EVERY: usize = 2048;

/// A flag that says the result of some work is no longer wanted.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Whether the work should stop.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Raises the flag.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// A guard that raises the flag when dropped.
    pub fn on_drop(&self) -> CancelOnDrop {
        CancelOnDrop(self.clone())
    }
}

/// Raises its flag when dropped: held by the future that waits for the work.
pub struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}
