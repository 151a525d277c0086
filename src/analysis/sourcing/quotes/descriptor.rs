//! Second references: a speaker written as a common noun with the definite
//! article ("the minister said", "the brokerage said", "the statement
//! said") stands for a speaker named before, the way a pronoun does. The
//! nouns and what they refer to are `data/speaker_descriptors.txt` (and
//! the title words, all offices of people):
//!
//! - an office ("the minister", "the BoJ head") is the nearest earlier
//!   person whose title names that office ("Interior Minister Ana Ruiz",
//!   "Ana Ruiz, the harbour master,"), else the earlier speaker described
//!   by the same noun ("A port spokesperson said … The spokesperson
//!   added"), else the named person who last spoke;
//! - a body ("the company", "the forecaster") is the nearest earlier
//!   registered organisation whose name holds the noun or one of its
//!   modifiers ("the bank" → "Bank of Kestrel"), else the nearest earlier
//!   registered organisation that is not the object of a preposition or of
//!   "told"; a business ("the company", "the brokerage") is never one
//!   whose name ends in a public body's noun ("Harbour Board"); an
//!   institution of one kind ("the hospital", "the court") only one whose
//!   name holds the noun;
//! - a document ("the statement") is the speaker of the nearest earlier cue
//!   whose sentence mentions it ("the ministry said in a statement").
//!
//! With no such antecedent the descriptor stays the speaker's name. Every
//! search reads a bounded stretch before the descriptor.

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::pronouns::{cues_before, within_paragraphs};
use super::{Entity, Finder, MAX_CUES, REACH, Speaker, WINDOW, follows_preposition, is_subject_pronoun, words_before};

/// What a descriptor noun stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refers {
    /// An office or occupation: a person.
    Person,
    /// A business: not a public or member body.
    Firm,
    /// An organisation.
    Body,
    /// An institution of one kind: only a registered body whose name holds
    /// the noun ("the hospital" → "Eastport General Hospital").
    Named,
    /// What a body or person issues.
    Document,
}

/// Words at most in a descriptor, its article included ("the BoJ head",
/// "the state weather agency").
const MAX_WORDS: usize = 4;

/// Words before a name read for its title ("Deputy Interior Minister").
const TITLE_WORDS: usize = 4;

/// Words of an apposition after a name read for its title (", the
/// interior minister,").
const APPOSITION_WORDS: usize = 8;

/// Paragraphs searched back for an antecedent, the descriptor's included.
const PARAGRAPHS: usize = 3;

/// Paragraphs searched back for a body: the organisation a story is about
/// is named once near its top and referred to by a noun after.
const BODY_PARAGRAPHS: usize = 5;

/// What `noun` (lowercase) stands for as a speaker, if it is a descriptor.
fn refers(noun: &str) -> Option<Refers> {
    static NOUNS: LazyLock<FxHashMap<&str, Refers>> = LazyLock::new(|| {
        crate::text::data_entries(include_str!("../../../../data/speaker_descriptors.txt"))
            .filter_map(|line| line.split_once(' '))
            .filter_map(|(noun, kind)| {
                let kind = match kind.trim() {
                    "person" => Refers::Person,
                    "firm" => Refers::Firm,
                    "body" => Refers::Body,
                    "named" => Refers::Named,
                    "document" => Refers::Document,
                    _ => return None,
                };
                Some((noun, kind))
            })
            .collect()
    });
    NOUNS.get(noun).copied().or_else(|| crate::analysis::lists::is_title_word_lowercase(noun).then_some(Refers::Person))
}

/// Whether `noun` (lowercase) names an office or occupation, a person.
pub(super) fn is_office(noun: &str) -> bool {
    refers(noun) == Some(Refers::Person)
}

/// Whether `words` (lowercase) holds `noun` as a word or as the last part
/// of one ("vice-minister").
fn holds(words: &str, noun: &str) -> bool {
    words.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(noun))
}

impl Finder<'_, '_> {
    /// The speaker a descriptor ("the minister", "the company", "the
    /// statement") refers back to; any other speaker as it is.
    pub(super) fn descriptor_reference(&self, speaker: Speaker) -> Speaker {
        self.descriptor_reference_with(speaker, true)
    }

