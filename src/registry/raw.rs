//! The registry's on-disk shape, before validation.
//!
//! The same structs serve TOML and JSON Lines: they are generic over the
//! string type, which is `toml::Spanned<String>` for TOML (so every value
//! knows its byte span) and plain `String` for JSON Lines (where the loader
//! locates values inside the line itself).

use std::ops::Range;

use serde::Deserialize;

/// A string value that may know where it was written.
pub(crate) trait Located {
    /// The value.
    fn text(&self) -> &str;
    /// Its byte span in the file, when the format records it.
    fn span(&self) -> Option<Range<usize>>;
    /// The value, taken.
    fn into_text(self) -> String;
}

impl Located for toml::Spanned<String> {
    fn text(&self) -> &str {
        self.get_ref()
    }
    fn span(&self) -> Option<Range<usize>> {
        Some(toml::Spanned::span(self))
    }
    fn into_text(self) -> String {
        self.into_inner()
    }
}

impl Located for String {
    fn text(&self) -> &str {
        self
    }
    fn span(&self) -> Option<Range<usize>> {
        None
    }
    fn into_text(self) -> String {
        self
    }
}

/// One `[[actor]]` table or JSON Lines object, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawActor<S> {
    pub id: S,
    pub name: S,
    #[serde(default = "Option::default")]
    pub kind: Option<S>,
    #[serde(default = "Vec::new")]
    pub aliases: Vec<S>,
    #[serde(default = "Vec::new")]
    pub variants: Vec<S>,
    #[serde(default = "Option::default")]
    pub wikidata: Option<S>,
    #[serde(default = "Option::default")]
    pub description: Option<S>,
    #[serde(default = "Vec::new")]
    pub roles: Vec<RawRole<S>>,
}

/// One `[[actor.roles]]` table, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRole<S> {
    pub title: S,
    #[serde(default = "Vec::new")]
    pub forms: Vec<S>,
    #[serde(default = "Option::default")]
    pub from: Option<S>,
    #[serde(default = "Option::default")]
    pub to: Option<S>,
}

/// One `[[term]]` table (a house-style term), as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTerm<S> {
    #[serde(rename = "use")]
    pub preferred: S,
    #[serde(default = "Vec::new")]
    pub avoid: Vec<S>,
    #[serde(default)]
    pub ignore_case: bool,
    #[serde(default = "Option::default")]
    pub note: Option<S>,
}

/// A whole TOML registry file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTomlFile {
    #[serde(default)]
    pub actor: Vec<toml::Spanned<RawActor<toml::Spanned<String>>>>,
    #[serde(default)]
    pub term: Vec<toml::Spanned<RawTerm<toml::Spanned<String>>>>,
}
