//! copydesk: actor linking and name and sourcing checks for news corpora.
//!
//! The library is the core shared by the `copydesk check` CLI and the
//! language server. It knows nothing of terminals or of LSP: it reads
//! configuration, registries and articles, and turns an article into
//! mentions and findings located by byte offsets. See ARCHITECTURE.md.
//!
//! The edges are features (`cli`, `lsp`, both on by default): built with
//! `default-features = false` (as the Python module's crate does) the
//! library is the core alone, so the compiler proves it needs no edge.

pub mod analysis;
pub mod annotations;
pub mod article;
#[cfg(feature = "cli")]
pub mod cli;
pub mod compiled;
pub mod config;
pub mod date;
pub mod finding;
pub mod generate;
pub mod input;
pub mod lexicon;
pub mod linking;
#[cfg(feature = "lsp")]
pub mod lsp;
pub mod position;
pub mod problem;
pub mod record;
pub mod registry;
pub mod rules;
pub mod text;
pub mod timing;
pub mod workspace;
