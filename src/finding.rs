//! What rules report: findings, their severities and their fixes.
//!
//! Ranges are byte offsets into the article's text; converting them to lines
//! and columns is the output layer's job (through [`crate::position`]).

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::registry::ActorIdx;

/// How serious a finding is, from most to least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Must be fixed before publication.
    Error,
    /// Very likely wrong.
    Warning,
    /// Worth a look.
    Info,
    /// A gentle suggestion.
    Hint,
}

impl Severity {
    /// The lowercase name used in configuration and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    /// Whether a finding of this severity reaches the threshold `at_least`
    /// (e.g. a warning reaches `--fail-on info`).
    pub fn reaches(self, at_least: Severity) -> bool {
        self <= at_least
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Severity, String> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            "hint" => Ok(Severity::Hint),
            other => Err(format!("unknown severity `{other}`, expected error, warning, info or hint")),
        }
    }
}

/// Whether a fix can be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Restores the registry's spelling of a name: `check --fix` applies it.
    Safe,
    /// Probably right, but changes meaning or facts: offered in the editor,
    /// applied in bulk only by `check --fix --unsafe-fixes` (or shown by
    /// `--diff --unsafe-fixes`), for a person to review.
    Unsafe,
}

/// One text replacement.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// Byte range replaced.
    pub range: Range<usize>,
    /// The new text.
    pub replacement: String,
}

/// A fix: one or more edits applied together.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// A short imperative description ("Replace with ‘Vladimir Putin’").
    pub title: String,
    /// The edits, non-overlapping, in text order.
    pub edits: Vec<Edit>,
    /// Whether it is safe to apply without review.
    pub applicability: Applicability,
}

impl Fix {
    /// A single replacement.
    pub fn replace(range: Range<usize>, replacement: impl Into<String>, applicability: Applicability) -> Fix {
        let replacement = replacement.into();
        let title =
            if replacement.is_empty() { "Remove it".to_string() } else { format!("Replace with ‘{replacement}’") };
        Fix { title, edits: vec![Edit { range, replacement }], applicability }
    }
}

/// What is needed to add an unregistered actor to the registry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ActorSuggestion {
    /// The name as seen in the text.
    pub name: String,
    /// A registry id derived from the name.
    pub id: String,
    /// The kind of actor, as a registry `kind` value.
    pub kind: &'static str,
    /// The role or description phrase seen beside the name, if any.
    pub role: Option<String>,
}

/// Extra structured data some findings carry for tools (code actions, JSON).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FindingData {
    /// An unknown actor that could be added to the registry.
    NewActor(ActorSuggestion),
    /// The actors an ambiguous name could refer to.
    Candidates(Vec<ActorIdx>),
}

/// One problem a rule found in an article.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    /// The rule's stable kebab-case id.
    pub rule: &'static str,
    /// Severity after configuration is applied.
    pub severity: Severity,
    /// What is wrong, in the editor's words.
    pub message: String,
    /// Byte range of the flagged text.
    pub range: Range<usize>,
    /// The registry actor the finding is about, if any.
    pub actor: Option<ActorIdx>,
    /// Fixes, best first; possibly empty.
    pub fixes: Vec<Fix>,
    /// Structured extras.
    pub data: Option<FindingData>,
}

impl Finding {
    /// A finding with no actor, fixes or data; the severity is the rule's
    /// default until the analysis applies the configured one.
    pub fn new(rule: &'static str, severity: Severity, range: Range<usize>, message: impl Into<String>) -> Finding {
        Finding { rule, severity, message: message.into(), range, actor: None, fixes: Vec::new(), data: None }
    }

    /// Links the finding to an actor.
    pub fn with_actor(mut self, actor: ActorIdx) -> Finding {
        self.actor = Some(actor);
        self
    }

    /// Adds a fix.
    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fixes.push(fix);
        self
    }

    /// Attaches structured data.
    pub fn with_data(mut self, data: FindingData) -> Finding {
        self.data = Some(data);
        self
    }
}
