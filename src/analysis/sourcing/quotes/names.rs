//! Name shapes around a cue that the plain reading of capitalised words
//! cuts: an abbreviation in brackets between a name and its cue ("Harbour
//! Pilots Union (HPU) said"), a name that opens with a figure ("4 Rivers
//! Dairy said"), and a registered name written with a title inside it
//! ("Cmdr. Ana Ruiz": the actor of the whole mention); an unregistered
//! person named again, in full or by surname, where nothing beside the name
//! shows it is a person's.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use super::{Entity, Finder, Speaker, starts_upper};

/// Words at most in a bracketed abbreviation or short form.
const MAX_BRACKETED_WORDS: usize = 3;

impl Finder<'_, '_> {
    /// The speaker of a cue that follows a bracketed short form: "Harbour
    /// Pilots Union (HPU) said", "Ana Ruiz, organiser for the Harbour
    /// Pilots Union, (HPU) said". The subject is read as if the brackets
    /// were not there; when that finds only a common noun phrase ("the
    /// board's press office (HBPO) said"), the registered body in the
    /// brackets is the speaker. `None` when no bracket closes right before
    /// the cue.
    pub(super) fn before_brackets(&self, start: usize, cue: &Range<usize>, sentence: &Range<usize>) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        let lead = unquoted[start..cue.start].trim_end();
        let inside = lead.strip_suffix(')')?;
        let open = inside.rfind('(')?;
        let short = &inside[open + 1..];
        if short.trim().is_empty()
            || short.contains([',', ';', '.', '('])
            || short.split_whitespace().count() > MAX_BRACKETED_WORDS
        {
            return None;
        }
        let paren = start + open;
        let bracketed = self.entity_within(&(paren..start + lead.len())).filter(|e| e.actor.is_some());
        let read = self.before(&(paren..cue.end), sentence);
        let named = |s: &Speaker| starts_upper(&unquoted[s.referent.clone()]);
        match (read, bracketed) {
            (Some(s), _) if named(&s) => Some(s),
            (_, Some(e)) => Some(Speaker { actor: e.actor, range: e.range.clone(), referent: e.range.clone() }),
            (read, None) => read,
        }
    }

    /// The person whose apposition `last` ends ("Ana Ruiz, managing
    /// director, Harbour Capital said"; "Ana Ruiz, head of the region's
    /// largest yard, Ruiz Marine, said"): the earliest of `earlier` (the
    /// entities of the clause before it, which opens at `start`) that is a
    /// person, not a possessive or a preposition's object, and is followed
    /// by words set off by commas up to `last`.
    pub(super) fn apposition_holder<'e>(
        &self,
        earlier: &'e [Entity],
        last: &Entity,
        start: usize,
    ) -> Option<&'e Entity> {
        let unquoted = self.cx.article.unquoted();
        earlier.iter().find(|p| {
            let between = unquoted[p.range.end..last.range.start].trim();
            p.person
                && !self.is_possessive(p)
                && !super::follows_preposition(&unquoted[start..p.range.start])
                && between.len() > 1
                && between.starts_with(',')
                && between.ends_with(',')
                && !between.contains([';', '.'])
        })
    }

    /// The first entity lying wholly inside `range`.
    fn entity_within(&self, range: &Range<usize>) -> Option<&Entity> {
        let k = self.entities.partition_point(|e| e.range.start < range.start);
        self.entities.get(k).filter(|e| e.range.end <= range.end)
    }

    /// The entity covering `range`: the mention "Cmdr. Ana Ruiz" covers the
    /// name "Ana Ruiz" read from the words after the title.
    pub(super) fn entity_at(&self, range: &Range<usize>) -> Option<&Entity> {
        let k = self.entities.partition_point(|e| e.range.start <= range.start);
        let e = self.entities.get(k.checked_sub(1)?)?;
        (e.range.end >= range.end).then_some(e)
    }
}

/// Where a name starts when a figure of one to three digits opens its
/// sentence or line right before it ("7 Oaks Bakery said"): the figure's
/// start. `None` for a figure inside a sentence ("in 2019 Ana Ruiz said",
/// "sold 40 Harbour Lane").
pub(super) fn figure_before(unquoted: &str, name: &Range<usize>) -> Option<usize> {
    let head = unquoted[..name.start].strip_suffix(' ')?;
    let figure = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let start = head.len() - figure;
    let before = head[..start].trim_end_matches([' ', '"', '“', '(']);
    let opens = before.is_empty() || before.ends_with(['\n', '.', '!', '?', ':', '—']);
    ((1..=3).contains(&figure) && opens).then_some(start)
}

