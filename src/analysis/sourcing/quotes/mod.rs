//! Who says what: every quotation's cue and speaker.
//!
//! One record per direct quotation, built in text order:
//!
//! 1. **Own sentence.** A verb of saying (or a colon introducing the quote)
//!    outside the quotation marks, nearest the quotation; the speaker is
//!    the subject right before the cue ("Moeti told Reuters", "he said",
//!    "the ministry said", "X, an analyst at Y, said") or, when the quote
//!    itself opens the clause, the name right after it ("said Ana Ruiz").
//! 2. **The statement goes on.** A quotation with no cue of its own that
//!    follows an attributed one in the same paragraph, or opens the
//!    paragraph after one (news style continues a speaker's statement in
//!    the next paragraph), has the same speaker.
//! 3. **An adjacent sentence** of the same paragraph names the speaker
//!    ("“…” Ana Ruiz said so in Paris.").
//! 4. **Multi-paragraph quotations** left open at a paragraph's end take
//!    the speaker of the paragraph that closes them ("“… ” it said.").
//!    A quotation with no cue near it is the person's that the sentence
//!    before opens with: the paragraph before's last sentence, or the
//!    sentence before in its own paragraph ("So Ruiz went looking for hay.
//!    “…”"), by name or as "he"/"she" (`cueless.rs`).
//! 5. **Reported speech** (`reported.rs`): a sentence with no quotation whose
//!    verb of saying has a speaker is a record of kind `indirect`, its range
//!    the statement reported.
//!
//! The words a search reads (a name's run, titles, pronouns) are shaped in
//! `words.rs`. The subject of a cue is read in `subject.rs`, the name shapes a plain
//! reading would cut (a bracketed short form, an opening figure, a firm
//! ending a person's apposition) in `names.rs`. Pronouns are resolved
//! outside quotation marks (`pronouns.rs`): "he"/"she" to the person their
//! paragraph opens with, else the unnamed official who just spoke, else
//! the named person who last spoke in the paragraph or the two before, else
//! the nearest earlier person whose given name fits (a preposition's object
//! last); "it" to the nearest organisation, else the body that last spoke.
//! Second references ("the minister", "the company", "the statement
//! said") resolve to the speaker named before (`descriptor.rs`). A surname
//! alone that is not registered refers to the full name given before
//! ("Kossel" → "Mara Kossel"). Every search is bounded by a window around
//! the quotation, so an article costs linear time however many quotations
//! it has.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::Context;
use crate::article::{Quotation, Sentence};
use crate::registry::{ActorIdx, ActorKind};
use words::{
    after_last_comma, follows_preposition, has_modified_head, is_age_epithet, is_noun_phrase, is_sentence_adverb,
    is_subject_pronoun, is_title_or_common, joins_subject, name_in_run, starts_upper, subject_pronoun,
    unclosed_apposition, words_before,
};

/// How a quotation is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// A quoted sentence or more: “We will sail,” she said.
    Direct,
    /// Quoted words inside the writer's own sentence: she is “confident”.
    Partial,
    /// Reported speech, no quotation marks: she said the ferries would sail.
    Indirect,
}

impl QuoteKind {
    /// The kebab-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Who a quotation is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The registered actor, when the speaker is one (or a pronoun that
    /// refers to one).
    pub actor: Option<ActorIdx>,
    /// Byte range of the words that name the speaker near the quotation:
    /// a name, a pronoun, or a noun phrase ("one woman", "prosecutors").
    pub range: Range<usize>,
    /// Byte range of the name the speaker words refer to: the same as
    /// `range`, or a pronoun's antecedent.
    pub referent: Range<usize>,
}

/// One quotation with its cue and speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRecord {
    /// Byte range of the quotation, marks included.
    pub range: Range<usize>,
    /// Byte range of the quoted words.
    pub inner: Range<usize>,
    /// Whether the quotation's opening mark is missing.
    pub open_missing: bool,
    /// Direct, partial or indirect (reported speech).
    pub kind: QuoteKind,
    /// Byte range of the verb of saying (or colon) that attributes it; none
    /// when the speaker is carried on from an earlier quotation.
    pub cue: Option<Range<usize>>,
    /// Who says it, if anyone can be found.
    pub speaker: Option<Speaker>,
}

/// Verbs of saying that introduce or follow a quotation: the shared verbs
/// of saying and `data/quote_cues.txt`.
pub(super) static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = crate::analysis::SPEECH_VERBS.join("|");
    let extra: Vec<&str> = crate::text::data_entries(include_str!("../../../../data/quote_cues.txt")).collect();
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{verbs}|{})(?-u:\b)", extra.join("|"))).expect("speech cue compiles")
});