    /// [`Finder::descriptor_reference`], documents resolved or not: the
    /// issuer of a document is read without its own documents, so one
    /// statement never leads to the next.
    fn descriptor_reference_with(&self, speaker: Speaker, documents: bool) -> Speaker {
        if speaker.actor.is_some() || speaker.referent != speaker.range {
            return speaker;
        }
        let unquoted = self.cx.article.unquoted();
        let words = words_before(unquoted, speaker.range.start, speaker.range.end);
        let Some(((_, article), rest)) = words.split_first() else { return speaker };
        if !article.eq_ignore_ascii_case("the") || rest.is_empty() || words.len() > MAX_WORDS {
            return speaker;
        }
        let Some(((_, noun), modifiers)) = rest.split_last() else { return speaker };
        let Some(kind) = refers(&noun.to_lowercase()) else { return speaker };
        let modifiers: Vec<&str> = modifiers.iter().map(|(_, w)| *w).collect();
        let found = match kind {
            Refers::Person => {
                self.titled_person(&speaker.range, noun).or_else(|| self.described_before(&speaker.range, noun))
            }
            Refers::Firm | Refers::Body | Refers::Named => self.body(&speaker.range, noun, &modifiers, kind),
            Refers::Document if documents => self.issuer(&speaker.range, noun),
            Refers::Document => None,
        };
        let found =
            found.or_else(|| (kind == Refers::Person).then(|| self.last_speaker(&speaker.range, None)).flatten());
        match found {
            Some(antecedent) => {
                Speaker { actor: antecedent.actor, range: speaker.range, referent: antecedent.referent }
            }
            None => speaker,
        }
    }

    /// The earlier entities within `paragraphs` of `at`, nearest first.
    fn entities_before(&self, at: usize, paragraphs: usize) -> impl Iterator<Item = &Entity> {
        let k = self.entities.partition_point(|e| e.range.start < at);
        let low = self.reach_start(at, paragraphs);
        self.entities[..k].iter().rev().take_while(move |e| e.range.start >= low)
    }

    /// Where the search for an antecedent of the word at `at` stops: the
    /// start of the paragraph `paragraphs` back (within a few sentences), and
    /// no more than four windows before.
    fn reach_start(&self, at: usize, paragraphs: usize) -> usize {
        let article = self.cx.article;
        let sentences = article.sentences();
        let first = article
            .sentence_at(at)
            .and_then(|here| within_paragraphs(&sentences[..=here], paragraphs).take(4 * MAX_CUES).last())
            .map_or(at, |s| s.range.start);
        first.max(at.saturating_sub(4 * WINDOW))
    }

