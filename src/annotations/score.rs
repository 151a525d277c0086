//! Measuring with a store: agreement between two annotators' stores
//! (Cohen's kappa and per-label agreement) and the tool's automatic
//! annotations scored against a human (gold) store (precision and recall).
//!
//! Both work on *items*: a decision resolved against the article's current
//! text, keyed by article, class and byte range; when a store decides the
//! same item twice its later line wins. Anchors that no longer match are
//! returned apart (stale), never scored. Positions stay byte offsets; the
//! CLI turns them into lines and columns.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Serialize;

use super::{Class, Decision, resolve_all};
use crate::analysis::Analysis;
use crate::registry::Registry;

/// One decided item of one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// What question it answers.
    pub class: Class,
    /// The span.
    pub range: Range<usize>,
    /// The answer ([`Label::value`]).
    pub value: String,
    /// The store line that decided it.
    pub line: u32,
}

/// The items of one article's decisions (the last decision per class and
/// span), and the decisions whose anchors no longer match.
pub fn items<'d>(text: &str, decisions: &'d [Decision]) -> (Vec<Item>, Vec<&'d Decision>) {
    let ranges = resolve_all(text, decisions.iter().map(|d| &d.anchor));
    let mut by_key: BTreeMap<(usize, usize, Class), Item> = BTreeMap::new();
    let mut stale = Vec::new();
    for (d, range) in decisions.iter().zip(ranges) {
        let Some(range) = range else {
            stale.push(d);
            continue;
        };
        let class = d.label.class();
        let item =
            Item { class: class.clone(), range: range.clone(), value: d.label.value().to_string(), line: d.line };
        by_key.insert((range.start, range.end, class), item);
    }
    (by_key.into_values().collect(), stale)
}

/// The category an item is counted in: `mentions` (is it a mention),
/// `speakers`, `sourcing`, or `findings`; links are the mentions both
/// annotators say are mentions, compared by actor.
fn category(class: &Class) -> &'static str {
    match class {
        Class::Mention => "mentions",
        Class::Speaker => "speakers",
        Class::Sourcing => "sourcing",
        Class::Finding(_) => "findings",
    }
}

/// Agreement on one category.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CategoryAgreement {
    /// Items both annotators decided.
    pub items: usize,
    /// Items they decided alike.
    pub agreed: usize,
    /// Observed agreement (`agreed / items`).
    pub observed: Option<f64>,
    /// Agreement expected by chance from each annotator's label shares.
    pub expected: Option<f64>,
    /// Cohen's kappa; `null` when chance agreement is 1 (one label only).
    pub kappa: Option<f64>,
    /// Per label: how often each annotator gave it, how often both did on
    /// the same item, and the specific agreement `2·both / (a + b)`.
    pub labels: Vec<LabelAgreement>,
}

/// One label's agreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelAgreement {
    /// The label.
    pub label: String,
    /// Times annotator A gave it.
    pub a: usize,
    /// Times annotator B gave it.
    pub b: usize,
    /// Items both gave it.
    pub both: usize,
    /// `2·both / (a + b)`.
    pub specific: f64,
}

/// Cohen's kappa and the per-label agreement of paired labels.
pub fn kappa(pairs: &[(&str, &str)]) -> CategoryAgreement {
    let n = pairs.len();
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for &(a, b) in pairs {
        counts.entry(a).or_default().0 += 1;
        counts.entry(b).or_default().1 += 1;
        if a == b {
            counts.entry(a).or_default().2 += 1;
        }
    }
    let agreed = pairs.iter().filter(|(a, b)| a == b).count();
    let total = n as f64;
    let observed = (n > 0).then(|| agreed as f64 / total);
    let expected = (n > 0).then(|| counts.values().map(|&(a, b, _)| (a as f64 / total) * (b as f64 / total)).sum());
    let kappa = match (observed, expected) {
        (Some(po), Some(pe)) if pe < 1.0 => Some((po - pe) / (1.0 - pe)),
        _ => None,
    };
    let labels = counts
        .into_iter()
        .map(|(label, (a, b, both))| LabelAgreement {
            label: label.to_string(),
            a,
            b,
            both,
            specific: 2.0 * both as f64 / (a + b) as f64,
        })
        .collect();
    CategoryAgreement { items: n, agreed, observed, expected, kappa, labels }
}

