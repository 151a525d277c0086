//! Analysis of one article against one registry version: linking, the
//! shared name analysis rules build on, and running the rules.
//!
//! [`analyze`] is a pure function of its inputs; the CLI runs it on many
//! files in parallel and the language server on every edit.

mod coordination;
mod doubt;
pub mod human;
mod lists;
pub mod names;
mod near_forms;
mod people;
pub mod sourcing;
pub mod spellings;

use std::sync::Arc;

use crate::annotations::Decision;
use crate::article::Article;
use crate::date::Date;
use crate::finding::Finding;
use crate::lexicon::Lexicon;
use crate::linking::{Mention, TermUse, link, link_with_terms};
use crate::registry::Registry;
use crate::rules::{self, RuleSettings};
use crate::text::caps::caps_view;
use crate::text::tokens::{Token, tokenize};
pub use lists::{SPEECH_VERBS, is_not_name_word, is_title_word_lowercase};
pub use names::{NameAnalysis, NearMiss, UnknownName};
use sourcing::Sourcing;
pub use sourcing::quotes::{QuoteKind, QuoteRecord, Speaker};

/// What a rule sees: the article and everything derived from it.
pub struct Context<'a> {
    /// The article.
    pub article: &'a Article,
    /// The registry version.
    pub registry: &'a Registry,
    /// Its lexicon.
    pub lexicon: &'a Lexicon,
    /// The article's date (front matter, else the configured default).
    pub date: Option<Date>,
    /// Word tokens of the prose view.
    pub tokens: &'a [Token],
    /// Mentions of registered actors, in text order.
    pub mentions: &'a [Mention],
    /// Near-misses and unregistered names.
    pub names: &'a NameAnalysis,
    /// The newsroom's sourcing settings.
    pub sourcing: &'a Sourcing,
    /// Every quotation with its cue and speaker, in text order.
    pub quotes: &'a [QuoteRecord],
    /// The house-style terms' avoided spellings, in text order.
    pub terms: &'a [crate::linking::TermUse],
    /// The body's vague attribution phrases ("sources say"), in text order:
    /// found once, read by `vague-attribution` and by every rule that must
    /// not count them as a source.
    pub vague: &'a [std::ops::Range<usize>],
}

impl Context<'_> {
    /// The prose view of the article.
    pub fn prose(&self) -> &str {
        self.article.prose()
    }

    /// The original text of a byte range.
    pub fn text(&self, range: std::ops::Range<usize>) -> &str {
        &self.article.text()[range]
    }
}

/// The result of analysing one article.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Mentions of registered actors, in text order.
    pub mentions: Vec<Mention>,
    /// Findings, sorted by position then rule.
    pub findings: Vec<Finding>,
    /// The date the date-dependent rules used.
    pub date: Option<Date>,
    /// Byte ranges of unregistered people recognised by context.
    pub unknown_people: Vec<std::ops::Range<usize>>,
    /// Findings past [`MAX_FINDINGS`] that were dropped, and where the first
    /// of them starts.
    pub omitted: Option<Omitted>,
    /// Every quotation with its cue and speaker, in text order (at most
    /// [`MAX_FINDINGS`]).
    pub quotes: Vec<QuoteRecord>,
    /// What people decided (mentions, speakers, findings), for provenance.
    pub human: human::HumanMarks,
    /// The store's decisions about the article that could not be applied.
    pub unapplied: Vec<human::Unapplied>,
}

/// The most findings one article reports. Real copy has tens; an article
/// with more is one defect repeated (a name pasted thousands of times), and
/// keeping every finding would make memory grow by hundreds of times the
/// article's size.
pub const MAX_FINDINGS: usize = 10_000;

/// Findings an analysis dropped past [`MAX_FINDINGS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Omitted {
    /// How many.
    pub count: usize,
    /// Byte offset where the first dropped finding starts.
    pub from: usize,
}

/// How to analyse: rule levels, the default date and sourcing settings
/// (from `copydesk.toml`, possibly overridden by an editor's settings).
#[derive(Clone, Debug)]
pub struct Options {
    /// Rule levels.
    pub rules: RuleSettings,
    /// Date for articles whose front matter has none.
    pub default_date: Option<Date>,
    /// Compiled sourcing settings.
    pub sourcing: Arc<Sourcing>,
}

impl Default for Options {
    fn default() -> Options {
        Options { rules: RuleSettings::default(), default_date: None, sourcing: Sourcing::defaults() }
    }
}