/// Bytes around a quotation searched for its cue and speaker.
const WINDOW: usize = 400;

/// What ends a clause after a cue: the name after "said" stops there.
const CLAUSE_END: [char; 7] = [',', ';', ':', '.', '!', '?', '\n'];

/// Where the clause in `text` ends: its first [`CLAUSE_END`], except the
/// period of an abbreviated title ("said Dr. Ana Ruiz, who …").
fn clause_end(text: &str) -> Option<usize> {
    text.match_indices(CLAUSE_END).map(|(k, _)| k).find(|&k| {
        let word = text[..k].rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        !(text[k..].starts_with('.') && !word.is_empty() && crate::article::sentences::is_abbreviation(word))
    })
}

/// Cues tried per quotation, nearest first.
const MAX_CUES: usize = 4;

/// Bytes around a cue searched for its speaker.
const REACH: usize = 120;

/// A name that can speak, outside quotation marks.
#[derive(Clone, Debug)]
struct Entity {
    range: Range<usize>,
    actor: Option<ActorIdx>,
    person: bool,
    /// A registered organisation or group.
    body: bool,
    /// The full name of an unregistered person named again ("Mantshantsha"
    /// after "spokesperson Sikonathi Mantshantsha"): the nearest full
    /// mention before it with that surname.
    full: Option<Range<usize>>,
}

/// Attributes every quotation of the article, in text order.
pub fn attribute_quotations(cx: &Context<'_>) -> Vec<QuoteRecord> {
    let quotations = cx.article.quotations();
    let entities = entities(cx);
    let finder = Finder { cx, entities: &entities };
    let mut records: Vec<QuoteRecord> = Vec::with_capacity(quotations.len());
    for q in quotations {
        let kind = kind_of(cx, q);
        let mut record = QuoteRecord {
            range: q.range.clone(),
            inner: q.inner.clone(),
            open_missing: q.open_missing,
            kind,
            cue: None,
            speaker: None,
        };
        if let Some((cue, speaker)) = finder.own_sentence(q) {
            record.cue = Some(cue);
            record.speaker = speaker;
        } else if let Some(speaker) = finder.carried_on(q, records.last()) {
            record.speaker = Some(speaker);
        } else if let Some((cue, speaker)) = finder.adjacent_sentence(q) {
            record.cue = Some(cue);
            record.speaker = speaker;
        } else if !is_open_ended(q)
            && let Some(speaker) = finder.previous_paragraph_subject(q).or_else(|| finder.previous_sentence_subject(q))
        {
            // (One left open is spoken by whoever closes it, below.)
            record.speaker = Some(speaker);
        }
        records.push(record);
    }
    // A quotation left open at its paragraph's end runs on into the next
    // paragraph's: the speaker named where it finally closes speaks all of it.
    for k in (0..records.len().saturating_sub(1)).rev() {
        if records[k].speaker.is_some() || !is_open_ended(&quotations[k]) {
            continue;
        }
        let next = &records[k + 1];
        let (Some(last), Some(that)) =
            (cx.article.sentence_at(records[k].range.end.saturating_sub(1)), cx.article.sentence_at(next.range.start))
        else {
            continue;
        };
        if that == last + 1 && opens_paragraph(cx, &quotations[k + 1]) {
            records[k].speaker = next.speaker.clone();
        }
    }
    // A chain of paragraphs left open that no cue closes: the person the
    // paragraph before the chain opens with speaks all of it, as one
    // paragraph's quotation would be ("Cr Ana Ruiz echoed the concerns." and
    // then two paragraphs of her words).
    let mut k = 0;
    while k < records.len() {
        let chain_start = records[k].speaker.is_none()
            && is_open_ended(&quotations[k])
            && (k == 0 || !continues_into(cx, &quotations[k - 1], &quotations[k]));
        let speaker = if chain_start { finder.previous_paragraph_subject(&quotations[k]) } else { None };
        let Some(speaker) = speaker else {
            k += 1;
            continue;
        };
        records[k].speaker = Some(speaker.clone());
        while k + 1 < records.len()
            && records[k + 1].speaker.is_none()
            && continues_into(cx, &quotations[k], &quotations[k + 1])
        {
            records[k + 1].speaker = Some(speaker.clone());
            k += 1;
        }
        k += 1;
    }
    // Reported speech, in the sentences that hold no quotation.
    records.extend(finder.reported_speech());
    records.sort_by_key(|r| r.range.start);
    for record in &mut records {
        if let Some(speaker) = &mut record.speaker {
            finder.name_in_full(speaker);
        }
    }
    records
}