/// Two annotators' answers to one item, when they differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// The article.
    pub path: String,
    /// The category.
    pub category: &'static str,
    /// The span.
    pub range: Range<usize>,
    /// A's answer.
    pub a: String,
    /// B's answer.
    pub b: String,
}

/// The agreement of two stores over the articles they both decided on.
#[derive(Clone, Debug, Default)]
pub struct Agreement {
    /// Per category (`mentions`, `links`, `speakers`, `sourcing`,
    /// `findings`) and `all`.
    pub categories: BTreeMap<&'static str, CategoryAgreement>,
    /// Every item decided differently.
    pub disagreements: Vec<Disagreement>,
    /// Items only A decided.
    pub only_a: usize,
    /// Items only B decided.
    pub only_b: usize,
}

/// Compares A's and B's items of each article (path, A's items, B's items).
pub fn agree<'a>(articles: impl IntoIterator<Item = (&'a str, Vec<Item>, Vec<Item>)>) -> Agreement {
    let mut out = Agreement::default();
    let mut pairs: BTreeMap<&'static str, Vec<(String, String)>> = BTreeMap::new();
    for (path, a, b) in articles {
        let b_items: HashMap<(usize, usize, &Class), &Item> =
            b.iter().map(|i| ((i.range.start, i.range.end, &i.class), i)).collect();
        let mut matched = 0;
        for ia in &a {
            let Some(ib) = b_items.get(&(ia.range.start, ia.range.end, &ia.class)) else {
                out.only_a += 1;
                continue;
            };
            matched += 1;
            let cat = category(&ia.class);
            let qualify = |v: &str| match &ia.class {
                Class::Finding(rule) => format!("{rule}:{v}"),
                _ => v.to_string(),
            };
            let (va, vb) = (qualify(&ia.value), qualify(&ib.value));
            if cat == "mentions" {
                let is = |v: &str| if v == "none" { "not-a-mention" } else { "mention" };
                pairs.entry("mentions").or_default().push((is(&va).into(), is(&vb).into()));
                if va != "none" && vb != "none" {
                    pairs.entry("links").or_default().push((va.clone(), vb.clone()));
                }
            } else {
                pairs.entry(cat).or_default().push((va.clone(), vb.clone()));
            }
            pairs.entry("all").or_default().push((format!("{cat}:{va}"), format!("{cat}:{vb}")));
            if va != vb {
                out.disagreements.push(Disagreement {
                    path: path.to_string(),
                    category: cat,
                    range: ia.range.clone(),
                    a: va,
                    b: vb,
                });
            }
        }
        out.only_b += b.len() - matched;
    }
    for (cat, list) in pairs {
        let borrowed: Vec<(&str, &str)> = list.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        out.categories.insert(cat, kappa(&borrowed));
    }
    out
}

/// Precision and recall of one kind of annotation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// Right: the tool found what the gold says.
    pub true_positives: usize,
    /// False alarms.
    pub false_positives: usize,
    /// Misses.
    pub false_negatives: usize,
    /// `tp / (tp + fp)`; `null` when the tool claimed nothing judged.
    pub precision: Option<f64>,
    /// `tp / (tp + fn)`; `null` when the gold has no positive.
    pub recall: Option<f64>,
}

impl Score {
    fn finish(&mut self) {
        let (tp, fp, fn_) = (self.true_positives as f64, self.false_positives as f64, self.false_negatives as f64);
        self.precision = (tp + fp > 0.0).then(|| tp / (tp + fp));
        self.recall = (tp + fn_ > 0.0).then(|| tp / (tp + fn_));
    }
}

/// One miss or false alarm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The article.
    pub path: String,
    /// `links`, `speakers` or a rule id.
    pub kind: String,
    /// The span.
    pub range: Range<usize>,
    /// What the gold store says.
    pub expected: String,
    /// What the tool found.
    pub found: String,
}

/// The tool scored against a gold store.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    /// Links: the actor of each mention the gold decides.
    pub links: Score,
    /// Speakers: the registered speaker of each quotation the gold decides.
    pub speakers: Score,
    /// Per rule: the findings the gold accepts, dismisses or (for
    /// `unsourced-statistic`) marks sourced or unsourced.
    pub rules: BTreeMap<String, Score>,
    /// What the tool missed.
    pub misses: Vec<Case>,
    /// What the tool claimed wrongly.
    pub false_alarms: Vec<Case>,
}

