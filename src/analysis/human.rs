//! Human decisions applied to an analysis, in one place.
//!
//! The decisions of the workspace's annotation store about an article
//! (`crate::annotations`) are resolved once against its text, then applied
//! in three stages, each right after the automatic step it corrects:
//! mentions after linking (so the rules, the spellings and the index see
//! the corrected links), speakers after the attribution of quotations, and
//! sourcing and finding decisions after the rules. Within a stage the
//! store's order holds, so a later line on the same span wins. What was
//! decided by a person is remembered ([`HumanMarks`]) for the exports'
//! provenance; a decision that cannot be applied (its anchor no longer
//! matches, its actor or rule is unknown, nothing is there to decide on) is
//! kept as [`Unapplied`], never dropped silently.

use std::ops::Range;

use super::sourcing::quotes::{QuoteRecord, Speaker};
use crate::annotations::{Decision, Label, resolve_all};
use crate::finding::{Finding, FindingData};
use crate::lexicon::{FormKind, Lexicon};
use crate::linking::Mention;
use crate::registry::{ActorIdx, Registry};
use crate::rules::RuleSettings;

/// The rule whose findings `sourced` and `unsourced` decide.
const UNSOURCED: &str = "unsourced-statistic";

/// What a person's decision shows on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marked {
    /// A mention (linked, relinked or added by a person).
    Mention,
    /// A quotation's speaker.
    Quote,
    /// A finding of this rule (accepted, or added by a person).
    Finding(&'static str),
}

/// One thing a person decided, for provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// What it is on.
    pub what: Marked,
    /// Its byte range.
    pub range: Range<usize>,
    /// Who decided.
    pub annotator: String,
    /// Their reason, if they gave one.
    pub reason: Option<String>,
}

/// The person-made parts of an analysis, sorted by range.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HumanMarks {
    marks: Vec<Mark>,
}

impl HumanMarks {
    fn find(&self, range: &Range<usize>, what: impl Fn(&Marked) -> bool) -> Option<&Mark> {
        let from = self.marks.partition_point(|m| (m.range.start, m.range.end) < (range.start, range.end));
        self.marks[from..].iter().take_while(|m| m.range == *range).find(|m| what(&m.what))
    }

    /// The decision behind the mention at `range`, if a person made it.
    pub fn mention(&self, range: &Range<usize>) -> Option<&Mark> {
        self.find(range, |w| *w == Marked::Mention)
    }

    /// The decision behind the speaker of the quotation at `range`.
    pub fn quote(&self, range: &Range<usize>) -> Option<&Mark> {
        self.find(range, |w| *w == Marked::Quote)
    }

    /// The decision behind the finding of `rule` at `range`.
    pub fn finding(&self, rule: &str, range: &Range<usize>) -> Option<&Mark> {
        self.find(range, |w| matches!(w, Marked::Finding(r) if *r == rule))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }
}

/// A decision that could not be applied, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unapplied {
    /// Its 1-based line in the store.
    pub line: u32,
    /// The anchored text.
    pub text: String,
    /// Why (“its text and context are no longer in the article”, …).
    pub reason: String,
}

/// The decisions about one article, resolved against its text and applied
/// stage by stage.
pub(super) struct Pending<'d> {
    decisions: &'d [Decision],
    ranges: Vec<Option<Range<usize>>>,
    marks: Vec<Mark>,
    unapplied: Vec<Unapplied>,
    /// Spans people said are no mention: the decision, and whether a
    /// mention was removed there.
    rejected: Vec<(Range<usize>, &'d Decision, bool)>,
}

