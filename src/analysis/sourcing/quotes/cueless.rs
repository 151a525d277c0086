//! Quotations with no cue near them: the person (or registered body) the
//! sentence before opens with speaks them, as news and feature copy let
//! that sentence name who speaks ("Ms Ruiz was ecstatic." and then her
//! words; "So Ruiz went looking for hay. “…”").

use super::{Finder, SPEECH, Speaker, is_sentence_adverb, words_before};
use crate::article::{Quotation, Sentence};

impl Finder<'_, '_> {
    /// The speaker of a quotation that is a paragraph of its own with no
    /// cue anywhere near: the person the paragraph before ends on, when its
    /// last sentence opens with them ("Ms Ruiz, who trained the winner, was
    /// ecstatic." and then her words). A paragraph before that names no one
    /// so leaves the quotation unattributed.
    pub(super) fn previous_paragraph_subject(&self, q: &Quotation) -> Option<Speaker> {
        let article = self.cx.article;
        let sentences = article.sentences();
        let s = article.sentence_at(q.range.start)?;
        let previous = sentences.get(s.checked_sub(1)?)?;
        if previous.paragraph == sentences[s].paragraph || !super::opens_paragraph(self.cx, q) {
            return None;
        }
        self.opening_person(previous, q.range.start, None).or_else(|| self.opening_body(previous))
    }

    /// The speaker of a quotation that opens a sentence with no cue near it,
    /// after a sentence of its paragraph about a person: the person that
    /// sentence opens with, by name or as "he"/"she" ("So Daugherty tried
    /// to find hay. “The man I buy hay from …”"). Feature copy lets the
    /// sentence before name who speaks.
    pub(super) fn previous_sentence_subject(&self, q: &Quotation) -> Option<Speaker> {
        let article = self.cx.article;
        let sentences = article.sentences();
        let s = article.sentence_at(q.range.start)?;
        let previous = sentences.get(s.checked_sub(1)?)?;
        let unquoted = article.unquoted();
        let opens_sentence = unquoted[sentences[s].range.start..q.range.start].trim().is_empty();
        if previous.paragraph != sentences[s].paragraph
            || !opens_sentence
            || article.quotation_overlapping(&previous.range).is_some()
        {
            return None;
        }
        if let Some(speaker) = self.opening_person(previous, q.range.start, None) {
            return Some(speaker);
        }
        let words = words_before(unquoted, previous.range.start, previous.range.end.min(previous.range.start + 40));
        let (range, word) = words.iter().find(|(_, w)| !is_sentence_adverb(w))?;
        // "So now he's decided …": the pronoun of a contraction.
        let word = word.split(['\'', '’']).next().unwrap_or(word);
        let range = range.start..range.start + word.len();
        matches!(word.to_lowercase().as_str(), "he" | "she").then(|| self.pronoun(word, &range)).flatten()
    }

    /// The registered body `sentence` opens with (after "The", "Meanwhile,
    /// the"), when the sentence makes a statement ("The Harbour Board
    /// apologised for the delay." and then its words).
    fn opening_body(&self, sentence: &Sentence) -> Option<Speaker> {
        let k = self.entities.partition_point(|e| e.range.start < sentence.range.start);
        let e = self.entities.get(k).filter(|e| e.body && e.range.start < sentence.range.end)?;
        let lead = words_before(self.cx.article.unquoted(), sentence.range.start, e.range.start);
        let states = SPEECH.is_match(&self.cx.article.unquoted()[e.range.end..sentence.range.end]);
        (lead.len() <= 2 && states && !self.is_possessive(e)).then(|| Speaker {
            actor: e.actor,
            range: e.range.clone(),
            referent: e.range.clone(),
        })
    }
}