/// How many words a run of capitalised words at the end of `words` takes
/// when a figure opens the clause right before it: "4 Rivers Dairy said"
/// is one name, not "Rivers Dairy". `run` is the run's length without it.
pub(super) fn with_leading_figure(words: &[(Range<usize>, &str)], run: usize) -> usize {
    let figure = words.len().checked_sub(run + 1);
    match figure {
        Some(0) if run > 0 && words[0].1.len() <= 3 && words[0].1.chars().all(|c| c.is_ascii_digit()) => run + 1,
        _ => run,
    }
}

/// The name before an apposition set off by commas that runs up to the
/// cue: "Channing Ruiz, portfolio manager at Harbour Capital, said", and
/// with a lead-in before the name ("On Monday, Ana Ruiz, organiser for the
/// union, said"), or left open ("In a statement Ana Ruiz, site manager for
/// Harbour Capital said"). The name is the capitalised run ending the words
/// before the apposition's comma: all of them, or at least two.
pub(super) fn before_apposition(unquoted: &str, start: usize, cue: &Range<usize>) -> Option<Range<usize>> {
    let lead = unquoted[start..cue.start].trim_end();
    let Some(lead) = lead.strip_suffix(',') else {
        let comma = lead.rfind(',')?;
        if !super::unclosed_apposition(&lead[comma..]) {
            return None;
        }
        let from = lead[..comma].rfind(',').map_or(0, |k| k + 1);
        return name_ending(unquoted, start + from, start + comma).filter(|name| unquoted[name.clone()].contains(' '));
    };
    let first = lead.find(',')?;
    let last = lead.rfind(',')?;
    // The first comma opens the apposition; else the last one does, after a
    // lead-in that ends with the comma before it.
    let mut candidates = vec![(0, first)];
    if last != first {
        let from = lead[..last].rfind(',').map_or(0, |k| k + 1);
        candidates.push((from, last));
    }
    candidates.into_iter().find_map(|(from, comma)| name_ending(unquoted, start + from, start + comma))
}

/// The name ending `unquoted[from..to]`: its capitalised run, when that is
/// all its words or at least two.
fn name_ending(unquoted: &str, from: usize, to: usize) -> Option<Range<usize>> {
    let head = super::words_before(unquoted, from, to);
    let run = head.iter().rev().take_while(|(_, w)| starts_upper(w)).count();
    super::name_in_run(&head[head.len() - run..]).filter(|_| run > 0 && (run == head.len() || run >= 2))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{speaker_of, speakers_with};

    const REGISTRY: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");

    fn speaker(words: &str, name: &str, actor: Option<&str>) -> Option<(String, String, Option<String>)> {
        Some((words.to_string(), name.to_string(), actor.map(str::to_string)))
    }

    #[test]
    fn a_bracketed_short_form_between_the_name_and_the_cue() {
        let text = "The creamery will shut in May.\n\n\
                    4 Rivers Dairy (4RD) said: \"We looked at every other way to keep it open.\"\n\n\
                    \"We are sorry for our staff,\" it said.";
        let rows = speakers_with(REGISTRY, text);
        let dairy = speaker("4 Rivers Dairy", "4 Rivers Dairy", Some("4-rivers-dairy"));
        assert_eq!(speaker_of(&rows, "We looked at"), dairy);
    }

    #[test]
    fn a_person_before_an_apposition_that_ends_with_a_bracketed_body() {
        let text = "On Friday, Tomas Ek, branch secretary for the Harbour Pilots Union, (HPU) said: \
                    \"Nobody was told before the gates were locked.\"";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "Nobody was told"), speaker("Tomas Ek", "Tomas Ek", None));
    }

    #[test]
    fn the_registered_body_in_brackets_after_a_common_noun_phrase() {
        let text = "The coast guard's press office (CPO) said: \"Two crews are still searching the bay.\"";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "Two crews"), speaker("CPO", "CPO", Some("coastal-press-office")));
    }

    #[test]
    fn a_person_after_a_body_and_titles_closed_by_a_comma() {
        let text = "\"The pay offer is not enough,\" said HPU General Secretary and Chief Executive, Ines Varga.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "The pay offer"), speaker("Ines Varga", "Ines Varga", Some("ines-varga")));
    }

    #[test]
    fn a_body_ending_a_persons_apposition_is_not_the_speaker() {
        let text = "Tove Lind, managing director of the town's oldest broker, Harbour Capital, said the \
                    market was calm. \"Buyers are back,\" she said.\n\n\
                    Jon Mayer, Chairman and Managing Director, Harbour Capital said, \"We had our best \
                    quarter.\"\n\n\
                    In a statement Rolf Dahl, site manager for Harbour Capital at Eastport said: \"The yard \
                    will close in May.\"";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "Buyers are back"), speaker("she", "Tove Lind", None));
        assert_eq!(speaker_of(&rows, "We had our best"), speaker("Jon Mayer", "Jon Mayer", None));
        assert_eq!(speaker_of(&rows, "The yard will"), speaker("Rolf Dahl", "Rolf Dahl", None));
    }

    #[test]
    fn an_unnamed_official_placed_by_a_preposition_and_verbs_that_assure_or_report() {
        let text = "\"The toll has reached 12,\" an official in the town's flood control room told reporters.";
        let rows = speakers_with(REGISTRY, text);
        let official = "an official in the town's flood control room";
        assert_eq!(speaker_of(&rows, "The toll"), speaker(official, official, None));
        let text = "\"The count in four districts cannot change the result,\" Ines Varga assured.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "The count"), speaker("Ines Varga", "Ines Varga", Some("ines-varga")));
    }

    #[test]
    fn an_unregistered_name_that_opens_with_a_figure() {
        let text = "7 Oaks Bakery said: \"Our ovens stay on through the strike.\"";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "Our ovens"), speaker("7 Oaks Bakery", "7 Oaks Bakery", None));
    }

    #[test]
    fn a_name_read_after_its_title_is_the_registered_actor_of_the_mention() {
        let text = "Army spokeswoman Brig. Gen. Ines Varga urged boat owners to stay ashore.\n\n\
                    \"Wait for the all-clear before you sail,\" she said.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "Wait for"), speaker("she", "Ines Varga", Some("ines-varga")));
    }
}

