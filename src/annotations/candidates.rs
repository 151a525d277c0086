//! Who a span could be: the actors offered to a person linking a mention,
//! adding a missed one or setting a quotation's speaker, best first.
//!
//! Candidates are ranked by, in order: a title before the name that is
//! one of the candidate's role forms ("Defence Secretary Wallace"), a role
//! the candidate held on the article's date, how recently the article
//! mentioned them before the span, and registry order.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::date::Date;
use crate::lexicon::Lexicon;
use crate::registry::{ActorIdx, Registry};

/// Bytes before a span searched for a title.
const TITLE_WINDOW: usize = 60;

/// At most this many candidates are offered.
pub const MAX_CANDIDATES: usize = 8;

/// The actors the span `range` of `text` could be, best first (at most
/// [`MAX_CANDIDATES`]), `current` left out: the bearers of the registered
/// form written there, else (a span no form matches, or a quotation) the
/// actors the article mentions.
pub fn candidates(
    text: &str,
    range: &Range<usize>,
    analysis: &Analysis,
    registry: &Registry,
    lexicon: &Lexicon,
    date: Option<Date>,
    current: Option<ActorIdx>,
) -> Vec<ActorIdx> {
    let written = text.get(range.clone()).unwrap_or("");
    let mut pool: Vec<ActorIdx> = lexicon.form_by_text(written).map(|f| lexicon.form(f).actors()).unwrap_or_default();
    if pool.is_empty() {
        pool = analysis.mentions.iter().filter_map(|m| m.actor).collect();
        pool.sort_unstable();
        pool.dedup();
    }
    pool.retain(|&a| Some(a) != current);
    let mut from = range.start.saturating_sub(TITLE_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..range.start).unwrap_or("");
    // Where each actor was last mentioned before the span: one pass.
    let mut last_seen: std::collections::HashMap<ActorIdx, usize> = std::collections::HashMap::new();
    for m in analysis.mentions.iter().take_while(|m| m.range.start < range.start) {
        if let Some(a) = m.actor {
            last_seen.insert(a, m.range.start);
        }
    }
    let mut ranked: Vec<(bool, bool, Option<usize>, ActorIdx)> = pool
        .into_iter()
        .map(|a| {
            let actor = registry.actor(a);
            let titled = actor.roles.iter().flat_map(|r| &r.forms).any(|f| before.contains(f.as_str()));
            let in_office = date.is_some_and(|d| actor.roles_on(d).next().is_some());
            (titled, in_office, last_seen.get(&a).copied(), a)
        })
        .collect();
    ranked.sort_by(|x, y| (y.0, y.1, y.2).cmp(&(x.0, x.1, x.2)).then(x.3.cmp(&y.3)));
    ranked.into_iter().take(MAX_CANDIDATES).map(|r| r.3).collect()
}
