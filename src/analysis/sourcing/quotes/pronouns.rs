//! Who a pronoun, a nationality or a surname stands for: the named person
//! who last spoke, the nearest fitting earlier name, the body that last
//! spoke ("it said"), the full name given before. Every search is bounded
//! by a window before the word, so each quotation reads a bounded stretch.

use std::ops::Range;
use std::sync::LazyLock;

use super::{
    Entity, Finder, MAX_CUES, REACH, SPEECH, Speaker, WINDOW, clause_start, is_age_epithet, is_noun_phrase,
    is_subject_pronoun, is_title_or_common, starts_upper, words_before,
};
use crate::article::Sentence;
use crate::registry::ActorKind;
use crate::text::wordlists::is_demonym;

impl Finder<'_, '_> {
    /// "The Serbian said", "said the Chilean", "the 33-year-old told
    /// reporters": a nationality or an age for the person the story is
    /// about, resolved like "he" (without a gender).
    pub(super) fn demonym_reference(&self, speaker: Speaker) -> Speaker {
        let text = &self.cx.article.unquoted()[speaker.range.clone()];
        let word = text.strip_prefix("the ").or_else(|| text.strip_prefix("The ")).unwrap_or(text);
        if speaker.actor.is_some() || !(is_demonym(word) || is_age_epithet(word)) {
            return speaker;
        }
        let range = speaker.range.clone();
        if let Some(last) = self.last_speaker(&range, None) {
            return Speaker { actor: last.actor, range, referent: last.referent };
        }
        // The subject of the last sentence that names a person: its first
        // person ("Ivo Stanek beat Paul Lind. … said the Serbian").
        let k = self.entities.partition_point(|e| e.range.start < range.start);
        let low = range.start.saturating_sub(4 * WINDOW);
        let person = |e: &&Entity| e.person && !self.is_possessive(e);
        let Some(last) = self.entities[..k].iter().rev().take_while(|e| e.range.start >= low).find(person) else {
            return speaker;
        };
        let article = self.cx.article;
        let first = article.sentence_at(last.range.start).and_then(|s| {
            let from = article.sentences()[s].range.start;
            let j = self.entities.partition_point(|e| e.range.start < from);
            self.entities[j..k].iter().find(person)
        });
        let e = first.unwrap_or(last);
        Speaker { actor: e.actor, range, referent: e.range.clone() }
    }

    /// A pronoun as speaker, resolved to the nearest earlier name.
    pub(super) fn pronoun(&self, word: &str, range: &Range<usize>) -> Option<Speaker> {
        let lower = word.to_lowercase();
        // "she" is never a person whose given name is borne by men only.
        let excluded = match lower.as_str() {
            "he" => Some('f'),
            "she" => Some('m'),
            _ => None,
        };
        let person = match lower.as_str() {
            "he" | "she" => true,
            "it" => false,
            "they" | "we" => {
                return Some(Speaker { actor: None, range: range.clone(), referent: range.clone() });
            }
            _ => return None,
        };
        // News style: "he said" is the person who last spoke ("Ana Ruiz said
        // the plan, drawn up by Ivo Lind, would fail. “…,” she said"), not
        // whoever was named last.
        if person && let Some(speaker) = self.last_speaker(range, excluded) {
            return Some(Speaker { actor: speaker.actor, range: range.clone(), referent: speaker.referent });
        }
        let k = self.entities.partition_point(|e| e.range.start < range.start);
        let low = range.start.saturating_sub(4 * WINDOW);
        let antecedent = self.entities[..k].iter().rev().take_while(|e| e.range.start >= low).find(|e| {
            e.person == person && !self.is_possessive(e) && (excluded.is_none() || self.gender(e) != excluded)
        });
        Some(match antecedent {
            Some(e) => Speaker { actor: e.actor, range: range.clone(), referent: e.range.clone() },
            None => {
                let referent = if person { None } else { self.body_that_spoke(range) };
                Speaker { actor: None, range: range.clone(), referent: referent.unwrap_or_else(|| range.clone()) }
            }
        })
    }