/// Whether the quotation's closing mark is missing (it runs to its
/// paragraph's end).
fn is_open_ended(q: &Quotation) -> bool {
    !q.open_missing && q.inner.end == q.range.end
}

/// Whether quotation `first`, left open at its paragraph's end, runs on
/// into `next`, which opens the very next sentence and its paragraph.
fn continues_into(cx: &Context<'_>, first: &Quotation, next: &Quotation) -> bool {
    let (Some(last), Some(that)) =
        (cx.article.sentence_at(first.range.end.saturating_sub(1)), cx.article.sentence_at(next.range.start))
    else {
        return false;
    };
    is_open_ended(first) && that == last + 1 && opens_paragraph(cx, next)
}

/// Whether the quotation is the first thing in its paragraph.
fn opens_paragraph(cx: &Context<'_>, q: &Quotation) -> bool {
    let sentences = cx.article.sentences();
    let Some(s) = cx.article.sentence_at(q.range.start) else { return false };
    let first_of_paragraph = s == 0 || sentences[s - 1].paragraph != sentences[s].paragraph;
    first_of_paragraph && cx.prose()[sentences[s].range.start..q.range.start].trim().is_empty()
}

/// Partial when the writer's own words run straight into a quotation that
/// opens in lower case ("is “confident victory is near”"); direct when it
/// opens its sentence, follows a colon or comma, or starts a sentence of
/// its own.
fn kind_of(cx: &Context<'_>, q: &Quotation) -> QuoteKind {
    let Some(s) = cx.article.sentence_at(q.range.start) else { return QuoteKind::Direct };
    let unquoted = cx.article.unquoted();
    let start = cx.article.sentences()[s].range.start.min(q.range.start);
    let start = crate::position::floor_char_boundary(unquoted, start.max(q.range.start.saturating_sub(WINDOW)));
    let runs_on = unquoted[start..q.range.start].trim_end().chars().next_back().is_some_and(char::is_alphanumeric);
    let opens_lowercase =
        cx.prose()[q.inner.clone()].chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase);
    if runs_on && opens_lowercase { QuoteKind::Partial } else { QuoteKind::Direct }
}

/// The names that can speak: mentions, unregistered people and misspelt
/// names, outside quotation marks, in text order.
fn entities(cx: &Context<'_>) -> Vec<Entity> {
    let unquoted = cx.article.unquoted();
    let outside = |r: &Range<usize>| !unquoted[r.clone()].trim().is_empty();
    let kind_of = |actor: Option<ActorIdx>| actor.map(|a| cx.registry.actor(a).kind);
    let body = |actor: Option<ActorIdx>| matches!(kind_of(actor), Some(ActorKind::Organization | ActorKind::Group));
    let mut all: Vec<Entity> = cx
        .mentions
        .iter()
        .filter(|m| outside(&m.range))
        .map(|m| Entity {
            range: m.range.clone(),
            actor: m.actor,
            person: kind_of(m.actor).is_none_or(|k| k == ActorKind::Person),
            body: body(m.actor),
            full: None,
        })
        .chain(cx.names.unknown.iter().filter(|n| outside(&n.range)).map(|n| {
            // "7 Oaks Bakery said": a figure opening the name makes it a
            // firm's, not a person's.
            match names::figure_before(unquoted, &n.range) {
                Some(start) => {
                    Entity { range: start..n.range.end, actor: None, person: false, body: false, full: None }
                }
                None => Entity { range: n.range.clone(), actor: None, person: true, body: false, full: None },
            }
        }))
        .chain(cx.names.near_misses.iter().filter(|n| outside(&n.range)).map(|n| Entity {
            range: n.range.clone(),
            actor: Some(n.actor),
            person: kind_of(Some(n.actor)) == Some(ActorKind::Person),
            body: body(Some(n.actor)),
            full: None,
        }))
        .collect();
    // An unregistered person is recognised where a title or a cue shows the
    // name is a person's; named again without one, it is the same person.
    let again = names::named_again(unquoted, &all);
    all.extend(again);
    all.sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
    all.dedup_by(|later, earlier| later.range.start < earlier.range.end);
    all
}

struct Finder<'a, 'c> {
    cx: &'a Context<'c>,
    entities: &'a [Entity],
}

