//! Reported speech: statements attributed without quotation marks ("Ana
//! Ruiz said the ferries would sail", "The plan will fail, the ministry
//! said", "According to the harbour board, 300 boats stayed in port"). One
//! record per sentence, kind [`QuoteKind::Indirect`], whose range is the
//! reported statement and whose cue and speaker are found as for
//! quotations.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Finder, QuoteKind, QuoteRecord, Speaker, clause_end, words_before};

/// Verbs that report a statement. Shouting, asking or laughing report no
/// statement, and quotation-only cues ("put it") need marks.
static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::analysis::sourcing::alternation(include_str!("../../../../data/reporting_verbs.txt"));
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})(?-u:\b)")).expect("reporting verbs compile")
});

/// Cues looked at per sentence: the statement's own verb comes first.
const CUES_PER_SENTENCE: usize = 2;

/// Sentences longer than this are not read for reported speech (a run-on
/// table or a paste); keeps the pass linear and the records meaningful.
const MAX_SENTENCE: usize = 2_000;

/// Fewest words a reported statement has.
const MIN_WORDS: usize = 4;

impl Finder<'_, '_> {
    /// Reported speech in every body sentence that holds no quotation.
    pub(super) fn reported_speech(&self) -> Vec<QuoteRecord> {
        let article = self.cx.article;
        let unquoted = article.unquoted();
        let mut records = Vec::new();
        for sentence in article.sentences() {
            let range = sentence.range.clone();
            if range.start < article.body_start()
                || range.len() > MAX_SENTENCE
                || self.cx.names.in_headline(range.start)
            {
                continue;
            }
            if self.cx.article.quotation_overlapping(&range).is_some() {
                continue;
            }
            let text = &unquoted[range.clone()];
            // A line set in capitals has no case to tell a name from a word.
            if !text.chars().any(char::is_lowercase) {
                continue;
            }
            for m in REPORTING.find_iter(text).take(CUES_PER_SENTENCE) {
                let cue = range.start + m.start()..range.start + m.end();
                // "it was said", "is reported": a passive names nobody.
                if crate::analysis::sourcing::attribution::is_passive(text, m.start()) {
                    continue;
                }
                let Some(speaker) = self.speaker_of(&cue, &range, true) else { continue };
                let Some(statement) = statement(unquoted, &range, &cue, &speaker) else { continue };
                records.push(QuoteRecord {
                    range: statement.clone(),
                    inner: statement,
                    open_missing: false,
                    kind: QuoteKind::Indirect,
                    cue: Some(cue),
                    speaker: Some(speaker),
                });
                break;
            }
        }
        records
    }
}

/// Verbs whose statement may follow with no "that" ("Ruiz said the port
/// would close"); every other reporting verb needs "that" ("Cisco reported
/// a profit" reports no statement, "announced that …" does).
fn takes_bare_clause(cue: &str) -> bool {
    matches!(cue, "said" | "says" | "told" | "tells")
}

/// Words that open an adjunct after the cue, not the statement: "said
/// Thursday during a teleconference", "said in a statement".
fn opens_adjunct(word: &str) -> bool {
    data_list!(WORDS, "adjunct_words.txt");
    WORDS.contains(&word.to_lowercase().as_str())
}

/// Auxiliaries and adverbs: a "speaker" holding one ("They had also",
/// "Analysts had") is a clause read wrongly, not a name or a noun phrase.
fn is_clause_word(word: &str) -> bool {
    data_list!(WORDS, "clause_words.txt");
    WORDS.contains(&word.to_lowercase().as_str()) || (word.len() > 4 && word.ends_with("ly"))
}

