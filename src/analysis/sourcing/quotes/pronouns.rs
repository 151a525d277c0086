//! Who a pronoun, a nationality or a surname stands for: the named person
//! who last spoke, the nearest fitting earlier name, the body that last
//! spoke ("it said"), the full name given before. Every search is bounded
//! by a window before the word, so each quotation reads a bounded stretch.

use std::ops::Range;
use std::sync::LazyLock;

use super::{
    Entity, Finder, MAX_CUES, REACH, SPEECH, Speaker, WINDOW, clause_start, is_age_epithet, is_noun_phrase,
    is_sentence_adverb, is_subject_pronoun, is_title_or_common, starts_upper, subject_pronoun, words_before,
};
use crate::article::Sentence;
use crate::registry::ActorKind;
use crate::text::wordlists::is_demonym;

/// A form of address before a surname: "Mr", "Dr.", "Ms".
fn is_form_of_address(word: &str) -> bool {
    matches!(word.trim_end_matches('.'), "Dr" | "Mr" | "Mrs" | "Ms" | "Miss" | "Prof" | "Sir" | "Dame")
}

/// An honorific before a name: "Dr", "Mr.", "Datuk".
fn is_honorific(word: &str) -> bool {
    crate::analysis::lists::is_title_word_lowercase(&word.trim_end_matches('.').to_lowercase())
        || is_form_of_address(word)
}

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
        let person = |e: &&Entity| e.person && !self.is_possessive(e) && !self.is_attributive(e);
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
        // News style: a paragraph that opens with a person is about them
        // ("Ivo Lind disagreed. … he says"); else "he said" is the person
        // who last spoke ("Ana Ruiz said the plan, drawn up by Ivo Lind,
        // would fail. “…,” she said"), not whoever was named last; an
        // unnamed speaker just before is "he" ("an official said … he
        // said").
        let found = if person {
            self.paragraph_subject(range, excluded)
                .or_else(|| self.quote_paragraph_subject(range, excluded))
                .or_else(|| self.unnamed_speaker(range))
                .or_else(|| self.last_speaker(range, excluded))
        } else {
            None
        };
        if let Some(speaker) = found {
            return Some(Speaker { actor: speaker.actor, range: range.clone(), referent: speaker.referent });
        }
        let k = self.entities.partition_point(|e| e.range.start < range.start);
        let low = range.start.saturating_sub(4 * WINDOW);
        let fitting = || {
            self.entities[..k].iter().rev().take_while(|e| e.range.start >= low).filter(|e| {
                e.person == person
                    && !self.is_possessive(e)
                    && !self.is_attributive(e)
                    && (excluded.is_none() || self.gender(e) != excluded)
            })
        };
        // A person named as a preposition's object ("207 votes for
        // candidate Ivo Lind") is a later "he" only when no one else fits.
        let antecedent = fitting().find(|e| !self.is_object(e)).or_else(|| fitting().next());
        Some(match antecedent {
            Some(e) => Speaker { actor: e.actor, range: range.clone(), referent: e.range.clone() },
            None => {
                let referent = if person { None } else { self.body_that_spoke(range) };
                Speaker { actor: None, range: range.clone(), referent: referent.unwrap_or_else(|| range.clone()) }
            }
        })
    }

    /// Whether a name is a preposition's object, titles between ("for RN
    /// candidate Ivo Lind", "with Ana Ruiz").
    fn is_object(&self, e: &Entity) -> bool {
        let article = self.cx.article;
        let unquoted = article.unquoted();
        let sentence = article.sentence_at(e.range.start).map_or(0, |k| article.sentences()[k].range.start);
        let from = crate::position::floor_char_boundary(unquoted, e.range.start.saturating_sub(REACH).max(sentence));
        let words = words_before(unquoted, from, e.range.start);
        let titles = words.iter().rev().take_while(|(_, w)| starts_upper(w) || is_title_or_common(w)).count();
        let before = &words[..words.len() - titles];
        before.last().is_some_and(|(_, w)| {
            matches!(w.to_lowercase().as_str(), "at" | "of" | "for" | "with" | "from" | "in" | "by" | "against" | "to")
        })
    }

    /// The person a paragraph opens with, before `pronoun` in it and
    /// fitting its gender: "Dr Ivo Lind, however, disagreed. … “…,” he
    /// says". Only titles may come before the name ("Deputy Governor Ivo
    /// Lind"); a possessive ("Lind's deputy") is someone else.
    fn paragraph_subject(&self, pronoun: &Range<usize>, excluded: Option<char>) -> Option<Speaker> {
        let k = self.paragraph_start(pronoun.start)?;
        self.opening_person(&self.cx.article.sentences()[k], pronoun.start, excluded)
    }

    /// The index of the first sentence of the paragraph holding `at`, when
    /// it is a few sentences back at most: a paragraph of endless "“…,” he
    /// said." is not walked back once per pronoun.
    fn paragraph_start(&self, at: usize) -> Option<usize> {
        let sentences = self.cx.article.sentences();
        let here = self.cx.article.sentence_at(at)?;
        let back = within_paragraphs(&sentences[..=here], 1).take(MAX_CUES + 2).count();
        let k = (here + 1).checked_sub(back)?;
        (k == 0 || sentences[k - 1].paragraph != sentences[k].paragraph).then_some(k)
    }

    /// For a pronoun that is the first word outside quotation marks of a
    /// paragraph that opens with a quotation ("“…,” he said"): the person
    /// the paragraph before ends on, when its last sentence opens with them
    /// ("Jockey Ivo Lind was overjoyed after his win on the Ana Ruiz-trained
    /// mare."), before anyone who spoke further up.
    fn quote_paragraph_subject(&self, pronoun: &Range<usize>, excluded: Option<char>) -> Option<Speaker> {
        let article = self.cx.article;
        let sentences = article.sentences();
        // (A quotation opening a paragraph spans a few sentences at most.)
        let first = self.paragraph_start(pronoun.start)?;
        let previous = sentences.get(first.checked_sub(1)?)?;
        let before = &article.unquoted()[sentences[first].range.start..pronoun.start];
        let quoted_first =
            self.cx.prose()[sentences[first].range.clone()].trim_start().starts_with(['“', '"', '‘', '\'']);
        // A sentence with a cue has its speaker, whom the last speaker's
        // search finds ("Cr Lind said …, while Cr Ruiz said …").
        let unquoted = article.unquoted();
        if !quoted_first
            || before.contains(char::is_alphanumeric)
            || !cues_before(unquoted, previous, previous.range.end).is_empty()
        {
            return None;
        }
        self.opening_person(previous, pronoun.start, excluded)
    }

    /// The person `sentence` opens with (titles allowed before the name, not
    /// a possessive), named before `until` and fitting `excluded`.
    pub(super) fn opening_person(&self, sentence: &Sentence, until: usize, excluded: Option<char>) -> Option<Speaker> {
        let k = self.entities.partition_point(|e| e.range.start < sentence.range.start);
        let mut e = self.entities.get(k).filter(|e| e.range.end <= until && e.range.start < sentence.range.end)?;
        let unquoted = self.cx.article.unquoted();
        // (The words before the first name: a title, an adverb.)
        let lead_end = e.range.start;
        // "Eskom spokesperson Sikonathi Mantshantsha made …": the body is
        // the person's title.
        if !e.person
            && let Some(p) = self.entities.get(k + 1).filter(|p| p.person && p.range.end <= until)
            && words_before(unquoted, e.range.end, p.range.start).iter().all(|(_, w)| is_title_or_common(w))
            && !unquoted[e.range.end..p.range.start].contains([',', ';', '.'])
        {
            e = p;
        }
        let lead = words_before(unquoted, sentence.range.start, lead_end);
        // "Later, Ana Ruiz was blunt.", "So Ruiz tried …": an adverb first.
        let adverbs = lead.iter().take_while(|(_, w)| is_sentence_adverb(w)).count();
        let lead = &lead[adverbs..];
        let titled = lead.iter().all(|(_, w)| is_title_or_common(w) || is_honorific(w));
        let fits = e.person && !self.is_possessive(e) && (excluded.is_none() || self.gender(e) != excluded);
        (titled && lead.len() <= 4 && fits).then(|| Speaker {
            actor: e.actor,
            range: e.range.clone(),
            referent: e.range.clone(),
        })
    }

    /// The unnamed person who spoke just before `pronoun`: the subject of
    /// the nearest cue with one (not a pronoun) in its sentence or the two
    /// before, in its paragraph or the one before, when that is an
    /// indefinite office or occupation ("an official said … “…,” he said")
    /// and no person is named between.
    fn unnamed_speaker(&self, pronoun: &Range<usize>) -> Option<Speaker> {
        let article = self.cx.article;
        let sentences = article.sentences();
        let here = article.sentence_at(pronoun.start)?;
        let unquoted = article.unquoted();
        for s in within_paragraphs(&sentences[..=here], 2).take(3) {
            for cue in cues_before(unquoted, s, pronoun.start).iter().rev().take(MAX_CUES) {
                let words = words_before(unquoted, clause_start(unquoted, cue, &s.range), cue.start);
                if words.is_empty() || subject_pronoun(&words).is_some() {
                    continue;
                }
                // The nearest cue with a subject decides.
                let speaker = self.before(cue, &s.range)?;
                let phrase = words_before(unquoted, speaker.referent.start, speaker.referent.end);
                let indefinite =
                    phrase.first().is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "a" | "an" | "one"));
                let office = phrase.last().is_some_and(|(_, w)| super::descriptor::is_office(&w.to_lowercase()));
                let k = self.entities.partition_point(|e| e.range.start < speaker.referent.end);
                let named_between =
                    self.entities[k..].iter().take_while(|e| e.range.start < pronoun.start).any(|e| e.person);
                return (indefinite && office && phrase.len() <= 4 && !named_between).then_some(speaker);
            }
        }
        None
    }

    /// A speaker not in the registry named by surname alone ("Ulyanov
    /// said") refers to the full name the article gave before ("Mikhail
    /// Ulyanov, Russia's envoy, …"), so one person is one speaker.
    pub(super) fn name_in_full(&self, speaker: &mut Speaker) {
        let prose = self.cx.prose();
        let written = &prose[speaker.referent.clone()];
        // "Mr King said": the honorific's surname, the same person.
        let surname = match written.split_once(' ') {
            Some((honorific, rest)) if is_form_of_address(honorific) => rest,
            _ => written,
        };
        if speaker.actor.is_some() {
            return;
        }
        if let Some(full) = self.entity_at(&speaker.referent).and_then(|e| e.full.clone()) {
            speaker.referent = full;
            return;
        }
        if let Some(e) = self.full_name_before(speaker.referent.start, surname) {
            speaker.referent = e.range.clone();
            // "Dr. Diana Atwiine" before "Dr. Atwiine says": the misspelt
            // registered person is the speaker.
            speaker.actor = e.actor;
        }
    }

    /// The unregistered (or misspelt) person named in full before `at` whose surname is
    /// `surname` (a single capitalised word), within a bounded stretch.
    fn full_name_before(&self, at: usize, surname: &str) -> Option<&Entity> {
        if surname.contains(char::is_whitespace) || !starts_upper(surname) {
            return None;
        }
        let prose = self.cx.prose();
        let k = self.entities.partition_point(|e| e.range.start < at);
        let low = at.saturating_sub(8 * WINDOW);
        self.entities[..k].iter().rev().take_while(|e| e.range.start >= low).find(|e| {
            let name = &prose[e.range.clone()];
            (e.actor.is_none() || self.is_near_miss(e))
                && e.person
                && name.contains(char::is_whitespace)
                && name.rsplit(char::is_whitespace).next() == Some(surname)
        })
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
                if subject_pronoun(&before).is_some() || (before.is_empty() && pronoun_after) {
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
                let entity = Entity {
                    range: speaker.referent.clone(),
                    actor: speaker.actor,
                    person: true,
                    body: false,
                    full: None,
                };
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
    /// a registered actor named by surname; else the honorific before it.
    pub(super) fn gender(&self, e: &Entity) -> Option<char> {
        static GENDERS: LazyLock<rustc_hash::FxHashMap<&str, char>> = LazyLock::new(|| {
            crate::text::data_entries(include_str!("../../../../data/given_name_gender.txt"))
                .filter_map(|l| l.split_once(' '))
                .filter_map(|(name, g)| g.chars().next().map(|g| (name, g)))
                .collect()
        });
        let prose = self.cx.prose();
        let written = &prose[e.range.clone()];
        // "Cr Taylor" after "Ben Taylor": the given name written before.
        let full = match e.actor {
            Some(a) => self.cx.registry.actor(a).name.as_str(),
            None => self.full_name_before(e.range.start, written).map_or(written, |f| &prose[f.range.clone()]),
        };
        let first = full.split_whitespace().next().map(str::to_lowercase);
        first.and_then(|first| GENDERS.get(first.as_str()).copied()).or_else(|| self.honorific_gender(e))
    }

    /// The gender an honorific right before the name gives ("Mr Hall", "Ms.
    /// Ruiz", "Dame Ana Ruiz").
    fn honorific_gender(&self, e: &Entity) -> Option<char> {
        let prose = self.cx.prose();
        let head = crate::text::tail(prose, e.range.start, 12).trim_end();
        let word = head.rsplit(char::is_whitespace).next()?.trim_end_matches('.');
        match word {
            "Mr" | "Mister" | "Sir" | "Lord" => Some('m'),
            "Ms" | "Mrs" | "Miss" | "Madam" | "Dame" | "Lady" => Some('f'),
            _ => None,
        }
    }

    /// Whether `e` is a misspelling of a registered name ("Diana Atwiine"),
    /// found by the name analysis.
    fn is_near_miss(&self, e: &Entity) -> bool {
        self.cx.names.near_miss_at(&e.range).is_some_and(|n| n.range == e.range)
    }

    /// "the Chris Waller-trained mare", "a Lind-led panel": a name made
    /// into a modifier describes something else, which a later pronoun is
    /// not about.
    fn is_attributive(&self, e: &Entity) -> bool {
        let rest = &self.cx.prose()[e.range.end..];
        rest.strip_prefix('-').is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()))
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
    crate::analysis::sourcing::scope::in_paragraphs(sentences.iter().rev(), paragraphs)
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

    fn said(words: &str, name: &str) -> Option<(String, String, Option<String>)> {
        Some((words.to_string(), name.to_string(), None))
    }

    #[test]
    fn a_paragraph_opening_with_a_person_is_theirs() {
        // Each paragraph of a panel's minutes opens with the member whose
        // view it gives: "he" is that member, not the one who spoke last.
        let text = "Dr Tove Lind said, \"Prices are cooling faster than we thought.\"\n\n\
                    Dr Rolf Dahl, however, took the other side. Without hedging, he says the cut came \
                    too early. \"We may have to undo it by spring\", he adds.\n\n\
                    Deputy Governor Arne Holm agreed with Lind. He also adds that rates \"should stay put \
                    until the summer\".";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "We may have"), said("he", "Rolf Dahl"));
        assert_eq!(speaker_of(&rows, "should stay put"), said("He", "Arne Holm"));
    }

    #[test]
    fn a_pronoun_after_an_unnamed_official_is_that_official() {
        let text = "Floods cut the valley road on Monday.\n\n\
                    In the river town, an official said most homes were empty. \"We moved people out \
                    early,\" he said.\n\n\"The water is falling now,\" he said.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "We moved"), said("he", "an official"));
        assert_eq!(speaker_of(&rows, "The water"), said("he", "an official"));
        // A person named between is who "he" is.
        let text = "In the river town, an official said most homes were empty. Rolf Dahl, a farmer, \
                    stayed behind. \"I could not leave the cows,\" he said.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "I could not"), said("he", "Rolf Dahl"));
    }

    #[test]
    fn a_preposition_object_is_a_later_pronoun_only_when_no_one_else_fits() {
        // Neither given name tells a gender: the one elected is "she", not
        // the rival named after "for".
        let text = "The council re-elected Noor Vantage as its chair.\n\n\
                    Elected with 220 votes against 207 for Green candidate Senna Okoro, she thanked the \
                    members.\n\n\
                    \u{2018}I will work with every one of you\u{2019}, she said after the vote.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(
            speaker_of(&rows, "I will work"),
            Some(("she".to_string(), "Noor Vantage".to_string(), Some("noor-vantage".to_string())))
        );
    }

    #[test]
    fn a_paragraph_quotation_with_no_cue_is_the_person_the_paragraph_before_opens_with() {
        let text = "The grey colt won by a neck.\n\n\
                    Ms Tove Lind, who trained the colt for three seasons, was overjoyed after the race.\n\n\
                    \"I have waited twenty years for a day like this one.\"\n\n\
                    The purse was shared by four owners.\n\n\
                    \"It takes a village to keep a horse sound.\"";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "I have waited"), said("Tove Lind", "Tove Lind"));
        assert_eq!(speaker_of(&rows, "It takes a village"), None, "the paragraph before names no one");
    }

    #[test]
    fn a_name_made_a_modifier_is_not_a_later_pronoun() {
        let text = "The cup went to Peter Holm on the Rolf Dahl-trained colt. \
                    \"I have waited twenty years for this,\" he said.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "I have waited"), said("he", "Peter Holm"));
    }

    #[test]
    fn a_pronoun_opening_a_quotation_paragraph_is_the_person_the_paragraph_before_ends_on() {
        // Before whoever spoke further up.
        let text = "Trainer Rolf Dahl said the colt had been lame in May.\n\n\
                    Jockey Peter Holm was overjoyed after his first cup.\n\n\
                    \"I have waited twenty years for this,\" he said.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "I have waited"), said("he", "Peter Holm"));
    }

    #[test]
    fn a_surname_alone_has_the_gender_of_the_given_name_written_before() {
        // "Cr Taylor" is Ben Taylor: not "she".
        let text = "Councillors Ben Taylor and Sara Lind voted against the budget.\n\n\
                    Cr Lind spoke first. Cr Taylor then moved an amendment.\n\n\
                    \"Three per cent is not enough,\" she said.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "Three per cent"), said("she", "Sara Lind"));
    }

    #[test]
    fn a_misspelt_registered_name_alone_later_is_that_person() {
        let registry = "[[actor]]\nid = \"diana-atwine\"\nname = \"Diana Atwine\"\naliases = [\"Atwine\"]\n";
        let text = "Permanent secretary Dr. Diana Atwiine said the first case was confirmed.\n\n\
                    Dr. Atwiine says \"the team traced every contact within a day.\"";
        let rows = speakers_with(registry, text);
        assert_eq!(
            speaker_of(&rows, "the team traced"),
            Some(("Atwiine".to_string(), "Diana Atwiine".to_string(), Some("diana-atwine".to_string())))
        );
    }

    #[test]
    fn an_honorific_tells_the_gender_a_given_name_does_not() {
        let text = "Ms Vantage bought the boatyard in May.\n\n\
                    The seller, Mr Okoro, had run it for thirty years.\n\n\
                    \"I paid a fair price for a yard in good order,\" she said.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(
            speaker_of(&rows, "I paid"),
            Some(("she".to_string(), "Vantage".to_string(), Some("noor-vantage".to_string())))
        );
    }
}