impl<'d> Pending<'d> {
    /// Resolves every anchor of `decisions` in `text`; those that no longer
    /// match are unapplied at once.
    pub(super) fn new(text: &str, decisions: &'d [Decision]) -> Pending<'d> {
        let ranges =
            if decisions.is_empty() { Vec::new() } else { resolve_all(text, decisions.iter().map(|d| &d.anchor)) };
        let mut pending = Pending { decisions, ranges, marks: Vec::new(), unapplied: Vec::new(), rejected: Vec::new() };
        for (d, r) in decisions.iter().zip(&pending.ranges) {
            if r.is_none() {
                pending.unapplied.push(unapplied(
                    d,
                    "its text and the text around it are no longer in the article (edited or removed); \
                     decide again and remove the line",
                ));
            }
        }
        pending
    }

    /// The resolved decisions whose label `pick` accepts, in store order.
    fn each(&self, pick: impl Fn(&Label) -> bool) -> Vec<(&'d Decision, Range<usize>)> {
        self.decisions
            .iter()
            .zip(&self.ranges)
            .filter_map(|(d, r)| Some((d, r.clone()?)))
            .filter(|(d, _)| pick(&d.label))
            .collect()
    }

    fn mark(&mut self, what: Marked, range: Range<usize>, d: &Decision) {
        self.marks.push(Mark { what, range, annotator: d.annotator.clone(), reason: d.reason.clone() });
    }

    /// Applies `link` and `not-a-mention` to the linked mentions (sorted by
    /// start, kept so).
    pub(super) fn mentions(&mut self, mentions: &mut Vec<Mention>, registry: &Registry, lexicon: &Lexicon) {
        for (d, range) in self.each(|l| matches!(l, Label::Link { .. } | Label::NotAMention)) {
            let at = mentions.partition_point(|m| m.range.start < range.start);
            let exact = mentions.get(at).is_some_and(|m| m.range == range);
            match &d.label {
                Label::Link { actor: id } => {
                    let Some(actor) = registry.by_id(id) else {
                        self.unapplied.push(unapplied(d, &format!("actor `{id}` is not in the registry")));
                        continue;
                    };
                    if exact {
                        let m = &mut mentions[at];
                        m.kind = lexicon.form(m.form).kind_for(actor).unwrap_or(FormKind::Alias);
                        m.actor = Some(actor);
                    } else {
                        // A missed mention replaces the ones it overlaps.
                        mentions.retain(|m| m.range.end <= range.start || range.end <= m.range.start);
                        let Some(mention) = new_mention(range.clone(), &d.anchor.text, actor, registry, lexicon) else {
                            self.unapplied.push(unapplied(d, &format!("actor `{id}` has no name to link to")));
                            continue;
                        };
                        let at = mentions.partition_point(|m| m.range.start < range.start);
                        mentions.insert(at, mention);
                    }
                    self.rejected.retain(|r| r.0 != range);
                    self.mark(Marked::Mention, range, d);
                }
                _ => {
                    if exact {
                        mentions.remove(at);
                    }
                    self.marks.retain(|m| !(m.what == Marked::Mention && m.range == range));
                    self.rejected.retain(|r| r.0 != range);
                    self.rejected.push((range, d, exact));
                }
            }
        }
    }

    /// Applies `speaker` to the quotations (in text order).
    pub(super) fn quotes(&mut self, quotes: &mut [QuoteRecord], mentions: &[Mention], registry: &Registry) {
        for (d, range) in self.each(|l| matches!(l, Label::Speaker { .. })) {
            let Label::Speaker { actor } = &d.label else { continue };
            let Some(quote) = quotes.iter_mut().find(|q| q.range == range || q.inner == range) else {
                self.unapplied.push(unapplied(d, "no quotation or reported statement is there any more"));
                continue;
            };
            quote.speaker = match actor {
                None => None,
                Some(id) => {
                    let Some(idx) = registry.by_id(id) else {
                        self.unapplied.push(unapplied(d, &format!("actor `{id}` is not in the registry")));
                        continue;
                    };
                    let Some(near) = nearest_mention(mentions, idx, &quote.range) else {
                        self.unapplied.push(unapplied(
                            d,
                            &format!("`{id}` is not mentioned in the article; link a mention of them first"),
                        ));
                        continue;
                    };
                    Some(Speaker { actor: Some(idx), range: near.clone(), referent: near })
                }
            };
            let range = quote.range.clone();
            self.mark(Marked::Quote, range, d);
        }
    }

    /// Applies `sourced`, `unsourced`, `accept` and `dismiss` to the
    /// findings, and drops the name findings on rejected mentions.
    pub(super) fn findings(&mut self, findings: &mut Vec<Finding>, rules: &RuleSettings) {
        let mut rejected = std::mem::take(&mut self.rejected);
        findings.retain(|f| {
            let is_name =
                f.actor.is_some() || matches!(f.data, Some(FindingData::Candidates(_) | FindingData::NewActor(_)));
            match rejected.iter_mut().find(|r| r.0 == f.range) {
                Some(r) if is_name => {
                    r.2 = true;
                    false
                }
                _ => true,
            }
        });
        for (_, d, done) in rejected {
            if !done {
                self.unapplied.push(unapplied(d, "no mention or name finding is there any more"));
            }
        }
        let overlaps = |f: &Finding, rule: &str, r: &Range<usize>| {
            f.rule == rule && f.range.start < r.end && r.start < f.range.end
        };
        for (d, range) in
            self.each(|l| !matches!(l.class(), crate::annotations::Class::Mention | crate::annotations::Class::Speaker))
        {
            let (rule_id, keep) = match &d.label {
                Label::Sourced => (UNSOURCED, false),
                Label::Unsourced => (UNSOURCED, true),
                Label::Accept { rule } => (rule.as_str(), true),
                Label::Dismiss { rule } => (rule.as_str(), false),
                _ => continue,
            };
            let Some(rule) = crate::rules::by_id(rule_id) else {
                self.unapplied.push(unapplied(d, &format!("unknown rule `{rule_id}`; `copydesk rules` lists them")));
                continue;
            };
            let rule = rule.meta();
            let before = findings.len();
            if !keep {
                findings.retain(|f| !overlaps(f, rule.id, &range));
                self.marks.retain(|m| !(m.what == Marked::Finding(rule.id) && m.range == range));
                if findings.len() == before && matches!(d.label, Label::Dismiss { .. }) {
                    self.unapplied.push(unapplied(d, &format!("no `{}` finding is there any more", rule.id)));
                }
                continue;
            }
            let mut confirmed: Vec<Range<usize>> =
                findings.iter().filter(|f| overlaps(f, rule.id, &range)).map(|f| f.range.clone()).collect();
            if confirmed.is_empty() {
                let Some(severity) = rules.severity(rule) else { continue };
                let what = if d.label == Label::Unsourced { "figure marked unsourced" } else { "marked" };
                let why = d.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default();
                findings.push(Finding::new(
                    rule.id,
                    severity,
                    range.clone(),
                    format!("{what} by {}{why}", d.annotator),
                ));
                confirmed.push(range);
            }
            for r in confirmed {
                self.mark(Marked::Finding(rule.id), r, d);
            }
        }
    }

    /// The marks (sorted) and the decisions that were not applied (in
    /// store order).
    pub(super) fn finish(mut self) -> (HumanMarks, Vec<Unapplied>) {
        self.marks.sort_by_key(|m| (m.range.start, m.range.end));
        self.unapplied.sort_by_key(|u| u.line);
        (HumanMarks { marks: self.marks }, self.unapplied)
    }
}

fn unapplied(d: &Decision, reason: &str) -> Unapplied {
    Unapplied { line: d.line, text: d.anchor.text.clone(), reason: reason.to_string() }
}

/// A mention a person added: the registered form it is written as, if it
/// is one of the actor's, else their house name's form as an alias.
fn new_mention(
    range: Range<usize>,
    text: &str,
    actor: ActorIdx,
    registry: &Registry,
    lexicon: &Lexicon,
) -> Option<Mention> {
    let own = lexicon.form_by_text(text).and_then(|f| Some((f, lexicon.form(f).kind_for(actor)?)));
    let (form, kind) = match own {
        Some(found) => found,
        None => (lexicon.form_by_text(&registry.actor(actor).name)?, FormKind::Alias),
    };
    Some(Mention { range, form, kind, actor: Some(actor), prefix: 0..0, title: None })
}

/// The mention of `actor` nearest `range` (before it on a tie).
fn nearest_mention(mentions: &[Mention], actor: ActorIdx, range: &Range<usize>) -> Option<Range<usize>> {
    let distance = |m: &Mention| {
        if m.range.end <= range.start { range.start - m.range.end } else { m.range.start.saturating_sub(range.end) }
    };
    mentions.iter().filter(|m| m.actor == Some(actor)).min_by_key(|m| distance(m)).map(|m| m.range.clone())
}