/// The mentions of `article`, exactly as [`analyze`] links them, without
/// the rest of the analysis: what indexing a workspace needs.
pub fn link_mentions(article: &Article, registry: &Registry, lexicon: &Lexicon) -> Vec<Mention> {
    // Copy set in capitals is linked as if in title case.
    let caps = caps_view(article.prose());
    let prose = &*caps.text;
    let tokens = tokenize(prose);
    let mut mentions = link(prose, registry, lexicon);
    doubt::drop_doubtful_surnames(prose, &tokens, &mut mentions, lexicon);
    doubt::drop_names_of_other_things(prose, &mut mentions, registry);
    names::drop_someone_elses_surnames(prose, &tokens, &mut mentions, lexicon, registry);
    mentions
}

/// The mentions of `article` (as [`link_mentions`]) and its spellings of
/// each actor exactly as [`spellings::analysis_spellings`] finds them in
/// the full analysis (misspellings included, when `misspelled-name` is on
/// and not suppressed there), without running the rules: what indexing a
/// workspace needs.
pub fn link_spellings(
    article: &Article,
    registry: &Registry,
    lexicon: &Lexicon,
    options: &Options,
) -> (Vec<Mention>, Vec<spellings::SpellingUse>) {
    link_spellings_with(article, registry, lexicon, options, &[])
}

/// [`link_spellings`] with a person's `decisions` about the article
/// applied to its mentions, as [`analyze_with`] applies them.
pub fn link_spellings_with(
    article: &Article,
    registry: &Registry,
    lexicon: &Lexicon,
    options: &Options,
    decisions: &[Decision],
) -> (Vec<Mention>, Vec<spellings::SpellingUse>) {
    let (_, mentions, names, _, _) = link_and_name(article, registry, lexicon, decisions);
    let misspelled =
        rules::by_id(spellings::MISSPELLED_NAME).is_some_and(|r| options.rules.severity(r.meta()).is_some());
    let mut misspellings: Vec<(std::ops::Range<usize>, crate::registry::ActorIdx)> = if misspelled {
        names.near_misses.iter().filter(|m| !m.variant).map(|m| (m.range.clone(), m.actor)).collect()
    } else {
        Vec::new()
    };
    misspellings.sort_by_key(|m| m.0.start);
    article.suppressions().retain_unsuppressed(&mut misspellings, |_| spellings::MISSPELLED_NAME, |m| m.0.start);
    let uses = spellings::spelling_uses(article.text(), &mentions, misspellings, registry);
    (mentions, uses)
}

/// The unregistered people of `article`, every mention in text order, as
/// the `unknown-actor` rule sees them (its detector, not another one):
/// what `copydesk registry suggest` gathers across a corpus.
pub fn unknown_names(article: &Article, registry: &Registry, lexicon: &Lexicon) -> Vec<UnknownName> {
    link_and_name(article, registry, lexicon, &[]).2.unknown
}

/// Tokens, mentions, the name analysis and the house-style terms of
/// `article`, with the mention decisions of `decisions` applied (the
/// others are pending). Names are linked and checked on the capitals view
/// (the same offsets); the rules read the prose as written.
fn link_and_name<'d>(
    article: &Article,
    registry: &Registry,
    lexicon: &Lexicon,
    decisions: &'d [Decision],
) -> (Vec<Token>, Vec<Mention>, NameAnalysis, Vec<TermUse>, human::Pending<'d>) {
    let caps = caps_view(article.prose());
    let prose = &*caps.text;
    let tokens = tokenize(prose);
    let (mut mentions, terms) = link_with_terms(prose, registry, lexicon);
    doubt::drop_doubtful_surnames(prose, &tokens, &mut mentions, lexicon);
    doubt::drop_names_of_other_things(prose, &mut mentions, registry);
    let names = names::analyze_names(article, prose, &caps.lines, &tokens, &mut mentions, lexicon, registry);
    let mut pending = human::Pending::new(article.text(), decisions);
    pending.mentions(&mut mentions, registry, lexicon);
    (tokens, mentions, names, terms, pending)
}

/// Analyses `article` against one registry version.
pub fn analyze(article: &Article, registry: &Registry, lexicon: &Lexicon, options: &Options) -> Analysis {
    analyze_with(article, registry, lexicon, options, &[])
}

