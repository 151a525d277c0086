//! Who is the subject of a cue: the name, pronoun or noun phrase right
//! before it ("Ana Ruiz, a fisher, said"), right after it ("said Ana
//! Ruiz, an analyst"), the subject of the sentence a participle hangs on
//! ("She left, saying …"), the person who introduces a quotation with a
//! colon, and who is quoted in "quoted X as saying". Each reads the clause
//! around one cue, within [`REACH`] bytes.

use std::ops::Range;

use super::{
    Entity, Finder, REACH, Speaker, after_last_comma, clause_end, clause_start, follows_preposition, has_modified_head,
    is_age_epithet, is_noun_phrase, is_title_or_common, joins_subject, name_in_run, names, starts_upper,
    subject_pronoun, unclosed_apposition, words_before,
};

impl Finder<'_, '_> {
    /// The subject of the sentence a participle cue hangs on ("He shook his
    /// head, mouthing “…”", "She left, saying …"): the pronoun or name that
    /// opens the sentence, or the name in its first few words ("A passenger
    /// named Ana Ruiz posted a video, saying …").
    pub(super) fn participle_subject(&self, cue: &Range<usize>, sentence: &Range<usize>) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        // A subject within reach: a long sentence is not read again per cue.
        if !unquoted[cue.clone()].to_lowercase().ends_with("ing") || cue.start - sentence.start.min(cue.start) > REACH {
            return None;
        }
        let words = words_before(unquoted, sentence.start, cue.start);
        let (first_range, first) = words.first()?;
        if let Some(speaker) = self.pronoun(first, first_range) {
            return Some(speaker);
        }
        // The sentence's first name, at its start or after a few words
        // that describe it ("A passenger named Ana Ruiz posted …, saying").
        let k = self.entities.partition_point(|e| e.range.start < first_range.start);
        let e = self.entities.get(k).filter(|e| {
            let lead = &unquoted[first_range.start..e.range.start.max(first_range.start)];
            e.person && e.range.end <= cue.start && lead.split_whitespace().count() <= 4 && !lead.contains([',', ';'])
        })?;
        Some(Speaker { actor: e.actor, range: e.range.clone(), referent: e.range.clone() })
    }

    /// The subject right before `cue`: a name (perhaps with an apposition
    /// between: "Ana Ruiz, a fisher, said"), a pronoun, or a short noun
    /// phrase ("one woman yelled", "Prosecutors said").
    pub(super) fn before(&self, cue: &Range<usize>, sentence: &Range<usize>) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        let start = clause_start(unquoted, cue, sentence);
        if let Some(speaker) = self.before_brackets(start, cue, sentence) {
            return Some(speaker);
        }
        if let Some(speaker) = self.quoted_as_saying(start, cue).or_else(|| self.name_then_titles(start, cue)) {
            return Some(speaker);
        }
        let lo = self.entities.partition_point(|e| e.range.start < start);
        let hi = self.entities.partition_point(|e| e.range.start < cue.start);
        // A name that is the object of a preposition ("a scientist
        // at NASA's laboratory said") is not the subject: the name before
        // the apposition is, if there is one.
        let mut object: Option<&Entity> = None;
        for (j, e) in self.entities[lo..hi].iter().enumerate().rev() {
            if e.range.end > cue.start {
                continue;
            }
            let gap = &unquoted[e.range.end..cue.start];
            // ", a scientist at NASA’s laboratory said": the name before an
            // apposition that runs up to the cue.
            if joins_subject(gap) || unclosed_apposition(gap) {
                if object.is_none() && follows_preposition(&unquoted[start..e.range.start]) {
                    object = Some(e);
                    continue;
                }
                // "Ana Ruiz, managing director, Harbour Capital said": the
                // firm ends the person's apposition.
                if let Some(p) = self.apposition_holder(&self.entities[lo..lo + j], e, start) {
                    return Some(Speaker { actor: p.actor, range: p.range.clone(), referent: p.range.clone() });
                }
                // The same with a name the registry and the name analysis
                // do not know.
                if let Some(name) = names::before_apposition(unquoted, start, &(e.range.start..e.range.start))
                    .filter(|name| !e.person && unquoted[name.clone()].contains(' '))
                {
                    return Some(Speaker { actor: None, range: name.clone(), referent: name });
                }
                return Some(Speaker { actor: e.actor, range: e.range.clone(), referent: e.range.clone() });
            }
        }
        // "Channing Ruiz, portfolio manager at Harbour Capital, said": the
        // name before an apposition set off by commas, before the object of
        // a preposition inside it.
        if let Some(name) = names::before_apposition(unquoted, start, cue) {
            return Some(Speaker {
                actor: self.entity_at(&name).and_then(|e| e.actor),
                range: name.clone(),
                referent: name,
            });
        }
        if let Some(e) = object {
            // "Tove Lind of the Fire Board says": the person the
            // preposition's phrase describes.
            let e = self.holder_of(&self.entities[lo..hi], e, start).unwrap_or(e);
            return Some(Speaker { actor: e.actor, range: e.range.clone(), referent: e.range.clone() });
        }
        let words = words_before(unquoted, start, cue.start);
        let (last_range, last) = subject_pronoun(&words).or(words.last())?;
        if let Some(speaker) = self.pronoun(last, last_range) {
            return Some(speaker);
        }
        let (last_range, _) = words.last()?;
        // A capitalised name the registry does not know ("analyst Scott
        // Devitt said"), else a short noun phrase ("one woman yelled").
        let run = words.iter().rev().take_while(|(_, w)| starts_upper(w)).count();
        let run = names::with_leading_figure(&words, run);
        let range = match name_in_run(&words[words.len() - run..]) {
            Some(name) => name,
            None if words.len() <= 4 && is_noun_phrase(&words) => words[0].0.start..last_range.end,
            // "On Monday, a spokesman said": the noun phrase after the
            // clause's last comma.
            None if let Some(phrase) = after_last_comma(unquoted, start, &words) => phrase,
            // "an official from the civil affairs ministry said"
            None if words.len() <= 10 && is_noun_phrase(&words) && has_modified_head(&words) => {
                words[0].0.start..last_range.end
            }
            None => return None,
        };
        Some(Speaker { actor: None, range: range.clone(), referent: range })
    }

    /// The person named right before `object` whose phrase it ends: "Tove
    /// Lind of the Fire Board", "Ana Ruiz from Harbour Capital"; not when
    /// that person is an object too ("a report by Ana Ruiz of the Board").
    fn holder_of<'e>(&self, entities: &'e [Entity], object: &Entity, start: usize) -> Option<&'e Entity> {
        let unquoted = self.cx.article.unquoted();
        let k = entities.partition_point(|e| e.range.start < object.range.start);
        let holder = entities[..k].last().filter(|p| {
            p.person
                && p.range.start >= start
                && p.range.end <= object.range.start
                && !follows_preposition(&unquoted[start..p.range.start])
        })?;
        let gap = words_before(unquoted, holder.range.end, object.range.start);
        let joined = match gap.as_slice() {
            [(_, p)] | [(_, p), (_, "the")] => matches!(*p, "of" | "from" | "at" | "with"),
            _ => false,
        };
        (joined && unquoted[holder.range.end..object.range.start].trim_start().starts_with(char::is_alphabetic))
            .then_some(holder)
    }

    /// "CCTV quoted city officials as saying": who is quoted, not who
    /// quotes.
    pub(super) fn quoted_as_saying(&self, start: usize, cue: &Range<usize>) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        let lead = &unquoted[start..cue.start];
        let before_as = lead.trim_end().strip_suffix(" as")?;
        let k = before_as.rfind(" quoted ")?;
        let from = start + k + " quoted ".len();
        let words = words_before(unquoted, from, start + before_as.len());
        if words.is_empty() || words.len() > 6 || !is_noun_phrase(&words) {
            return None;
        }
        let range = words[0].0.start..words[words.len() - 1].0.end;
        let e = self.entity_at(&range);
        Some(Speaker { actor: e.and_then(|e| e.actor), range: range.clone(), referent: range })
    }

    /// "Pramit Brahmbhatt, CEO, Alpari Financial Services, India said": a
    /// name, then its titles and firm set off by commas, all capitalised.
    pub(super) fn name_then_titles(&self, start: usize, cue: &Range<usize>) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        let lead = &unquoted[start..cue.start];
        let mut parts = lead.split(',');
        let first = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        let capitalised = |part: &str| {
            let words: Vec<&str> = part.split_whitespace().collect();
            !words.is_empty() && words.len() <= 5 && words.iter().all(|w| starts_upper(w) || is_title_or_common(w))
        };
        if rest.len() < 2 || !rest.iter().all(|p| capitalised(p)) {
            return None;
        }
        let words = words_before(unquoted, start, start + first.len());
        let name = name_in_run(&words).filter(|_| words.len() >= 2 && words.iter().all(|(_, w)| starts_upper(w)))?;
        let e = self.entity_at(&name);
        Some(Speaker { actor: e.and_then(|e| e.actor), range: name.clone(), referent: name })
    }

    /// Who introduces a quotation with a colon ("Vladimir Putin was blunt:
    /// “…”"): the clause's first person, else its first name.
    pub(super) fn introduced(&self, colon: &Range<usize>, sentence: &Range<usize>) -> Option<Speaker> {
        let start = clause_start(self.cx.article.unquoted(), colon, sentence);
        let lo = self.entities.partition_point(|e| e.range.start < start);
        let hi = self.entities.partition_point(|e| e.range.end <= colon.start);
        let clause = &self.entities[lo..hi.max(lo)];
        let e = clause.iter().find(|e| e.person && !self.is_possessive(e)).or_else(|| clause.first());
        match e {
            Some(e) => Some(Speaker { actor: e.actor, range: e.range.clone(), referent: e.range.clone() }),
            None => self.before(colon, sentence),
        }
    }

    /// The name right after `cue` ("said Assistant Attorney General Eric
    /// Nichols, who…", "said Martin Pyykkonen, an analyst"), a pronoun
    /// ("said he") or a noun phrase up to the next punctuation.
    pub(super) fn after(&self, cue: &Range<usize>, sentence: &Range<usize>) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        let end = crate::position::floor_char_boundary(unquoted, sentence.end.min(cue.end + REACH).max(cue.end));
        let lo = self.entities.partition_point(|e| e.range.start < cue.end);
        if let Some(e) = self.entities.get(lo).filter(|e| e.range.end <= end) {
            let gap = &unquoted[cue.end..e.range.start];
            // "said the 24-year-old Tsitsipas": an age is a title here;
            // "said the Finance Director Sateesh Kamath": a capitalised
            // title after "the".
            let capitalised_title = gap.trim_start().strip_prefix("the ").is_some_and(|rest| {
                !rest.trim().is_empty() && rest.split_whitespace().all(|w| starts_upper(w) && is_title_or_common(w))
            });
            let title_words = capitalised_title
                || gap.split_whitespace().all(|w| starts_upper(w) || is_title_or_common(w) || is_age_epithet(w));
            // "said Harbour Capital analyst Ana Ruiz": a firm, then a title.
            let rest = &unquoted[e.range.end..end];
            let rest = &rest[..clause_end(rest).unwrap_or(rest.len())];
            let title_follows =
                rest.split_whitespace().next().is_some_and(|w| is_title_or_common(w) && !starts_upper(w));
            // "said Apple Chief Executive Steve Jobs": a firm, its title, then
            // the person, all capitalised.
            let person = self.entities.get(lo + 1).filter(|p| {
                // "said Harbour Board Chair and Director, Ana Ruiz": titles
                // joined by "and", a comma closing them.
                let between = unquoted[e.range.end..p.range.start.max(e.range.end)].trim_end();
                let between = between.strip_suffix(',').unwrap_or(between);
                !e.person
                    && p.person
                    && p.range.end <= end
                    && clause_end(between).is_none()
                    && !between.trim().is_empty()
                    && between.split_whitespace().all(|w| is_title_or_common(w) || matches!(w, "and" | "&"))
            });
            if let Some(p) = person.filter(|_| clause_end(gap).is_none() && title_words) {
                return Some(Speaker { actor: p.actor, range: p.range.clone(), referent: p.range.clone() });
            }
            if clause_end(gap).is_none() && title_words && !title_follows {
                return Some(Speaker { actor: e.actor, range: e.range.clone(), referent: e.range.clone() });
            }
        }
        let words = words_before(unquoted, cue.end, end);
        let (first_range, first) = words.first()?;
        if let Some(speaker) = self.pronoun(first, first_range) {
            return Some(speaker);
        }
        // The words up to the end of the clause.
        let stop = clause_end(&unquoted[cue.end..end]).map_or(end, |k| cue.end + k);
        let mut phrase: Vec<(Range<usize>, &str)> = words.into_iter().take_while(|(r, _)| r.end <= stop).collect();
        // "said the 24-year-old Stanek": the name after the age.
        if phrase.len() >= 3 && phrase[0].1.eq_ignore_ascii_case("the") && is_age_epithet(phrase[1].1) {
            phrase.drain(..2);
        }
        // "said Harbour Capital analyst Ana Ruiz": the name after the last
        // title word, not the firm before it.
        if let Some(t) = phrase.iter().rposition(|(_, w)| is_title_or_common(w) && !starts_upper(w))
            && t > 0
        {
            let after_title = &phrase[t + 1..];
            let run = &after_title[..after_title.iter().take_while(|(_, w)| starts_upper(w)).count()];
            if let Some(name) = name_in_run(run).filter(|_| run.len() >= 2) {
                let k = self.entities.partition_point(|e| e.range.start < name.start);
                let e = self.entities.get(k).filter(|e| e.range.start == name.start);
                let range = e.map_or(name.clone(), |e| e.range.clone());
                return Some(Speaker { actor: e.and_then(|e| e.actor), range: range.clone(), referent: range });
            }
        }
        let run = phrase.iter().take_while(|(_, w)| starts_upper(w)).count();
        let range = match name_in_run(&phrase[..run]) {
            Some(name) => name,
            None if (2..=4).contains(&phrase.len()) && is_noun_phrase(&phrase) => {
                phrase[0].0.start..phrase[phrase.len() - 1].0.end
            }
            // "said one trader at a local brokerage firm"
            None if phrase.len() <= 10 && is_noun_phrase(&phrase) && has_modified_head(&phrase) => {
                phrase[0].0.start..phrase[phrase.len() - 1].0.end
            }
            None => return None,
        };
        Some(Speaker { actor: None, range: range.clone(), referent: range })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{speaker_of, speakers_with};

    const REGISTRY: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");

    #[test]
    fn a_participle_hangs_on_the_name_in_the_sentences_first_words() {
        let text = "A passenger named Noor Vantage filmed the cabin as the plane dropped, saying \"the left \
                    engine is gone\" to the camera.";
        let rows = speakers_with(REGISTRY, text);
        let noor = Some(("Noor Vantage".to_string(), "Noor Vantage".to_string(), Some("noor-vantage".to_string())));
        assert_eq!(speaker_of(&rows, "the left engine"), noor);
        // A name after a comma is not the sentence's subject.
        let text = "After the plane dropped, a passenger next to Noor Vantage filmed the cabin, saying \"the left \
                    engine is gone\" to the camera.";
        let rows = speakers_with(REGISTRY, text);
        assert_eq!(speaker_of(&rows, "the left engine"), None);
    }
}
