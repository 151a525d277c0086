//! Checks of a registry that loads but will not work as the desk expects
//! (`copydesk registry lint`). Each finding is a warning with a stable id:
//!
//! - `duplicate-wikidata`: two entries with the same Wikidata id;
//! - `near-duplicate-name`: two entries whose names are the same but for
//!   case, accents or one letter (unless their Wikidata ids say they are
//!   different people);
//! - `claimed-twice`: an alias or variant that another entry also claims,
//!   or that is another entry's name;
//! - `common-word-surname`: a person whose surname is a common word, so a
//!   bare surname will not link ("May", "Will", "Rich");
//! - `overlapping-roles`: one person holding the same title twice at once;
//! - `role-without-forms`: a role whose title forms are not given, so
//!   `title-mismatch` cannot check it.
//!
//! Every check is linear in the registry's size: names are compared
//! through their one-letter deletions, not pairwise.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{Actor, ActorIdx, ActorKind, Registry};
use crate::problem::{FileProblem, ProblemLevel};
use crate::text::normalize::fold_diacritics;

/// The ids of the checks, for `copydesk registry lint` and its docs.
pub const LINT_IDS: &[&str] = &[
    "duplicate-wikidata",
    "near-duplicate-name",
    "claimed-twice",
    "common-word-surname",
    "overlapping-roles",
    "role-without-forms",
];

/// Names shorter than this (folded, in characters) are compared for
/// equality only: "Li Na" and "Li Ma" are different people.
const NEAR_MIN_CHARS: usize = 8;

/// Lints `registry`, whose source files have the texts `texts` (by source
/// index). Findings are sorted by file and position.
pub fn lint(registry: &Registry, texts: &[&str]) -> Vec<FileProblem> {
    let mut out = Linter { registry, texts, findings: Vec::new() };
    out.duplicates();
    out.claims();
    for (i, actor) in registry.actors().iter().enumerate() {
        out.surname(i as ActorIdx, actor);
        out.roles(i as ActorIdx, actor);
    }
    let mut findings = out.findings;
    findings.sort_by(|a, b| (&a.path, a.span.start, a.code).cmp(&(&b.path, b.span.start, b.code)));
    findings
}

struct Linter<'a> {
    registry: &'a Registry,
    texts: &'a [&'a str],
    findings: Vec<FileProblem>,
}