/// Analyses `article` with a person's `decisions` about it (from the
/// workspace's annotation store) applied: links after linking, speakers
/// after attribution, sourcing and finding decisions after the rules.
pub fn analyze_with(
    article: &Article,
    registry: &Registry,
    lexicon: &Lexicon,
    options: &Options,
    decisions: &[Decision],
) -> Analysis {
    let (tokens, mentions, names, terms, mut pending) = link_and_name(article, registry, lexicon, decisions);
    // An unreadable front-matter date disables date checks for the article;
    // falling back to the configured default would guess.
    let date =
        if article.metadata_problems().is_empty() { article.metadata().date.or(options.default_date) } else { None };
    let mut cx = Context {
        article,
        registry,
        lexicon,
        date,
        tokens: &tokens,
        mentions: &mentions,
        names: &names,
        sourcing: &options.sourcing,
        quotes: &[],
        vague: &[],
        terms: &terms,
    };
    let mut quotes = sourcing::quotes::attribute_quotations(&cx);
    pending.quotes(&mut quotes, &mentions, registry);
    cx.quotes = &quotes;
    let vague = sourcing::vague::vague_phrases(&cx, article.body_start()..article.prose().len());
    cx.vague = &vague;
    let mut findings = Vec::new();
    for rule in rules::all() {
        let Some(severity) = options.rules.severity(rule.meta()) else { continue };
        let start = findings.len();
        rule.check(&cx, &mut findings);
        for finding in &mut findings[start..] {
            finding.severity = severity;
        }
    }
    pending.findings(&mut findings, &options.rules);
    findings
        .sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.range.end.cmp(&b.range.end)).then(a.rule.cmp(b.rule)));
    article.suppressions().retain_unsuppressed(&mut findings, |f| f.rule, |f| f.range.start);
    let omitted = findings
        .get(MAX_FINDINGS)
        .map(|first| Omitted { count: findings.len() - MAX_FINDINGS, from: first.range.start });
    if omitted.is_some() {
        findings.truncate(MAX_FINDINGS);
        findings.shrink_to_fit();
    }
    // Like findings, quote records past the limit are one structure
    // repeated; the rules above have seen them all.
    if quotes.len() > MAX_FINDINGS {
        quotes.truncate(MAX_FINDINGS);
        quotes.shrink_to_fit();
    }
    let unknown_people = names.unknown.iter().map(|n| n.range.clone()).collect();
    let (human, unapplied) = pending.finish();
    Analysis { mentions, findings, date, unknown_people, omitted, quotes, human, unapplied }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Options, analyze, link_mentions};
    use crate::article::{Article, Syntax};
    use crate::lexicon::Lexicon;
    use crate::registry::parse_registry_text;
    use crate::rules::testing::REGISTRY;

    #[test]
    fn quote_records_stop_at_the_findings_limit() {
        let load = parse_registry_text([(Path::new("actors.toml"), REGISTRY)]);
        let lexicon = Lexicon::new(&load.registry);
        let text = "Ben Wallace said: “We will,” he said. ".repeat(super::MAX_FINDINGS + 5);
        let article = Article::new(&text, Syntax::Markdown);
        let analysis = analyze(&article, &load.registry, &lexicon, &Options::default());
        assert_eq!(analysis.quotes.len(), super::MAX_FINDINGS);
        assert!(analysis.quotes.iter().all(|q| q.speaker.is_some()));
    }

    #[test]
    fn linking_alone_drops_the_same_surnames_as_the_full_analysis() {
        let load = parse_registry_text([(Path::new("actors.toml"), REGISTRY)]);
        let lexicon = Lexicon::new(&load.registry);
        let text = "Ben Wallace met Kate Wallace. Vladmir Putin spoke; Putin left. \
                    Later Wallace said Mira Horak and Pavel Horak agreed, then Horak left.";
        let article = Article::new(text, Syntax::Markdown);
        let full = analyze(&article, &load.registry, &lexicon, &Options::default()).mentions;
        let linked = link_mentions(&article, &load.registry, &lexicon);
        assert_eq!(linked, full);
        let kate_wallace = text.find("Kate Wallace").unwrap() + "Kate ".len();
        assert!(linked.iter().all(|m| m.range.start != kate_wallace), "Kate's surname is not Ben's");
        let after_misspelling = text.find("Putin spoke").unwrap();
        assert!(linked.iter().any(|m| m.range.start == after_misspelling), "a near-miss keeps its surname linked");
    }
}
