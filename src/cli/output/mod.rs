//! Output formats of `copydesk check`, all behind [`Emitter`].

mod github;
mod json;
mod sarif;
mod text;

use std::io::{self, Write};

use super::Format;
use super::report::Report;

/// Writes a [`Report`] in one format.
pub trait Emitter {
    /// Writes `report` to `out`.
    fn emit(&self, out: &mut dyn Write, report: &Report) -> io::Result<()>;
}

/// The emitter for `format`.
pub fn emitter(format: Format) -> Box<dyn Emitter> {
    match format {
        Format::Text => Box::new(text::TextEmitter),
        Format::Json => Box::new(json::JsonEmitter),
        Format::Sarif => Box::new(sarif::SarifEmitter),
        Format::Github => Box::new(github::GithubEmitter),
    }
}