/// Adds one article to `eval`: the gold `items` against the tool's
/// automatic `analysis` of it (no store applied).
pub fn evaluate(eval: &mut Evaluation, path: &str, items: &[Item], analysis: &Analysis, registry: &Registry) {
    let id = |a: Option<crate::registry::ActorIdx>| a.map_or("none".to_string(), |a| registry.actor(a).id.clone());
    for item in items {
        let (kind, found, score): (String, String, &mut Score) = match &item.class {
            Class::Mention => {
                let at = analysis.mentions.iter().find(|m| m.range == item.range);
                let found = match at {
                    Some(m) if m.actor.is_none() => "ambiguous".to_string(),
                    Some(m) => id(m.actor),
                    None => "none".to_string(),
                };
                ("links".into(), found, &mut eval.links)
            }
            Class::Speaker => {
                let at = analysis.quotes.iter().find(|q| q.range == item.range || q.inner == item.range);
                let found = id(at.and_then(|q| q.speaker.as_ref()).and_then(|s| s.actor));
                ("speakers".into(), found, &mut eval.speakers)
            }
            Class::Sourcing | Class::Finding(_) => {
                let rule = match &item.class {
                    Class::Finding(rule) => rule.clone(),
                    _ => "unsourced-statistic".to_string(),
                };
                let flagged = analysis
                    .findings
                    .iter()
                    .any(|f| f.rule == rule && f.range.start < item.range.end && item.range.start < f.range.end);
                let found = if flagged { "flagged" } else { "not flagged" }.to_string();
                let score = eval.rules.entry(rule.clone()).or_default();
                let positive = matches!(item.value.as_str(), "accept" | "unsourced");
                let expected = if positive { "flagged" } else { "not flagged" }.to_string();
                let case = Case { path: path.into(), kind: rule, range: item.range.clone(), expected, found };
                match (positive, flagged) {
                    (true, true) => score.true_positives += 1,
                    (true, false) => {
                        score.false_negatives += 1;
                        eval.misses.push(case);
                    }
                    (false, true) => {
                        score.false_positives += 1;
                        eval.false_alarms.push(case);
                    }
                    (false, false) => {}
                }
                continue;
            }
        };
        // Links and speakers: an actor (or none) each side; "ambiguous"
        // is no link.
        let expected = item.value.clone();
        let claimed = found != "none" && found != "ambiguous";
        let case = Case {
            path: path.into(),
            kind,
            range: item.range.clone(),
            expected: expected.clone(),
            found: found.clone(),
        };
        if expected != "none" && found == expected {
            score.true_positives += 1;
            continue;
        }
        if expected != "none" {
            score.false_negatives += 1;
            eval.misses.push(case.clone());
        }
        if claimed {
            score.false_positives += 1;
            eval.false_alarms.push(case);
        }
    }
}

impl Evaluation {
    /// Computes precision and recall from the counts.
    pub fn finish(&mut self) {
        self.links.finish();
        self.speakers.finish();
        for score in self.rules.values_mut() {
            score.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_matches_a_hand_computation() {
        // 10 items: A says yes 6, B says yes 5; both yes 4, both no 3.
        let mut pairs = vec![("yes", "yes"); 4];
        pairs.extend([("no", "no"); 3]);
        pairs.extend([("yes", "no"); 2]);
        pairs.push(("no", "yes"));
        let k = kappa(&pairs);
        assert_eq!((k.items, k.agreed), (10, 7));
        // po = 0.7; pe = 0.6·0.5 + 0.4·0.5 = 0.5; kappa = 0.2 / 0.5 = 0.4.
        assert!((k.kappa.unwrap() - 0.4).abs() < 1e-12);
        let yes = k.labels.iter().find(|l| l.label == "yes").unwrap();
        assert_eq!((yes.a, yes.b, yes.both), (6, 5, 4));
        assert!((yes.specific - 8.0 / 11.0).abs() < 1e-12);
        // One label only: chance agreement is 1 and kappa undefined.
        assert_eq!(kappa(&[("x", "x"), ("x", "x")]).kappa, None);
    }
}
