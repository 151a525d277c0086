//! Checking one registry entry on its own: everything but what needs the
//! entries before it (a duplicate id, an alias another actor claimed), so
//! that the entries of a JSON Lines file are checked on all cores.

use std::ops::Range;

use super::FileCx;
use crate::date::PartialDate;
use crate::problem::{FileProblem, ProblemLevel};
use crate::registry::raw::{Located, RawActor, RawRole};
use crate::registry::{Actor, ActorKind, Origin, Role};

/// An entry checked on its own.
pub(super) struct Checked<S> {
    /// The entry as read (its values' places are needed to admit it).
    pub raw: RawActor<S>,
    /// Whether its id is well formed (only then can it be a duplicate).
    pub id_ok: bool,
    /// Its errors, in the order they are reported.
    pub problems: Vec<FileProblem>,
    /// The actor it makes, if it has no errors.
    pub actor: Option<Actor>,
}

/// Checks entry `raw` at `span` of the file `cx` (`locate` finds a value
/// the format records no span for).
pub(super) fn check<S: Located>(
    cx: &FileCx<'_>,
    raw: RawActor<S>,
    span: Range<usize>,
    locate: &dyn Fn(&str) -> Range<usize>,
) -> Checked<S> {
    let at = |value: &S| value.span().unwrap_or_else(|| locate(value.text()));
    let mut problems = Vec::new();
    let error = |problems: &mut Vec<FileProblem>, span: Range<usize>, message: String| {
        problems.push(cx.problem(span, ProblemLevel::Error, message));
    };

    let id = raw.id.text().to_string();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        error(
            &mut problems,
            at(&raw.id),
            format!("actor id `{id}` must use only lowercase letters, digits and hyphens"),
        );
    }
    let id_ok = problems.is_empty();
    let name = raw.name.text().trim().to_string();
    if name.is_empty() {
        error(&mut problems, at(&raw.name), format!("actor `{id}` has an empty name"));
    }
    let kind = match &raw.kind {
        None => ActorKind::Person,
        Some(k) => ActorKind::parse(k.text()).unwrap_or_else(|| {
            let message = format!("unknown kind `{}`, expected person, organization, group or place", k.text());
            error(&mut problems, at(k), message);
            ActorKind::Person
        }),
    };
    for (list, what) in [(&raw.aliases, "alias"), (&raw.variants, "variant")] {
        for value in list {
            if value.text().trim().is_empty() {
                error(&mut problems, at(value), format!("empty {what} in actor `{id}`"));
            }
        }
    }
    for variant in &raw.variants {
        let v = variant.text().trim();
        if v == name {
            error(
                &mut problems,
                at(variant),
                format!("variant `{v}` is the actor's house name; remove it from `variants`"),
            );
        } else if raw.aliases.iter().any(|a| a.text().trim() == v) {
            error(
                &mut problems,
                at(variant),
                format!(
                    "variant `{v}` is also an alias; a spelling is either accepted (alias) or flagged (variant), not both"
                ),
            );
        }
    }
    if let Some(w) = &raw.wikidata {
        let t = w.text();
        if !(t.len() > 1 && t.starts_with('Q') && t[1..].bytes().all(|b| b.is_ascii_digit())) {
            error(&mut problems, at(w), format!("wikidata id `{t}` must look like Q123"));
        }
    }
    let mut roles = Vec::new();
    for raw_role in &raw.roles {
        if let Some(role) = check_role(cx, &id, raw_role, &at, &mut problems) {
            roles.push(role);
        }
    }
    let actor = problems.is_empty().then(|| Actor {
        id,
        name,
        kind,
        aliases: raw.aliases.iter().map(|a| a.text().trim().to_string()).collect(),
        variants: raw.variants.iter().map(|v| v.text().trim().to_string()).collect(),
        wikidata: raw.wikidata.as_ref().map(|w| w.text().to_string()),
        description: raw.description.as_ref().map(|d| d.text().trim().to_string()),
        roles,
        origin: Origin { source: cx.source, span },
    });
    Checked { raw, id_ok, problems, actor }
}

/// Checks a role of actor `id`: its dates and title.
fn check_role<S: Located>(
    cx: &FileCx<'_>,
    id: &str,
    raw: &RawRole<S>,
    at: &dyn Fn(&S) -> Range<usize>,
    problems: &mut Vec<FileProblem>,
) -> Option<Role> {
    let mut ok = true;
    let mut date = |problems: &mut Vec<FileProblem>, value: &Option<S>| -> Option<PartialDate> {
        let value = value.as_ref()?;
        match PartialDate::parse(value.text()) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(cx.problem(at(value), ProblemLevel::Error, format!("bad date in actor `{id}`: {e}")));
                ok = false;
                None
            }
        }
    };
    let from = date(problems, &raw.from);
    let to = date(problems, &raw.to);
    if let (Some(f), Some(t), Some(to_value)) = (from, to, &raw.to)
        && f.first_day() > t.last_day()
    {
        let message = format!("role `{}` of actor `{id}` ends ({t}) before it begins ({f})", raw.title.text());
        problems.push(cx.problem(at(to_value), ProblemLevel::Error, message));
        ok = false;
    }
    if raw.title.text().trim().is_empty() {
        problems.push(cx.problem(
            at(&raw.title),
            ProblemLevel::Error,
            format!("role with an empty title in actor `{id}`"),
        ));
        ok = false;
    }
    ok.then(|| Role {
        title: raw.title.text().trim().to_string(),
        forms: raw.forms.iter().map(|f| f.text().trim().to_string()).filter(|f| !f.is_empty()).collect(),
        from,
        to,
    })
}
