//! The article's subject as the source of its own figures: an organisation
//! named at the start of the lead ("Samsung Electronics is intensifying
//! …") reports what it sells, plans and employs in the sentences that open
//! with it ("Samsung has sold 100 million phones", "The company plans …").

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::Context;
use crate::registry::{ActorIdx, ActorKind};

/// Words that can come before the lead's subject: a dateline in brackets,
/// an article.
fn lead_in(text: &str) -> bool {
    text.split_whitespace().all(|w| {
        let bracketed = w.starts_with(['[', '(']) || w.ends_with([']', ')']);
        let dateline = w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && w.len() > 1;
        bracketed || dateline || matches!(w, "The" | "the" | "--" | "—" | "–" | "-")
    })
}

/// The registered organisation that is the subject of the lead `lead` (its
/// first words), if there is one.
pub fn lead_organisation(cx: &Context<'_>, lead: Range<usize>) -> Option<ActorIdx> {
    let prose = cx.prose();
    let k = cx.mentions.partition_point(|m| m.range.start < lead.start);
    // A wire tag in brackets ("(Reuters) - Electronic Arts Inc …") is no
    // subject.
    let bracketed = |m: &&crate::linking::Mention| {
        prose[..m.range.start].ends_with(['(', '[']) && prose[m.range.end..].starts_with([')', ']'])
    };
    let first = cx.mentions[k..].iter().take(2).find(|m| !bracketed(m)).filter(|m| m.range.end <= lead.end)?;
    let actor = first.actor?;
    let opening = &cx.prose()[lead.start..first.range.start];
    (opening.len() <= 48 && lead_in(opening) && cx.registry.actor(actor).kind == ActorKind::Organization)
        .then_some(actor)
}

/// The organisation that opens `range`, if a registered one does.
pub fn opening_organisation(cx: &Context<'_>, range: Range<usize>) -> Option<ActorIdx> {
    let start = first_word(cx, &range);
    let k = cx.mentions.partition_point(|m| m.range.start < start);
    let m = cx.mentions.get(k).filter(|m| m.range.start == start)?;
    m.actor.filter(|&a| cx.registry.actor(a).kind == ActorKind::Organization)
}

/// Where the first word of `range` starts.
fn first_word(cx: &Context<'_>, range: &Range<usize>) -> usize {
    let text = &cx.prose()[range.clone()];
    range.start + (text.len() - text.trim_start_matches(|c: char| !c.is_alphanumeric()).len())
}

/// Whether the sentence `range` opens with the organisation `subject` (by
/// any of its names, or as "the company", "the group", "the firm").
pub fn opens_with(cx: &Context<'_>, range: Range<usize>, subject: ActorIdx) -> bool {
    let text = &cx.prose()[range.clone()];
    // "Samsung did not say what the phone will cost, but …": whatever
    // figure follows is not the subject's.
    if NOT_SAYING.is_match(text) {
        return false;
    }
    let start = first_word(cx, &range);
    let opening = &cx.prose()[start..range.end];
    let by_its_kind = ["the company", "the group", "the firm"].iter().any(|p| {
        opening.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p))
            && opening[p.len()..].starts_with([' ', ','])
    });
    if by_its_kind {
        return true;
    }
    let k = cx.mentions.partition_point(|m| m.range.start < start);
    // Its subject, not a possessive ("NASA’s $337 million telescope" is
    // no figure NASA is said to report).
    cx.mentions.get(k).is_some_and(|m| {
        m.range.start == start && m.actor == Some(subject) && !cx.prose()[m.range.end..].starts_with(['’', '\''])
    })
}

/// The subject declines to give a figure.
static NOT_SAYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)not|n['’]t|(?-u:\b)declined\s+to|(?-u:\b)refused\s+to)\s+(?:say|disclose|give|reveal|comment)(?-u:\b)")
        .expect("not-saying pattern compiles")
});

/// Whether the sentence `range` gives another organisation's figures: it
/// names a registered organisation other than `subject` in the possessive
/// ("Apple's iPhone has sold …" in a story about Samsung).
pub fn about_other_organisation(cx: &Context<'_>, range: Range<usize>, subject: ActorIdx) -> bool {
    let from = cx.mentions.partition_point(|m| m.range.start < range.start);
    cx.mentions[from..].iter().take_while(|m| m.range.end <= range.end).any(|m| {
        m.actor.is_some_and(|a| a != subject && cx.registry.actor(a).kind == ActorKind::Organization)
            && cx.prose()[m.range.end..].starts_with(['’', '\''])
    })
}
