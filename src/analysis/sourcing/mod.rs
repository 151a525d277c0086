//! What the sourcing rules share: the newsroom's sourcing settings, the
//! attribution cues they compile to, and the detection of quantitative
//! claims.

/// A word list read once from a file of `data/` (one entry a line, `#`
/// comments): `data_list!(NAME, "file.txt");` declares `static NAME`.
macro_rules! data_list {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        static $name: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
            crate::text::data_entries(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $file))).collect()
        });
    };
}

pub mod attribution;
pub mod claims;
pub mod decisions;
pub mod grouping;
pub mod numbers;
pub mod quotes;
pub mod scope;
pub mod subject;
pub mod vague;

use std::sync::{Arc, LazyLock};

use regex::Regex;

/// The `[sourcing]` table of `copydesk.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourcingSettings {
    /// Extra phrases that attribute a claim ("the ministry’s dashboard").
    pub attribution: Vec<String>,
    /// Extra phrases that are vague attribution ("people close to").
    pub vague: Vec<String>,
    /// Extra words after which a number is part of a name ("Gate", "Pier").
    pub name_words: Vec<String>,
}

/// Sourcing settings compiled for matching.
#[derive(Debug)]
pub struct Sourcing {
    /// The settings as configured.
    pub settings: SourcingSettings,
    extra_attribution: Option<Regex>,
    extra_vague: Option<Regex>,
}

/// The entries of a data file (one word or phrase per line, `#` comments)
/// as the body of a regular-expression alternation: each entry literal, a
/// space matching any run of white space. Callers add the boundaries.
pub(crate) fn alternation(data: &str) -> String {
    crate::text::data_entries(data).map(|e| regex::escape(e).replace(' ', r"\s+")).collect::<Vec<_>>().join("|")
}

fn phrase_regex(phrases: &[String]) -> Option<Regex> {
    if phrases.is_empty() {
        return None;
    }
    let alternatives: Vec<String> = phrases.iter().map(|p| regex::escape(p.trim())).collect();
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|"))).ok()
}

impl Sourcing {
    /// Compiles `settings`.
    pub fn new(settings: SourcingSettings) -> Sourcing {
        let extra_attribution = phrase_regex(&settings.attribution);
        let extra_vague = phrase_regex(&settings.vague);
        Sourcing { settings, extra_attribution, extra_vague }
    }

    /// The defaults, shared.
    pub fn defaults() -> Arc<Sourcing> {
        static DEFAULT: LazyLock<Arc<Sourcing>> =
            LazyLock::new(|| Arc::new(Sourcing::new(SourcingSettings::default())));
        DEFAULT.clone()
    }

    /// The configured extra attribution cues, if any.
    pub fn extra_attribution(&self) -> Option<&Regex> {
        self.extra_attribution.as_ref()
    }

    /// The configured extra vague phrases, if any.
    pub fn extra_vague(&self) -> Option<&Regex> {
        self.extra_vague.as_ref()
    }

    /// Whether `word` is a configured name word (case-insensitive).
    pub fn is_name_word(&self, word: &str) -> bool {
        self.settings.name_words.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}