impl Finder<'_, '_> {
    /// The cue in the quotation's own sentences nearest to it, and the
    /// speaker it names.
    fn own_sentence(&self, q: &Quotation) -> Option<(Range<usize>, Option<Speaker>)> {
        let article = self.cx.article;
        let first = article.sentence_at(q.range.start)?;
        let last = article.sentence_at(q.range.end.saturating_sub(1))?;
        let sentences = article.sentences();
        let span = sentences[first].range.start..sentences[last].range.end;
        let near = q.range.start.saturating_sub(WINDOW)..q.range.end + WINDOW;
        let area = span.start.max(near.start)..span.end.min(near.end);
        let unquoted = article.unquoted();
        let area = crate::position::floor_char_boundary(unquoted, area.start)
            ..crate::position::floor_char_boundary(unquoted, area.end);
        // The nearest cue that names a speaker ("said his party would…" or a
        // passive "were being asked" names none; a cue further off may).
        let mut cues: Vec<Range<usize>> =
            SPEECH.find_iter(&unquoted[area.clone()]).map(|m| area.start + m.start()..area.start + m.end()).collect();
        cues.sort_by_key(|c| distance(c, &q.range));
        for cue in cues.iter().take(MAX_CUES) {
            if let Some(speaker) = self.speaker_of(cue, &span, q.range.end <= cue.start) {
                return Some((cue.clone(), Some(speaker)));
            }
        }
        // “Meloni was blunt: “…”": a colon right before the quotation.
        let before = unquoted[area.start..q.range.start.max(area.start)].trim_end();
        if before.ends_with(':') {
            let colon = area.start + before.len() - 1..area.start + before.len();
            let speaker = self.introduced(&colon, &span);
            if speaker.is_some() {
                return Some((colon, speaker));
            }
        }
        None
    }

    /// The speaker carried on from the previous quotation: in the same
    /// paragraph, or when this quotation opens the paragraph after one that
    /// ends with it (or with its cue); else the speaker of reported speech
    /// ending the paragraph before ("Ana Ruiz said on Monday that …").
    fn carried_on(&self, q: &Quotation, previous: Option<&QuoteRecord>) -> Option<Speaker> {
        let article = self.cx.article;
        let sentences = article.sentences();
        let s = article.sentence_at(q.range.start)?;
        let here = sentences[s].paragraph;
        let opens = opens_paragraph(self.cx, q);
        // Only a quotation that opens its sentence goes on with a statement;
        // one inside the writer's own sentence ("placards printing his name,
        // “…”") is the writer's.
        let opens_sentence = self.cx.article.unquoted()[sentences[s].range.start..q.range.start].trim().is_empty();
        if let Some(previous) = previous
            && opens_sentence
            && let Some(speaker) = &previous.speaker
            && let Some(p) = article.sentence_at(previous.range.start)
        {
            let there = sentences[p].paragraph;
            // The previous paragraph's last sentence holds the quotation or
            // its cue: nothing else was said in between.
            let ends_there =
                s > 0 && sentences[s - 1].paragraph == there && sentences[s - 1].range.end >= previous.range.start;
            if there == here || (opens && ends_there) {
                return Some(speaker.clone());
            }
        }
        if !opens || s == 0 {
            return None;
        }
        let previous = &sentences[s - 1];
        let tail = crate::text::tail(article.unquoted(), previous.range.end, WINDOW);
        let from = (previous.range.end - tail.len()).max(previous.range.start);
        let tail = &article.unquoted()[from..previous.range.end];
        // "Northwell Health released the following statement:" and the
        // statement as the next paragraph.
        let trimmed = tail.trim_end();
        if trimmed.ends_with(':') {
            let colon = from + trimmed.len() - 1..from + trimmed.len();
            if let Some(speaker) = self.introduced(&colon, &previous.range) {
                return Some(speaker);
            }
        }
        let cue = SPEECH.find_iter(tail).next().map(|m| from + m.start()..from + m.end())?;
        self.speaker_of(&cue, &previous.range, false)
    }