/// The later mentions of the unregistered people among `entities` (in any
/// order): every capitalised word after a person's full name that is their
/// surname ("Mantshantsha made the announcement"), with their given names
/// when they stand before it; the nearest full name before it with that
/// surname is the person ("Ana Ruiz …, her brother Carlos Ruiz … Ruiz
/// said": Carlos). One pass over the text, whatever the number of people.
/// A surname that is also a common word is not read at a sentence's start
/// ("Young people …"), nor a word that opens a longer run of capitalised
/// words ("Ruiz Construction").
pub(super) fn named_again(unquoted: &str, entities: &[Entity]) -> Vec<Entity> {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\p{Lu}[\p{L}’'-]*\p{L}").expect("capitalised word compiles"));
    // The full names, in text order, with their surnames.
    let mut full_names: Vec<(Range<usize>, &str)> = entities
        .iter()
        .filter(|e| e.person && e.actor.is_none())
        .filter_map(|e| {
            let (_, surname) = unquoted[e.range.clone()].rsplit_once(' ')?;
            (surname.len() > 2 && starts_upper(surname)).then(|| (e.range.clone(), surname))
        })
        .collect();
    if full_names.is_empty() {
        return Vec::new();
    }
    full_names.sort_by_key(|(r, _)| r.start);
    // Each surname's latest full name before the word being read.
    let mut latest: FxHashMap<&str, Range<usize>> = FxHashMap::default();
    let mut next = 0;
    let from = full_names[0].0.end;
    let mut again = Vec::new();
    for m in WORD.find_iter(&unquoted[from..]) {
        let range = from + m.start()..from + m.end();
        while let Some((full, surname)) = full_names.get(next).filter(|(r, _)| r.end <= range.start) {
            latest.insert(surname, full.clone());
            next += 1;
        }
        let Some(full) = latest.get(m.as_str()) else {
            continue;
        };
        // Not a word inside a longer name or joined to the one before.
        let before = &unquoted[..range.start];
        let after = &unquoted[range.end..];
        if before.ends_with(|c: char| c.is_alphanumeric() || c == '-')
            || after.starts_with(|c: char| c.is_alphanumeric() || c == '-')
            || after.strip_prefix(' ').and_then(|rest| rest.chars().next()).is_some_and(char::is_uppercase)
        {
            continue;
        }
        let sentence_start = before.trim_end().is_empty() || before.trim_end().ends_with(['.', '!', '?', '\n', ':']);
        if sentence_start && crate::text::wordlists::is_common_word(m.as_str()) {
            continue;
        }
        // "Sikonathi Mantshantsha" written again in full.
        let name = &unquoted[full.clone()];
        let given = &name[..name.len() - m.as_str().len()];
        let start = if before.ends_with(given) { range.start - given.len() } else { range.start };
        again.push(Entity {
            range: start..range.end,
            actor: None,
            person: true,
            body: false,
            full: Some(full.clone()),
        });
    }
    again
}