/// The statement a cue reports in its sentence: what follows the cue when
/// the speaker comes first ("Ruiz said (that) …", "Ruiz told reporters that
/// …", "According to the board, …"), else the sentence up to the comma
/// before the speaker and cue ("The plan will fail, Ruiz said").
fn statement(unquoted: &str, sentence: &Range<usize>, cue: &Range<usize>, speaker: &Speaker) -> Option<Range<usize>> {
    if unquoted[speaker.range.clone()].split_whitespace().any(is_clause_word) {
        return None;
    }
    let end = sentence.start + unquoted[sentence.clone()].trim_end().trim_end_matches(['.', '!', '?', ';']).len();
    let cue_words = unquoted[cue.clone()].to_lowercase();
    let after: Vec<(Range<usize>, &str)> = words_before(unquoted, cue.end, end);
    // The hearer of "told": "told reporters", "told the BBC".
    let hearer = if cue_words.starts_with("told") || cue_words.starts_with("tells") {
        match after.first() {
            Some((_, w)) if matches!(w.to_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "their") => 2,
            Some(_) => 1,
            None => 0,
        }
    } else {
        0
    };
    // "that" opens the statement right after the verb, its hearer or an
    // adjunct ("said in a statement that", "told reporters that"); a later
    // "that" is a relative pronoun ("said the plan that the council
    // approved would …").
    let that = after
        .iter()
        .take(6)
        .position(|(_, w)| w.eq_ignore_ascii_case("that"))
        .filter(|&k| k == hearer || (k > hearer && after.get(hearer).is_some_and(|(_, w)| opens_adjunct(w))));
    let after_cue = if cue_words.starts_with("according") {
        let opens_sentence = unquoted[sentence.start..cue.start].trim().is_empty();
        let rest_from = speaker.range.end.max(cue.end);
        let comma = unquoted[rest_from..end].find(',').map(|k| rest_from + k + 1);
        match comma {
            // "According to Ana Ruiz, who runs the port, …" is an apposition.
            Some(from) if opens_sentence => {
                let next = unquoted[from..end].split_whitespace().next().unwrap_or("");
                (!matches!(next, "who" | "which" | "whose")).then_some(from)
            }
            _ => None,
        }
    } else if unquoted[cue.end..end].trim_start().starts_with(',') {
        // "too few, Horak said, to change any result": a parenthetical cue;
        // the statement is before it.
        None
    } else if speaker.range.end <= cue.start {
        match that {
            Some(k) => Some(after[k].0.end),
            None if takes_bare_clause(&cue_words) => match after.get(hearer) {
                // "said Thursday during a call": an adjunct, the statement is
                // before; "told residents to leave": an order, no statement.
                Some((_, w)) if opens_adjunct(w) || w.eq_ignore_ascii_case("to") => None,
                Some((r, _)) => Some(r.start),
                None => None,
            },
            None => return None,
        }
    } else {
        None
    };
    let range = match after_cue {
        Some(from) if statement_words(unquoted, from, end) >= MIN_WORDS => from..end,
        _ => {
            // The statement before the speaker: up to the last comma before
            // the cue or the speaker, whichever comes first.
            let stop = cue.start.min(speaker.range.start);
            let head = &unquoted[sentence.start..stop];
            let comma = head.rfind(',')?;
            // "…, said Ruiz" has nothing but the cue and speaker after the
            // comma; "…, which Ruiz said" is a relative clause, not a report.
            if clause_end(&unquoted[sentence.start + comma + 1..stop]).is_some() {
                return None;
            }
            sentence.start..sentence.start + comma
        }
    };
    let range = trim(unquoted, without_dateline(unquoted, range));
    (statement_words(unquoted, range.start, range.end) >= MIN_WORDS).then_some(range)
}

/// The statement without a dateline opening the story ("VELGRAD, Feb 25
/// (VPW) — Valdoria will …"): capitals, then a dash within the first words.
fn without_dateline(unquoted: &str, range: Range<usize>) -> Range<usize> {
    let text = &unquoted[range.clone()];
    let head = &text[..crate::position::floor_char_boundary(text, 80)];
    let first = head.split([',', ' ']).next().unwrap_or("");
    let capitals = first.len() >= 3 && first.chars().all(|c| c.is_uppercase() || c == '-' || c == '.');
    match head.find(['—', '–']) {
        Some(k) if capitals => {
            let dash = head[k..].chars().next().map_or(0, char::len_utf8);
            range.start + k + dash..range.end
        }
        _ => range,
    }
}

/// The range without white space or commas at either end.
fn trim(unquoted: &str, range: Range<usize>) -> Range<usize> {
    let text = &unquoted[range.clone()];
    let start = range.start + text.len() - text.trim_start_matches([' ', ',', '\n', '\t']).len();
    let end = range.end - (text.len() - text.trim_end_matches([' ', ',', '\n', '\t']).len());
    start..end.max(start)
}

fn statement_words(unquoted: &str, from: usize, to: usize) -> usize {
    unquoted[from..to.max(from)].split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}
