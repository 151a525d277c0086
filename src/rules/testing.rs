//! Helpers for rule tests: a small registry and a way to see one rule's
//! findings as text.

use std::path::Path;

use crate::analysis::{Options, analyze};
use crate::article::{Article, Syntax};
use crate::date::Date;
use crate::finding::Finding;
use crate::lexicon::Lexicon;
use crate::registry::{Registry, parse_registry_text};

/// A registry used across rule tests.
pub const REGISTRY: &str = r#"
[[actor]]
id = "volodymyr-zelenskyy"
name = "Volodymyr Zelenskyy"
variants = ["Zelensky", "Volodymyr Zelensky"]
[[actor.roles]]
title = "President of Ukraine"
forms = ["President", "Ukrainian President"]
from = "2019-05-20"

[[actor]]
id = "vladimir-putin"
name = "Vladimir Putin"
[[actor.roles]]
title = "President of Russia"
forms = ["President", "Russian President"]
from = "2012-05-07"

[[actor]]
id = "ben-wallace"
name = "Ben Wallace"
[[actor.roles]]
title = "Secretary of State for Defence"
forms = ["Defence Secretary", "U.K. Defence Secretary"]
from = "2019-07-24"
to = "2023-08-31"

[[actor]]
id = "sirhan-sirhan"
name = "Sirhan Sirhan"

[[actor]]
id = "pavel-horak"
name = "Pavel Horak"

[[actor]]
id = "mira-horak"
name = "Mira Horak"

[[actor]]
id = "harbour-board"
name = "Harbour Board"
kind = "organization"
"#;

/// One finding rendered for assertions.
#[derive(Debug, PartialEq, Eq)]
pub struct Seen {
    /// The flagged text.
    pub text: String,
    /// The message.
    pub message: String,
    /// The actor id, if linked.
    pub actor: Option<String>,
    /// The text after applying the first fix, if any.
    pub fixed: Option<String>,
}

/// Findings of `rule` on `text` with the test registry, dated `date`.
pub fn check(rule: &str, text: &str, date: Option<&str>) -> Vec<Seen> {
    check_with(REGISTRY, rule, text, date)
}

/// The texts `rule` flags in `text` (test registry, no date).
pub fn flagged(rule: &str, text: &str) -> Vec<String> {
    check(rule, text, None).into_iter().map(|s| s.text).collect()
}

/// The texts `rule` flags in `text` with `registry_toml` (no date).
pub fn flagged_with(registry_toml: &str, rule: &str, text: &str) -> Vec<String> {
    check_with(registry_toml, rule, text, None).into_iter().map(|s| s.text).collect()
}

/// Findings of `rule` on `text` with `registry_toml`.
pub fn check_with(registry_toml: &str, rule: &str, text: &str, date: Option<&str>) -> Vec<Seen> {
    let load = parse_registry_text([(Path::new("actors.toml"), registry_toml)]);
    assert!(!load.has_errors(), "{:?}", load.problems);
    let registry: Registry = load.registry;
    let lexicon = Lexicon::new(&registry);
    let article = Article::new(text, Syntax::Markdown);
    let date = date.map(|d| Date::parse(d).unwrap());
    let options = Options { default_date: date, ..Options::default() };
    let analysis = analyze(&article, &registry, &lexicon, &options);
    analysis.findings.iter().filter(|f| f.rule == rule).map(|f| seen(f, &article, &registry)).collect()
}

fn seen(finding: &Finding, article: &Article, registry: &Registry) -> Seen {
    let text = article.text();
    let fixed = finding.fixes.first().map(|fix| {
        let mut out = text.to_string();
        for edit in fix.edits.iter().rev() {
            out.replace_range(edit.range.clone(), &edit.replacement);
        }
        out
    });
    Seen {
        text: text[finding.range.clone()].to_string(),
        message: finding.message.clone(),
        actor: finding.actor.map(|a| registry.actor(a).id.clone()),
        fixed,
    }
}