    /// The nearest earlier person whose title names `noun`: "Interior
    /// Minister Ana Ruiz" or "Ana Ruiz, the interior minister," for "the
    /// minister".
    fn titled_person(&self, at: &Range<usize>, noun: &str) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        // As far back as a body: the title must match, and wire copy names
        // an official with the title once, near the top ("Central Bank
        // Governor Ana Ruiz said …" … "The Central Bank Governor stressed").
        let e = self.entities_before(at.start, BODY_PARAGRAPHS).find(|e| {
            if !e.person || self.is_possessive(e) {
                return false;
            }
            let before = words_before(unquoted, e.range.start.saturating_sub(REACH), e.range.start);
            let title = before.iter().rev().take(TITLE_WORDS).any(|(_, w)| holds(w, noun));
            // (An entity reaching into the descriptor reads no apposition.)
            let end = crate::position::floor_char_boundary(unquoted, (e.range.end + REACH).min(at.start));
            let after = unquoted[e.range.end..end.max(e.range.end)].trim_start();
            let apposition = after.strip_prefix(',').is_some_and(|rest| {
                let rest = &rest[..rest.find([',', ';', '.']).unwrap_or(rest.len())];
                rest.split_whitespace().take(APPOSITION_WORDS).any(|w| holds(w, noun))
            });
            title || apposition
        })?;
        Some(Speaker { actor: e.actor, range: e.range.clone(), referent: e.range.clone() })
    }

    /// The earlier speaker described by the same noun, not named ("A port
    /// spokesperson said … The spokesperson added"): the subject of a cue
    /// in reach.
    fn described_before(&self, at: &Range<usize>, noun: &str) -> Option<Speaker> {
        let sentences = self.speaking_sentences(at)?;
        let unquoted = self.cx.article.unquoted();
        for s in sentences {
            for cue in cues_before(unquoted, s, at.start).iter().rev().take(MAX_CUES) {
                let Some(earlier) = self.subject_of(cue, &s.range, false) else { continue };
                let words = words_before(unquoted, earlier.referent.start, earlier.referent.end);
                if earlier.referent.end <= at.start
                    && words.len() >= 2
                    && words.last().is_some_and(|(_, w)| w.eq_ignore_ascii_case(noun))
                {
                    return Some(earlier);
                }
            }
        }
        None
    }

    /// The sentences before `at` read for earlier cues, nearest first: its
    /// own and those of the paragraphs before within reach.
    fn speaking_sentences(&self, at: &Range<usize>) -> Option<impl Iterator<Item = &crate::article::Sentence>> {
        let article = self.cx.article;
        let here = article.sentence_at(at.start)?;
        Some(within_paragraphs(&article.sentences()[..=here], PARAGRAPHS - 1).take(2 * MAX_CUES))
    }

    /// The body a descriptor stands for: the nearest registered
    /// organisation whose name holds the noun or a modifier ("the bank" →
    /// "Bank of Kestrel"); else the earlier speaker described by the same
    /// noun ("The nation's weather agency said … the weather agency said"),
    /// read as a body from where it stands when it is the same second
    /// reference ("the company … the company"); else the
    /// nearest registered organisation that is no preposition's or "told"'s
    /// object ("told Harbour Radio" is who hears, not who speaks).
    fn body(&self, at: &Range<usize>, noun: &str, modifiers: &[&str], kind: Refers) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        let named = self.bodies_before(at, kind).find(|e| {
            let name = &unquoted[e.range.clone()];
            holds(name, noun) || modifiers.iter().any(|m| m.len() > 2 && holds(name, m))
        });
        if let Some(e) = named {
            return Some(Speaker { actor: e.actor, range: e.range.clone(), referent: e.range.clone() });
        }
        if let Some(earlier) = self.described_before(at, noun) {
            // "The company said … the company said": the same second
            // reference, read as a body from where it stands.
            let same = unquoted[earlier.referent.clone()].eq_ignore_ascii_case(&unquoted[at.clone()]);
            let body = if same && kind != Refers::Named { self.nearest_body(&earlier.referent, kind) } else { None };
            return Some(body.unwrap_or(earlier));
        }
        if kind == Refers::Named {
            return None;
        }
        self.nearest_body(at, kind)
    }

    /// The registered organisations before `at`, nearest first, that a
    /// descriptor of `kind` can be ("the company" is no board or ministry).
    fn bodies_before(&self, at: &Range<usize>, kind: Refers) -> impl Iterator<Item = &Entity> {
        let unquoted = self.cx.article.unquoted();
        let fits = move |e: &&Entity| {
            let head = unquoted[e.range.clone()].rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
            e.body && (kind != Refers::Firm || refers(&head) != Some(Refers::Body))
        };
        self.entities_before(at.start, BODY_PARAGRAPHS).filter(fits)
    }

    /// The nearest body before `at` that is no preposition's or "told"'s
    /// object.
    fn nearest_body(&self, at: &Range<usize>, kind: Refers) -> Option<Speaker> {
        let article = self.cx.article;
        let unquoted = article.unquoted();
        let body = self.bodies_before(at, kind).find(|e| {
            let sentence = article.sentence_at(e.range.start).map_or(0, |k| article.sentences()[k].range.start);
            let from =
                crate::position::floor_char_boundary(unquoted, e.range.start.saturating_sub(REACH).max(sentence));
            let before = &unquoted[from..e.range.start];
            !follows_preposition(before) && !before.trim_end().to_lowercase().ends_with("told")
        })?;
        Some(Speaker { actor: body.actor, range: body.range.clone(), referent: body.range.clone() })
    }

    /// Who issued a document: the speaker of the nearest earlier cue whose
    /// sentence mentions it ("the harbour board said in a statement").
    fn issuer(&self, at: &Range<usize>, noun: &str) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        for s in self.speaking_sentences(at)? {
            let end = s.range.end.min(at.start);
            if !holds(&unquoted[s.range.start..end], noun) {
                continue;
            }
            for cue in cues_before(unquoted, s, at.start).iter().take(MAX_CUES) {
                let Some(issuer) = self.subject_of(cue, &s.range, false) else { continue };
                let issuer = self.descriptor_reference_with(self.demonym_reference(issuer), false);
                let words = words_before(unquoted, issuer.range.start, issuer.range.end);
                let pronoun = words.len() == 1 && words.iter().any(|(_, w)| is_subject_pronoun(w));
                if issuer.range.end <= at.start && (!pronoun || issuer.referent != issuer.range) {
                    return Some(issuer);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{speaker_of, speakers_with};

    const REGISTRY: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");

    /// (descriptor words, name referred to, actor) of the record opening
    /// with `opening`.
    fn refers(text: &str, opening: &str) -> Option<(String, String, Option<String>)> {
        speaker_of(&speakers_with(REGISTRY, text), opening)
    }

    fn to(words: &str, name: &str, actor: Option<&str>) -> Option<(String, String, Option<String>)> {
        Some((words.to_string(), name.to_string(), actor.map(str::to_string)))
    }

    #[test]
    fn an_office_is_the_person_whose_title_names_it() {
        let text = "Fisheries Minister Lena Orr toured the harbour on Monday with Tomas Ek, a skipper.\n\n\
                    \"We will rebuild the sea wall before winter,\" the minister said.";
        assert_eq!(refers(text, "We will rebuild"), to("the minister", "Lena Orr", None));
        let text = "Lena Orr, the fisheries minister, toured the harbour with Tomas Ek.\n\n\
                    \"The wall comes first,\" the minister said.";
        assert_eq!(refers(text, "The wall"), to("the minister", "Lena Orr", None));
    }

    #[test]
    fn an_office_is_the_same_unnamed_speaker_or_the_person_who_last_spoke() {
        let text = "A coast guard spokesperson said two boats were missing.\n\n\
                    The spokesperson added: \"The search goes on overnight.\"";
        assert_eq!(refers(text, "The search"), to("The spokesperson", "A coast guard spokesperson", None));
        let text = "\"Prices will settle,\" Ana Ruiz told reporters after the meeting.\n\n\
                    \"I see no reason to move rates yet,\" the central bank head said.";
        assert_eq!(refers(text, "I see no reason"), to("the central bank head", "Ana Ruiz", None));
    }

    #[test]
    fn a_body_is_the_registered_organisation_before_it() {
        let text = "Harbour Capital said shares fell in early trade. Its analyst Ana Ruiz told Port Radio \
                    that buyers had gone quiet.\n\n\"Nobody wanted risk before the weekend,\" the brokerage said.";
        assert_eq!(
            refers(text, "Nobody wanted"),
            to("the brokerage", "Harbour Capital", Some("harbour-capital")),
            "the body that spoke, not the one told"
        );
        let text = "The Bank of Kestrel held its rate. Harbour Capital had expected a cut.\n\n\
                    \"Inflation is not yet beaten,\" the bank said.";
        assert_eq!(
            refers(text, "Inflation"),
            to("the bank", "Bank of Kestrel", Some("bank-of-kestrel")),
            "the body whose name holds the noun, though another is nearer"
        );
    }

    #[test]
    fn a_body_is_the_same_unnamed_body_that_spoke_before() {
        let text = "Harbour Capital cut power to the islands.\n\n\
                    The nation's weather agency said the storm would turn south on Friday.\n\n\
                    \"Gusts of 90 km per hour are possible,\" the weather agency said on its website.";
        assert_eq!(
            refers(text, "Gusts of"),
            to("the weather agency", "The nation's weather agency", None),
            "not the registered body named before"
        );
    }

    #[test]
    fn the_same_second_reference_again_and_a_body_named_paragraphs_before() {
        let text = "Harbour Capital reported a loss. The company said trading was thin.\n\n\
                    \"We expect a better spring,\" the company said.";
        assert_eq!(refers(text, "We expect"), to("the company", "Harbour Capital", Some("harbour-capital")));
        let text = "According to Port Radio, crews will visit every island.\n\n\
                    \"On the north shore, 2,000 homes will be checked.\"\n\n\
                    \"In the bay, boats will carry the crews.\"\n\n\
                    The checks start on Monday.\n\n\
                    \"In the hills, 500 homes wait for the teams,\" the broadcaster reported.";
        assert_eq!(refers(text, "In the hills"), to("the broadcaster", "Port Radio", Some("port-radio")));
    }

    #[test]
    fn an_institution_is_only_a_body_whose_name_holds_it() {
        let text = "Harbour Capital funded the new wing.\n\n\
                    \"Two wards will open in June,\" the hospital said.";
        assert_eq!(refers(text, "Two wards"), to("the hospital", "the hospital", None), "a firm is no hospital");
        let text = "The Bank of Kestrel funded the new wing of the Eastport General Hospital.\n\n\
                    \"Two wards will open in June,\" the hospital said.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(
            speaker_of(&rows, "Two wards"),
            to("the hospital", "Eastport General Hospital", Some("eastport-general-hospital"))
        );
    }

    #[test]
    fn a_statement_is_its_issuer() {
        let text = "The Harbour Board said in a statement that the port would close for a week.\n\n\
                    \"Crews will inspect every berth,\" the statement said.";
        assert_eq!(refers(text, "Crews will"), to("the statement", "Harbour Board", Some("harbour-board")));
    }

    #[test]
    fn with_no_antecedent_the_descriptor_is_the_name() {
        let text = "\"We will appeal the ruling,\" the company said.";
        assert_eq!(refers(text, "We will appeal"), to("the company", "the company", None));
        let text = "The Harbour Board fined the ferry operator.\n\n\"We will appeal the ruling,\" the company said.";
        assert_eq!(refers(text, "We will appeal"), to("the company", "the company", None), "a company is no board");
        let text = "\"We will appeal the ruling,\" the statement said.";
        assert_eq!(refers(text, "We will appeal"), to("the statement", "the statement", None));
    }
}