    /// A cue in the sentence right after or right before the quotation in
    /// its paragraph.
    fn adjacent_sentence(&self, q: &Quotation) -> Option<(Range<usize>, Option<Speaker>)> {
        let article = self.cx.article;
        let sentences = article.sentences();
        let first = article.sentence_at(q.range.start)?;
        let last = article.sentence_at(q.range.end.saturating_sub(1))?;
        let paragraph = sentences[first].paragraph;
        let unquoted = article.unquoted();
        let has_quote = |r: &Range<usize>| article.quotation_overlapping(r).is_some();
        let after = sentences.get(last + 1).filter(|s| s.paragraph == paragraph);
        let before = first.checked_sub(1).map(|k| &sentences[k]).filter(|s| s.paragraph == paragraph);
        // Each sentence is read from its start ("“…” She said it was …");
        // a long sentence before also from its end, where it puts its
        // speaker ("There was no mention of …, Ana Ruiz said. “…”").
        fn head(s: &Sentence) -> (&Sentence, Range<usize>, bool) {
            (s, s.range.start..s.range.end.min(s.range.start + REACH), false)
        }
        let tail = before
            .filter(|s| s.range.len() > REACH)
            .map(|s| (s, s.range.end.saturating_sub(REACH).max(s.range.start)..s.range.end, true));
        let areas = after.map(head).into_iter().chain(before.map(head)).chain(tail);
        for (s, area, last_cue) in areas {
            if has_quote(&s.range) {
                continue;
            }
            let area = crate::position::floor_char_boundary(unquoted, area.start)
                ..crate::position::floor_char_boundary(unquoted, area.end);
            // "According to the ministry, …" sources its own sentence, not
            // the quotation beside it.
            let cues = SPEECH
                .find_iter(&unquoted[area.clone()])
                .filter(|m| !m.as_str().to_lowercase().starts_with("according"));
            let Some(m) = (if last_cue { cues.last() } else { cues.into_iter().next() }) else {
                continue;
            };
            let cue = area.start + m.start()..area.start + m.end();
            if let Some(speaker) = self.speaker_of(&cue, &s.range, false) {
                return Some((cue, Some(speaker)));
            }
        }
        None
    }

    /// The speaker of `cue` in `sentence`: its subject before it, or the
    /// name after it when the clause opens with the quotation
    /// (`quote_before`: the quotation stands before the cue).
    fn speaker_of(&self, cue: &Range<usize>, sentence: &Range<usize>, quote_before: bool) -> Option<Speaker> {
        self.subject_of(cue, sentence, quote_before).map(|s| self.descriptor_reference(self.demonym_reference(s)))
    }

    /// [`Finder::speaker_of`] as written: a nationality is not yet read as
    /// the person it stands for.
    fn subject_of(&self, cue: &Range<usize>, sentence: &Range<usize>, quote_before: bool) -> Option<Speaker> {
        let unquoted = self.cx.article.unquoted();
        let lead = unquoted[clause_start(unquoted, cue, sentence)..cue.start].trim();
        // "“…,” said Ana Ruiz", "“…” about the virus, said Art Hogan": the
        // speaker follows the cue. ("Ana Ruiz, whose party lost, said the
        // plan “…”" has its speaker before.)
        // "Ana Ruiz, a spokesman, told AFP": who is told is not who speaks.
        let told = matches!(unquoted[cue.clone()].to_lowercase().as_str(), "told" | "tell" | "tells");
        let found = if told {
            self.before(cue, sentence)
        } else if lead.is_empty() || (quote_before && lead.ends_with(',')) {
            self.after(cue, sentence).or_else(|| self.before(cue, sentence))
        } else {
            self.before(cue, sentence).or_else(|| self.after(cue, sentence))
        };
        let mut found = found.or_else(|| self.participle_subject(cue, sentence))?;
        // A name read from the words ("DeLay’s lawyer, Dick DeGuerin, said")
        // is the registered actor when a mention stands exactly there.
        if found.actor.is_none() {
            if let Some(e) = self.entity_at(&found.referent) {
                found.actor = e.actor;
            }
        }
        Some(found)
    }
}

/// Where the clause holding `cue` starts: after the last quotation,
/// semicolon or sentence start before it.
fn clause_start(unquoted: &str, cue: &Range<usize>, sentence: &Range<usize>) -> usize {
    let from = sentence.start.min(cue.start).max(cue.start.saturating_sub(REACH));
    let from = crate::position::floor_char_boundary(unquoted, from);
    let lead = &unquoted[from..cue.start];
    // A quotation is blanked to spaces: a run of three or more ends a clause.
    let after_gap = lead.rfind("   ").map(|k| from + k + 3);
    let after_semicolon = lead.rfind([';', '\n']).map(|k| from + k + 1);
    [Some(from), after_gap, after_semicolon].into_iter().flatten().max().unwrap_or(from)
}

/// Bytes between two ranges; none when they overlap.
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start { b.start - a.end } else { a.start.saturating_sub(b.end) }
}

mod cueless;
mod descriptor;
mod names;
mod pronouns;
mod reported;
mod subject;
#[cfg(test)]
mod tests;
mod words;
