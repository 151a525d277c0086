//! One module per editor feature; each adds methods to the backend.

mod actions;
pub mod annotate;
mod completion;
pub mod diagnostics;
mod hover;
mod navigation;
mod quotes;
mod registry_entry;
mod rename;
pub mod spelling;
mod symbols;
pub mod tokens;
