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

/// The registered organisations the lead `lead` names, wherever in it (not
/// a wire tag in brackets): any of them reporting its own figures later is
/// the article's subject doing so ("The downturn cut the passengers Air
/// Velmar carries …" and then "Air Velmar carried 97,000 passengers").
pub fn lead_organisations(cx: &Context<'_>, lead: Range<usize>) -> Vec<ActorIdx> {
    let prose = cx.prose();
    let k = cx.mentions.partition_point(|m| m.range.start < lead.start);
    let mut found: Vec<ActorIdx> = Vec::new();
    for m in cx.mentions[k..].iter().take_while(|m| m.range.end <= lead.end) {
        let bracketed = prose[..m.range.start].ends_with(['(', '[']) && prose[m.range.end..].starts_with([')', ']']);
        let Some(actor) = m.actor.filter(|&a| cx.registry.actor(a).kind == ActorKind::Organization) else {
            continue;
        };
        // A lead names a handful of actors: the list stays short.
        if !bracketed && !found.contains(&actor) && found.len() < 8 {
            found.push(actor);
        }
    }
    found
}

/// The organisation whose release the article reports: the lead's subject
/// ("The fisheries department announced that the catch is 35,419 tonnes",
/// "Velmar Ports handled 21.3 million tonnes"), or the organisation the
/// opening names as the speaker of what the lead's figures say
/// ("…, the airport group said on Thursday"), before `opening_end`. Only a
/// lead that gives figures or reports them (`lead_releases`: "Velmar
/// reported a profit", guideline §1.2) makes a release story, and not one
/// that names its subject in the possessive ("NASA’s $337 million
/// telescope" is about the telescope).
///
/// The story's exact figures are then the organisation's, whatever they
/// count: across the labelled real sets that lost no true finding, while a
/// narrower reading (only leads that say "announced", "reported") left
/// dozens of a release's own figures flagged. A town's unemployment rate in
/// a port's traffic story is covered too; that is the price.
pub fn release_subject(
    cx: &Context<'_>,
    lead: Range<usize>,
    opening_end: usize,
    lead_releases: bool,
) -> Option<ActorIdx> {
    if !lead_releases {
        return None;
    }
    let possessive = |a: ActorIdx| {
        let k = cx.mentions.partition_point(|m| m.range.start < lead.start);
        cx.mentions[k..]
            .iter()
            .find(|m| m.actor == Some(a))
            .is_some_and(|m| cx.prose()[m.range.end..].starts_with(['’', '\'']))
    };
    lead_organisation(cx, lead.clone()).filter(|&a| !possessive(a)).or_else(|| {
        let k = cx.quotes.partition_point(|q| q.range.end <= lead.start);
        cx.quotes[k..].iter().take_while(|q| q.range.start < opening_end).find_map(|q| {
            let speaker = q.speaker.as_ref()?;
            let organisation = |a: &ActorIdx| cx.registry.actor(*a).kind == ActorKind::Organization;
            speaker.actor.filter(organisation).or_else(|| affiliation(cx, &speaker.range).filter(organisation))
        })
    })
}

/// The body a speaker is named as being of: "Andrew Ruiz of the Tobacco
/// Board told reporters", "Ana Lind from Harbour Capital said".
fn affiliation(cx: &Context<'_>, speaker: &Range<usize>) -> Option<ActorIdx> {
    let k = cx.mentions.partition_point(|m| m.range.start < speaker.end);
    let m = cx.mentions.get(k)?;
    let gap = cx.prose().get(speaker.end..m.range.start)?;
    let words: Vec<&str> = gap.split_whitespace().collect();
    let joined = match words.as_slice() {
        [p] | [p, "the"] => matches!(*p, "of" | "from" | "at"),
        _ => false,
    };
    m.actor.filter(|_| joined && gap.starts_with(' '))
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

/// Whether the sentence `range` opens with the organisation `subject`: by
/// any of its names; when it is the lead's subject (`by_its_kind`), as "the
/// company", "the airline" (`data/subject_stand_ins.txt`); or in the
/// possessive of what it counts of its own (`data/own_metrics.txt`).
/// Whether the sentence declines to give a figure is the caller's
/// ([`declines_to_say`], read once per sentence).
pub fn opens_with(cx: &Context<'_>, range: Range<usize>, subject: ActorIdx, by_its_kind: bool) -> bool {
    let start = first_word(cx, &range);
    let opening = &cx.prose()[start..range.end];
    let stand_in = by_its_kind
        .then(|| {
            STAND_INS.iter().find_map(|p| {
                let head = opening.get(..p.len()).filter(|head| head.eq_ignore_ascii_case(p))?;
                Some(head.len()).filter(|&n| opening[n..].starts_with([' ', ',', '’', '\'']))
            })
        })
        .flatten();
    let k = cx.mentions.partition_point(|m| m.range.start < start);
    let named =
        cx.mentions.get(k).filter(|m| m.range.start == start && m.actor == Some(subject)).map(|m| m.range.len());
    let Some(name_len) = stand_in.or(named) else { return false };
    // Its subject; a possessive only of what it counts of its own ("Air
    // Velmar's passenger numbers fell"; "NASA’s $337 million telescope" is
    // no figure NASA is said to report).
    let after = &opening[name_len..];
    match after.strip_prefix(['’', '\'']) {
        Some(rest) => {
            let rest = rest.strip_prefix('s').unwrap_or(rest);
            rest.split_whitespace().take(3).any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                OWN_METRICS.contains(&w.as_str())
            })
        }
        None => true,
    }
}

/// Whether the sentence declines to give a figure ("Samsung did not say
/// what the phone will cost, but …"): whatever figure follows is not the
/// subject's.
pub fn declines_to_say(sentence: &str) -> bool {
    NOT_SAYING.is_match(sentence)
}

data_list!(STAND_INS, "subject_stand_ins.txt");

data_list!(OWN_METRICS, "own_metrics.txt");

/// The subject declines to give a figure.
static NOT_SAYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)not|n['’]t|(?-u:\b)declined\s+to|(?-u:\b)refused\s+to)\s+(?:say|disclose|give|reveal|comment)(?-u:\b)")
        .expect("not-saying pattern compiles")
});

/// Whether the sentence `range` gives another organisation's figures: it
/// names a registered organisation other than `subject` in the possessive
/// ("Apple's iPhone has sold …" in a story about Samsung) or, with
/// `or_opens`, opens with one ("Apple sold …").
pub fn about_other_organisation(cx: &Context<'_>, range: Range<usize>, subject: ActorIdx, or_opens: bool) -> bool {
    let from = cx.mentions.partition_point(|m| m.range.start < range.start);
    let start = first_word(cx, &range);
    // At the start, or after "The" ("The Harbour Police precept will rise").
    let opens = |at: usize| at == start || cx.prose()[start..at].trim_end().eq_ignore_ascii_case("the");
    cx.mentions[from..].iter().take_while(|m| m.range.end <= range.end).any(|m| {
        m.actor.is_some_and(|a| a != subject && cx.registry.actor(a).kind == ActorKind::Organization)
            && (cx.prose()[m.range.end..].starts_with(['’', '\'']) || (or_opens && opens(m.range.start)))
    })
}
