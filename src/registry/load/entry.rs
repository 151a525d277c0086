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
pub(super) struct Checked {
    /// The actor it makes (its strings moved from the entry as read, not
    /// copied), or when it has errors the id as written.
    pub entry: Result<Actor, String>,
    /// Where its id is written.
    pub id_at: Written,
    /// Whether its id is well formed (only then can it be a duplicate).
    pub id_ok: bool,
    /// Its errors, in the order they are reported.
    pub problems: Vec<FileProblem>,
    /// Where each alias and then each variant of the actor is written.
    pub claims: Vec<Written>,
}

/// Where a value of an entry is written: what admitting the entry needs
/// of the value as read, once the actor holds its (trimmed) text.
pub(super) struct Written {
    /// Its span, when the format records one.
    pub span: Option<Range<usize>>,
    /// The value as written, when that is not the text the actor holds
    /// (spaces around it): what to look for in a JSON line.
    pub untrimmed: Option<String>,
}

impl Written {
    fn of<S: Located>(value: &S) -> Written {
        let text = value.text();
        Written { span: value.span(), untrimmed: (text.trim() != text).then(|| text.to_string()) }
    }
}

/// A value's text without the spaces around it, moved rather than copied
/// when it has none.
fn trimmed<S: Located>(value: S) -> String {
    let text = value.into_text();
    if text.trim().len() == text.len() { text } else { text.trim().to_string() }
}

/// Checks entry `raw` at `span` of the file `cx` (`locate` finds a value
/// the format records no span for).
pub(super) fn check<S: Located>(
    cx: &FileCx<'_>,
    raw: RawActor<S>,
    span: Range<usize>,
    locate: &dyn Fn(&str) -> Range<usize>,
) -> Checked {
    let at = |value: &S| value.span().unwrap_or_else(|| locate(value.text()));
    let mut problems = Vec::new();
    let error = |problems: &mut Vec<FileProblem>, span: Range<usize>, message: String| {
        problems.push(cx.problem(span, ProblemLevel::Error, message));
    };

    let id = raw.id.text();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        error(
            &mut problems,
            at(&raw.id),
            format!("actor id `{id}` must use only lowercase letters, digits and hyphens"),
        );
    }
    let id_ok = problems.is_empty();
    let name = raw.name.text().trim();
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
    for raw_role in raw.roles {
        if let Some(role) = check_role(cx, id, raw_role, &at, &mut problems) {
            roles.push(role);
        }
    }
    let id_at = Written::of(&raw.id);
    if !problems.is_empty() {
        return Checked { entry: Err(raw.id.into_text()), id_at, id_ok, problems, claims: Vec::new() };
    }
    let claims = raw.aliases.iter().chain(&raw.variants).map(Written::of).collect();
    let actor = Actor {
        id: raw.id.into_text(),
        name: trimmed(raw.name),
        kind,
        aliases: raw.aliases.into_iter().map(trimmed).collect(),
        variants: raw.variants.into_iter().map(trimmed).collect(),
        wikidata: raw.wikidata.map(Located::into_text),
        description: raw.description.map(trimmed),
        roles,
        origin: Origin { source: cx.source, span },
    };
    Checked { entry: Ok(actor), id_at, id_ok, problems, claims }
}

/// Checks a role of actor `id`: its dates and title.
fn check_role<S: Located>(
    cx: &FileCx<'_>,
    id: &str,
    raw: RawRole<S>,
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
        title: trimmed(raw.title),
        forms: raw.forms.into_iter().map(trimmed).filter(|f| !f.is_empty()).collect(),
        from,
        to,
    })
}