    /// A speaker not in the registry named by surname alone ("Ulyanov
    /// said") refers to the full name the article gave before ("Mikhail
    /// Ulyanov, Russia's envoy, …"), so one person is one speaker.
    pub(super) fn name_in_full(&self, speaker: &mut Speaker) {
        let prose = self.cx.prose();
        let surname = &prose[speaker.referent.clone()];
        if speaker.actor.is_some() || surname.contains(char::is_whitespace) || !starts_upper(surname) {
            return;
        }
        let k = self.entities.partition_point(|e| e.range.start < speaker.referent.start);
        let low = speaker.referent.start.saturating_sub(8 * WINDOW);
        let full = self.entities[..k].iter().rev().take_while(|e| e.range.start >= low).find(|e| {
            let name = &prose[e.range.clone()];
            e.actor.is_none()
                && e.person
                && name.contains(char::is_whitespace)
                && name.rsplit(char::is_whitespace).next() == Some(surname)
        });
        if let Some(e) = full {
            speaker.referent = e.range.clone();
        }
    }

    /// The named person who last spoke before `pronoun`: the speaker of the
    /// nearest speech cue in its paragraph or the two before that names
    /// someone ("Dzulkefly said …", "Ron Bowden, a spokesman, said …") and
    /// whose given name does not contradict the pronoun.
    pub(super) fn last_speaker(&self, pronoun: &Range<usize>, excluded: Option<char>) -> Option<Speaker> {
        let article = self.cx.article;
        let sentences = article.sentences();
        let here = article.sentence_at(pronoun.start)?;
        let unquoted = article.unquoted();
        for s in within_paragraphs(&sentences[..=here], 3).take(6) {
            let cues = cues_before(unquoted, s, pronoun.start);
            for cue in cues.iter().rev().take(MAX_CUES) {
                // A cue whose subject is itself a pronoun is resolved by the
                // cue before it; reading it here would go round in circles.
                let before = words_before(unquoted, clause_start(unquoted, cue, &s.range), cue.start);
                let after = words_before(unquoted, cue.end, s.range.end.min(cue.end + REACH));
                // "said he" has its pronoun after the cue; "Ana Ruiz said she
                // would stay" has the statement's subject there, and only the
                // words before the cue are read.
                let pronoun_after = after.first().is_some_and(|(_, w)| is_subject_pronoun(w));
                if before.last().is_some_and(|(_, w)| is_subject_pronoun(w)) || (before.is_empty() && pronoun_after) {
                    continue;
                }
                // As written: "said the Serbian" is resolved by the cue
                // before it, like a pronoun.
                let speaker = if pronoun_after {
                    self.before(cue, &s.range).map(|mut found| {
                        found.actor = found.actor.or_else(|| self.entity_at(&found.referent).and_then(|e| e.actor));
                        found
                    })
                } else {
                    self.subject_of(cue, &s.range, false)
                };
                let Some(speaker) = speaker else { continue };
                let name = &unquoted[speaker.referent.clone()];
                let named = name.split_whitespace().all(starts_upper) && !is_title_or_common(name) && !is_demonym(name);
                let entity =
                    Entity { range: speaker.referent.clone(), actor: speaker.actor, person: true, body: false };
                let kind_fits = speaker.actor.is_none_or(|a| self.cx.registry.actor(a).kind == ActorKind::Person);
                if named && kind_fits && (excluded.is_none() || self.gender(&entity) != excluded) {
                    return Some(speaker);
                }
            }
        }
        None
    }