impl Linter<'_> {
    /// Reports `message` at the first `needle` inside actor `idx`'s entry
    /// (its start when the needle is not found).
    fn report(&mut self, idx: ActorIdx, needle: &str, code: &'static str, message: String) {
        let actor = self.registry.actor(idx);
        let text = self.texts.get(actor.origin.source).copied().unwrap_or_default();
        let span = locate(text, actor.origin.span.clone(), needle);
        let path = self.registry.source_path(idx);
        self.findings.push(FileProblem::at(path, text, span, ProblemLevel::Warning, message).with_code(code));
    }

    /// `file:line:column` of actor `idx`'s entry, for messages.
    fn place(&self, idx: ActorIdx) -> String {
        let actor = self.registry.actor(idx);
        let text = self.texts.get(actor.origin.source).copied().unwrap_or_default();
        let p =
            FileProblem::at(self.registry.source_path(idx), text, actor.origin.span.clone(), ProblemLevel::Warning, "");
        format!("{}:{}:{}", crate::text::shown_path(&p.path), p.line, p.column)
    }

    fn duplicates(&mut self) {
        let mut by_wikidata: FxHashMap<&str, ActorIdx> = FxHashMap::default();
        let mut by_key: FxHashMap<String, ActorIdx> = FxHashMap::default();
        let mut reported: rustc_hash::FxHashSet<(ActorIdx, ActorIdx)> = Default::default();
        for (i, actor) in self.registry.actors().iter().enumerate() {
            let i = i as ActorIdx;
            if let Some(q) = actor.wikidata.as_deref() {
                if let Some(&first) = by_wikidata.get(q) {
                    let first_id = &self.registry.actor(first).id;
                    let message = format!(
                        "`{}` has the Wikidata id {q} of `{first_id}` ({}); merge the two entries",
                        actor.id,
                        self.place(first)
                    );
                    self.report(i, "wikidata", "duplicate-wikidata", message);
                    reported.insert((first, i));
                } else {
                    by_wikidata.insert(q, i);
                }
            }
            let folded = fold(&actor.name);
            let keys: Vec<String> = if folded.chars().count() >= NEAR_MIN_CHARS {
                std::iter::once(folded.clone()).chain(deletions(&folded)).collect()
            } else {
                vec![folded.clone()]
            };
            let mut candidates: Vec<ActorIdx> = Vec::new();
            for key in keys {
                match by_key.get(&key) {
                    Some(&other) if other != i && !candidates.contains(&other) => candidates.push(other),
                    Some(_) => {}
                    None => {
                        by_key.insert(key, i);
                    }
                }
            }
            let near = candidates.into_iter().find(|&other| {
                let first = self.registry.actor(other);
                let distinct = matches!((&first.wikidata, &actor.wikidata), (Some(a), Some(b)) if a != b);
                !distinct && !reported.contains(&(other, i)) && is_near(&fold(&first.name), &folded)
            });
            let Some(other) = near else { continue };
            reported.insert((other, i));
            let first = self.registry.actor(other);
            let message = format!(
                "`{}` ({}) is named almost like `{}` ({}, {}); if they are one actor merge them, else give both their Wikidata ids",
                actor.id,
                actor.name,
                first.id,
                first.name,
                self.place(other)
            );
            self.report(i, "name", "near-duplicate-name", message);
        }
    }

    fn claims(&mut self) {
        let mut owner: FxHashMap<&str, ActorIdx> = FxHashMap::default();
        for (i, actor) in self.registry.actors().iter().enumerate() {
            owner.entry(actor.name.as_str()).or_insert(i as ActorIdx);
        }
        let mut claimed: FxHashMap<&str, ActorIdx> = FxHashMap::default();
        for (i, actor) in self.registry.actors().iter().enumerate() {
            let i = i as ActorIdx;
            for (form, what) in
                actor.aliases.iter().map(|a| (a, "alias")).chain(actor.variants.iter().map(|v| (v, "variant")))
            {
                let other = match (owner.get(form.as_str()), claimed.get(form.as_str())) {
                    (Some(&o), _) if o != i => Some((o, "is the name of")),
                    (_, Some(&o)) if o != i => Some((o, "is also claimed by")),
                    _ => None,
                };
                claimed.entry(form.as_str()).or_insert(i);
                let Some((other, how)) = other else { continue };
                let message = format!(
                    "{what} “{form}” of `{}` {how} `{}` ({}); its mentions cannot be linked to one actor",
                    actor.id,
                    self.registry.actor(other).id,
                    self.place(other)
                );
                self.report(i, &quoted(form), "claimed-twice", message);
            }
        }
    }

    fn surname(&mut self, idx: ActorIdx, actor: &Actor) {
        if actor.kind != ActorKind::Person {
            return;
        }
        let words: Vec<&str> = actor.name.split_whitespace().collect();
        let Some(&last) = words.last().filter(|_| words.len() >= 2) else { return };
        let linked = crate::lexicon::surname_of(&actor.name);
        let common = linked.first().map_or(!is_suffix(last), |s| crate::text::wordlists::is_common_word(s));
        if !common {
            return;
        }
        let surname = linked.first().map_or(last, String::as_str);
        let message = format!(
            "the surname “{surname}” of `{}` is a common word, so “{surname}” alone will not link to {}; write the full name, or add an alias",
            actor.id, actor.name
        );
        self.report(idx, &quoted(&actor.name), "common-word-surname", message);
    }

    fn roles(&mut self, idx: ActorIdx, actor: &Actor) {
        for (n, role) in actor.roles.iter().enumerate() {
            if role.forms.is_empty() {
                let message = format!(
                    "role “{}” of `{}` has no forms, so `title-mismatch` cannot check how it is written before the name; add `forms`",
                    role.title, actor.id
                );
                self.report(idx, &quoted(&role.title), "role-without-forms", message);
            }
            let overlapping = actor.roles[..n]
                .iter()
                .find(|earlier| earlier.title.to_lowercase() == role.title.to_lowercase() && overlap(earlier, role));
            if let Some(earlier) = overlapping {
                let message = format!(
                    "`{}` holds “{}” twice at once ({} and {}); one person cannot, so fix the dates or remove one",
                    actor.id,
                    role.title,
                    period(earlier),
                    period(role)
                );
                // At the later role's title, not the first's.
                let nth = actor.roles[..n].iter().filter(|r| r.title == role.title).count();
                self.report_nth(idx, &quoted(&role.title), nth, message);
            }
        }
    }

    /// [`Linter::report`] at the `nth` (0-based) occurrence of `needle`.
    fn report_nth(&mut self, idx: ActorIdx, needle: &str, nth: usize, message: String) {
        let actor = self.registry.actor(idx);
        let text = self.texts.get(actor.origin.source).copied().unwrap_or_default();
        let span = actor.origin.span.clone();
        let found = text.get(span.clone()).and_then(|entry| entry.match_indices(needle).nth(nth));
        let at = found.map_or(span.start..span.start, |(i, m)| span.start + i..span.start + i + m.len());
        let path = self.registry.source_path(idx);
        self.findings
            .push(FileProblem::at(path, text, at, ProblemLevel::Warning, message).with_code("overlapping-roles"));
    }
}

fn is_suffix(word: &str) -> bool {
    matches!(word, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV")
}

fn period(role: &super::Role) -> String {
    let d = |d: Option<crate::date::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
    format!("{}–{}", d(role.from), d(role.to))
}

/// Whether two roles' periods share a day (an open end runs on forever).
fn overlap(a: &super::Role, b: &super::Role) -> bool {
    let starts_before_end = |x: &super::Role, y: &super::Role| match (x.from, y.to) {
        (Some(from), Some(to)) => from.first_day() <= to.last_day(),
        _ => true,
    };
    starts_before_end(a, b) && starts_before_end(b, a)
}

/// The span of the first `needle` inside `entry` of `text`, else the
/// entry's start.
fn locate(text: &str, entry: Range<usize>, needle: &str) -> Range<usize> {
    match text.get(entry.clone()).and_then(|e| e.find(needle)) {
        Some(i) => entry.start + i..entry.start + i + needle.len(),
        None => entry.start..entry.start,
    }
}

/// `value` as TOML and JSON write it in a basic string.
fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
}

/// A name for comparison: lowercase, without accents, one space between
/// words, without punctuation.
fn fold(name: &str) -> String {
    let plain = fold_diacritics(name).to_lowercase();
    let kept: String = plain.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every string made by deleting one character of `s`.
fn deletions(s: &str) -> Vec<String> {
    s.char_indices().map(|(i, c)| format!("{}{}", &s[..i], &s[i + c.len_utf8()..])).collect()
}

/// Whether `a` and `b` are equal or one edit (insertion, deletion or
/// substitution of a character) apart.
fn is_near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    a.len().abs_diff(b.len()) <= 1 && a.len().max(b.len()) - prefix - suffix <= 1
}

#[cfg(test)]
#[path = "lint_tests.rs"]
mod tests;
