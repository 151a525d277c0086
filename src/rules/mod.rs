//! The rules: one file per rule, each declared with [`declare_rule!`] so
//! that its doc comment is both its Rust documentation and the text of
//! `copydesk explain RULE`.
//!
//! Rule ids are stable, kebab-case, and never reused. A rule reads the
//! shared [`Context`] and pushes [`Finding`]s with its default severity; the
//! analysis applies the configured severity afterwards.

use std::collections::HashMap;

use crate::analysis::Context;
use crate::finding::{Finding, Severity};

/// Declares a rule: a unit struct whose doc comment becomes its
/// explanation, with its id, default severity, one-line summary, whether it
/// offers fixes and, if it does, whether they are `Safe` (applied by
/// `--fix`) or `Unsafe` (only with `--unsafe-fixes`).
macro_rules! declare_rule {
    (@safety) => { None };
    (@safety $safety:ident) => { Some($crate::finding::Applicability::$safety) };
    (
        $(#[doc = $doc:literal])+
        pub struct $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            fix: $fix:ident $(($safety:ident))? $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub struct $name;

        impl $name {
            /// The rule's metadata.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                default_severity: $crate::finding::Severity::$severity,
                summary: $summary,
                explanation: concat!($($doc, "\n"),+),
                fix: $crate::rules::FixAvailability::$fix,
                fix_safety: declare_rule!(@safety $($safety)?),
            };
        }
    };
}

mod ambiguous_name;
mod duplicated_name_token;
mod house_style_term;
mod inconsistent_name;
mod invalid_front_matter;
mod invalid_suppression;
mod misspelled_name;
mod name_variant;
mod repeated_word;
mod title_mismatch;
mod unattributed_quote;
mod unknown_actor;
mod unsourced_statistic;
mod vague_attribution;

pub use ambiguous_name::AmbiguousName;
pub use duplicated_name_token::DuplicatedNameToken;
pub use house_style_term::HouseStyleTerm;
pub use inconsistent_name::InconsistentName;
pub use invalid_front_matter::InvalidFrontMatter;
pub use invalid_suppression::InvalidSuppression;
pub use misspelled_name::MisspelledName;
pub use name_variant::NameVariant;
pub use repeated_word::RepeatedWord;
pub use title_mismatch::TitleMismatch;
pub use unattributed_quote::UnattributedQuote;
pub use unknown_actor::UnknownActor;
pub use unsourced_statistic::UnsourcedStatistic;
pub use vague_attribution::VagueAttribution;

/// Whether a rule's findings come with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    /// Never.
    None,
    /// Some findings.
    Sometimes,
    /// Every finding.
    Always,
}

/// A rule's static description.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line for `copydesk rules`.
    pub summary: &'static str,
    /// The full explanation (Markdown), from the rule's doc comment.
    pub explanation: &'static str,
    /// Whether it offers fixes.
    pub fix: FixAvailability,
    /// Whether its fixes are safe (`--fix` applies them) or unsafe (they
    /// change meaning or guess: only `--fix --unsafe-fixes` applies them);
    /// `None` when it has none. Every fix a rule emits has this
    /// applicability (a unit test holds them to it).
    pub fix_safety: Option<crate::finding::Applicability>,
}

impl RuleMeta {
    /// `safe`, `unsafe`, or empty for a rule without fixes.
    pub fn fix_safety_str(&self) -> &'static str {
        match self.fix_safety {
            Some(crate::finding::Applicability::Safe) => "safe",
            Some(crate::finding::Applicability::Unsafe) => "unsafe",
            None => "",
        }
    }
}

impl RuleMeta {
    /// The explanation with the doc-comment indentation removed.
    pub fn explanation_text(&self) -> String {
        self.explanation
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// A check over one article.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Pushes the rule's findings for the article in `cx`.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

static RULES: &[&dyn Rule] = &[
    &DuplicatedNameToken,
    &RepeatedWord,
    &MisspelledName,
    &NameVariant,
    &HouseStyleTerm,
    &InconsistentName,
    &UnknownActor,
    &AmbiguousName,
    &TitleMismatch,
    &UnsourcedStatistic,
    &UnattributedQuote,
    &VagueAttribution,
    &InvalidFrontMatter,
    &InvalidSuppression,
];

/// Every rule, in documentation order.
pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// The rule with id `id`.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

/// A configured rule level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    /// Report with this severity.
    On(Severity),
    /// Do not run the rule.
    Off,
}

impl std::str::FromStr for RuleLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<RuleLevel, String> {
        if s == "off" {
            return Ok(RuleLevel::Off);
        }
        s.parse::<Severity>()
            .map(RuleLevel::On)
            .map_err(|_| format!("unknown level `{s}`, expected error, warning, info, hint or off"))
    }
}

/// Per-rule levels; rules not listed run at their default severity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSettings {
    levels: HashMap<&'static str, RuleLevel>,
}

impl RuleSettings {
    /// Sets the level of the rule `id` (which must be a known rule id).
    pub fn set(&mut self, id: &'static str, level: RuleLevel) {
        self.levels.insert(id, level);
    }

    /// Overlays `other` on these settings.
    pub fn merge(&mut self, other: &RuleSettings) {
        self.levels.extend(other.levels.iter().map(|(k, v)| (*k, *v)));
    }

    /// The severity to report `rule` with, or `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        match self.levels.get(rule.id) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::On(s)) => Some(*s),
            None => Some(rule.default_severity),
        }
    }
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::{FixAvailability, all};

    /// A rule with fixes says whether they are safe; one without says nothing.
    #[test]
    fn fix_safety_goes_with_fixes() {
        for rule in all() {
            let meta = rule.meta();
            assert_eq!(meta.fix == FixAvailability::None, meta.fix_safety.is_none(), "{}", meta.id);
        }
    }
}