    /// What "it" refers to when no registered body comes before: the body
    /// that last spoke in the paragraph or the one before ("The fisheries
    /// ministry said … “…,” it said").
    pub(super) fn body_that_spoke(&self, pronoun: &Range<usize>) -> Option<Range<usize>> {
        let article = self.cx.article;
        let sentences = article.sentences();
        let here = article.sentence_at(pronoun.start)?;
        let unquoted = article.unquoted();
        for s in within_paragraphs(&sentences[..=here], 2).take(4) {
            let cues = cues_before(unquoted, s, pronoun.start);
            // The sentence's first cue is its main verb ("said", not a later
            // "in a statement").
            for cue in cues.iter().take(MAX_CUES) {
                let words = words_before(unquoted, clause_start(unquoted, cue, &s.range), cue.start);
                let Some((_, last)) = words.last() else { continue };
                if is_subject_pronoun(last) {
                    continue;
                }
                let phrase = &words[words.len().saturating_sub(4)..];
                let from = phrase
                    .iter()
                    .position(|(_, w)| !matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
                    .unwrap_or(0);
                let phrase = &phrase[from..];
                if !phrase.is_empty() && is_noun_phrase(phrase) {
                    return Some(phrase[0].0.start..phrase[phrase.len() - 1].0.end);
                }
            }
        }
        None
    }

    /// The gender its given name implies (`data/given_name_gender.txt`):
    /// the first word of the name as written, or of the registered name for
    /// a registered actor named by surname.
    pub(super) fn gender(&self, e: &Entity) -> Option<char> {
        static GENDERS: LazyLock<rustc_hash::FxHashMap<&str, char>> = LazyLock::new(|| {
            crate::text::data_entries(include_str!("../../../../data/given_name_gender.txt"))
                .filter_map(|l| l.split_once(' '))
                .filter_map(|(name, g)| g.chars().next().map(|g| (name, g)))
                .collect()
        });
        let written = &self.cx.prose()[e.range.clone()];
        let full = match e.actor {
            Some(a) => self.cx.registry.actor(a).name.as_str(),
            None => written,
        };
        let first = full.split_whitespace().next()?.to_lowercase();
        GENDERS.get(first.as_str()).copied()
    }

    /// "Jean's brother": a possessive names someone else's relation, not
    /// the one a later pronoun refers to.
    pub(super) fn is_possessive(&self, e: &Entity) -> bool {
        let rest = &self.cx.prose()[e.range.end..];
        rest.starts_with("'s") || rest.starts_with("’s") || rest.starts_with("' ") || rest.starts_with("’ ")
    }
}

/// The speech cues of `sentence` before `until`, in text order, read in
/// the last [`WINDOW`] bytes only: each quotation reads a bounded stretch,
/// so an article of one endless paragraph stays linear.
pub(super) fn cues_before(unquoted: &str, sentence: &Sentence, until: usize) -> Vec<Range<usize>> {
    let end = sentence.range.end.min(until);
    let area = crate::position::floor_char_boundary(unquoted, sentence.range.start.max(end.saturating_sub(WINDOW)))
        ..crate::position::floor_char_boundary(unquoted, end);
    SPEECH.find_iter(&unquoted[area.clone()]).map(|m| area.start + m.start()..area.start + m.end()).collect()
}

/// The sentences of `sentences` from the last backwards, within its last
/// `paragraphs` paragraphs (paragraph numbers are not consecutive).
pub(super) fn within_paragraphs(sentences: &[Sentence], paragraphs: usize) -> impl Iterator<Item = &Sentence> {
    let mut seen = 0;
    let mut current = None;
    sentences.iter().rev().take_while(move |s| {
        if current != Some(s.paragraph) {
            current = Some(s.paragraph);
            seen += 1;
        }
        seen <= paragraphs
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{speaker_of, speakers_with};

    const REGISTRY: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");

    #[test]
    fn a_pronoun_after_a_named_speakers_cue_is_the_statements_subject() {
        // "Ruiz said she …": Ruiz spoke; the pronoun after the cue opens
        // what she said, and the next "she added" is Ruiz, not the
        // minister named in her statement.
        let text = "\"The strike goes on,\" said union leader Tove Lind.\n\n\
                    Lind said she would meet Transport Minister Rolf Dahl on Friday.\n\n\
                    \"I will tell him the drivers are tired,\" she added.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "I will tell him"), Some(("she".to_string(), "Tove Lind".to_string(), None)));
        let text = "Senate leader Rolf Dahl said he expects the votes to pass the bill. \
                    \"It is a matter of public safety,\" he told reporters.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "It is a matter"), Some(("he".to_string(), "Rolf Dahl".to_string(), None)));
    }
}
