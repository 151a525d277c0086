//! The words a speaker search reads: the run of words before a cue, the
//! shapes of a name in it (titles before it, post-nominal letters after
//! it), pronouns and prepositions, and what keeps a name the subject of the
//! cue after it.

use std::ops::Range;
use std::sync::LazyLock;

/// Whether the text between a name and a cue keeps the name as the cue's
/// subject: nothing, an adverb ("also", "later"), or an apposition set off
/// by commas ("Ana Ruiz, a fisher, said").
pub(super) fn joins_subject(gap: &str) -> bool {
    let trimmed = gap.trim();
    // "DeLay’s lawyer, Dick DeGuerin, said": the comma closing the
    // apposition the name is.
    if trimmed.is_empty() || trimmed == "," {
        return true;
    }
    // "Andrej Volan, who has described …": a relative clause about the name.
    if let Some(rest) = trimmed.strip_prefix(',')
        && rest.trim_start().starts_with("who ")
        && !rest.contains([',', ';', '.'])
    {
        return true;
    }
    if trimmed.len() >= 2
        && trimmed.starts_with(',')
        && trimmed.ends_with(',')
        && !trimmed[1..trimmed.len() - 1].contains([';', '.'])
    {
        return true;
    }
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    // "Abdul Muiz Mukhtar was quoted as saying"
    if matches!(words.as_slice(), ["was" | "were" | "is" | "are", "quoted", "as"]) {
        return true;
    }
    words.len() == 1
        && (words[0].ends_with("ly")
            || matches!(words[0], "also" | "later" | "then" | "has" | "had" | "again" | "once"))
}

/// The subject pronoun ending the words before a cue, perhaps with an
/// adverb after it ("he said", "He also adds", "she then told").
pub(super) fn subject_pronoun<'w>(words: &'w [(Range<usize>, &'w str)]) -> Option<&'w (Range<usize>, &'w str)> {
    let (last, rest) = words.split_last()?;
    if is_subject_pronoun(last.1) {
        return Some(last);
    }
    let adverb =
        last.1.len() > 4 && last.1.ends_with("ly") || matches!(last.1, "also" | "later" | "then" | "again" | "further");
    rest.last().filter(|(_, w)| adverb && is_subject_pronoun(w))
}

/// The noun phrase of `words` after the last comma of the text they come
/// from: one to four words opened by an article or "one" ("In Foping
/// county, an official said" → "an official").
pub(super) fn after_last_comma(unquoted: &str, start: usize, words: &[(Range<usize>, &str)]) -> Option<Range<usize>> {
    let (last, _) = words.last()?;
    let comma = start + unquoted[start..last.end].rfind(',')?;
    let tail = &words[words.partition_point(|(r, _)| r.start < comma)..];
    let article = tail.first().is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "a" | "an" | "one" | "the"));
    (article && (2..=4).contains(&tail.len()) && is_noun_phrase(tail)).then(|| tail[0].0.start..last.end)
}

/// A subject pronoun: the speaker a cue after it names is resolved
/// elsewhere ("he said" is whoever spoke before).
pub(super) fn is_subject_pronoun(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "it" | "he" | "she" | "they" | "we" | "i" | "you")
}

/// Whether the clause text before a name ends with a preposition, perhaps
/// with a possessive between ("at NASA's", "for the"): the name is an
/// object, not a subject.
pub(super) fn follows_preposition(before: &str) -> bool {
    let mut words = before.split_whitespace().rev().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let mut last = words.next().unwrap_or("");
    if last.ends_with(['s', 'S']) && before.trim_end().ends_with(['’', '\''])
        || last.contains(['’', '\''])
        || last == "the"
    {
        last = words.next().unwrap_or("");
    }
    matches!(last.to_lowercase().as_str(), "at" | "of" | "for" | "with" | "from" | "in" | "by")
}

/// An apposition opened by a comma and never closed before the cue (",
/// a scientist at the laboratory said", ", site manager for Harbour
/// Capital said"): an article or a title in its first words, no other
/// break.
pub(super) fn unclosed_apposition(gap: &str) -> bool {
    let Some(rest) = gap.trim().strip_prefix(',') else { return false };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let opens = matches!(words.first().copied(), Some("a" | "an" | "the"))
        || words.iter().take(3).any(|w| crate::analysis::lists::is_title_word_lowercase(w));
    opens && words.len() <= 12 && !rest.contains([',', ';', '.'])
}

/// A noun phrase whose head (after an article or "one") is modified by a
/// prepositional phrase: "an official from …", "a spokesman for …", "an
/// official in the control room".
pub(super) fn has_modified_head(words: &[(Range<usize>, &str)]) -> bool {
    let opens = words.first().is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "a" | "an" | "the" | "one"));
    let preposition =
        words.iter().take(4).skip(2).any(|(_, w)| matches!(*w, "from" | "for" | "at" | "of" | "with" | "in"));
    opens && preposition
}

/// The words of `unquoted[from..to]` with their byte ranges, punctuation
/// stripped.
pub(super) fn words_before(unquoted: &str, from: usize, to: usize) -> Vec<(Range<usize>, &str)> {
    // Callers bound their reach in bytes; a bound inside a character is
    // taken back to the character's start.
    let to = crate::position::floor_char_boundary(unquoted, to);
    let from = crate::position::floor_char_boundary(unquoted, from.min(to));
    let text = &unquoted[from..to];
    let mut words = Vec::new();
    let mut at = 0;
    for word in text.split_whitespace() {
        let k = at + text[at..].find(word).unwrap_or(0);
        at = k + word.len();
        let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-');
        if trimmed.is_empty() {
            continue;
        }
        let lead = word.find(trimmed).unwrap_or(0);
        let start = from + k + lead;
        words.push((start..start + trimmed.len(), trimmed));
    }
    words
}

pub(super) fn starts_upper(word: &str) -> bool {
    word.trim_matches(|c: char| !c.is_alphabetic()).chars().next().is_some_and(char::is_uppercase)
}

/// An age standing for a person: "33-year-old" (news style's "the
/// 33-year-old said").
pub(super) fn is_age_epithet(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.strip_suffix("-year-old").is_some_and(|n| (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()))
}

pub(super) fn has_digit(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

/// A title ("Attorney", "Director") or a capitalised common word ("The").
pub(super) fn is_title_or_common(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphabetic());
    // "co-CEO", "vice-chairman": a title with a prefix.
    let head = word.rsplit('-').next().unwrap_or(word);
    crate::analysis::is_not_name_word(word)
        || crate::analysis::lists::is_title_word_lowercase(&word.to_lowercase())
        || (head.len() < word.len() && crate::analysis::lists::is_title_word_lowercase(&head.to_lowercase()))
}

/// The name at the end of a run of capitalised words: the words after its
/// last title or common word ("Assistant Texas Attorney General Eric
/// Nichols" → "Eric Nichols"), at most four.
pub(super) fn name_in_run(run: &[(Range<usize>, &str)]) -> Option<Range<usize>> {
    // Post-nominal letters are not the name ("Darren Millar AM", "Ana Ruiz
    // MP", "Ivo Lind QC").
    let letters = run.iter().rev().take_while(|(_, w)| is_post_nominal(w)).count();
    let run = if run.len() > letters { &run[..run.len() - letters] } else { run };
    // A title word right after a given name is a surname ("Chief executive
    // Evan King"): a title stands before a name, never alone after one.
    let surname_title = match run {
        [.., (_, given), (_, last)] => {
            crate::text::wordlists::is_given_name(given) && !is_title_or_common(given) && starts_upper(last)
        }
        _ => false,
    };
    let titles = &run[..run.len() - usize::from(surname_title)];
    let from = titles.iter().rposition(|(_, w)| is_title_or_common(w)).map_or(0, |k| k + 1);
    let name = &run[from..];
    (!name.is_empty() && name.len() <= 4).then(|| name[0].0.start..name[name.len() - 1].0.end)
}

/// Whether `word` is post-nominal letters: two to four capitals ("AM",
/// "MP", "QC", "OBE"), with any trailing comma, that are not a title.
pub(super) fn is_post_nominal(word: &str) -> bool {
    let word = word.trim_end_matches(',');
    // (Not a title: "Forex Advisors CEO said".)
    (2..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase()) && !is_title_or_common(word)
}

/// Whether `words` can name a speaker: no clause-joining word, no
/// figure, and not a prepositional or infinitive phrase ("about the
/// virus", "to work longer shifts").
pub(super) fn is_noun_phrase(words: &[(Range<usize>, &str)]) -> bool {
    let opens_badly = words.first().is_some_and(|(_, w)| {
        matches!(
            w.to_lowercase().as_str(),
            "to" | "in"
                | "on"
                | "at"
                | "for"
                | "of"
                | "with"
                | "by"
                | "from"
                | "about"
                | "after"
                | "before"
                | "during"
                | "into"
                | "over"
                | "under"
                | "than"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
        )
    });
    let document = words.last().is_some_and(|(_, w)| is_not_speaker(&w.to_lowercase()));
    !opens_badly && !document && !words.iter().any(|(_, w)| is_connective(w) || (has_digit(w) && !is_age_epithet(w)))
}

/// A document, sign or post (`data/not_speakers.txt`): "the decree
/// promised" names no speaker.
pub(super) fn is_not_speaker(lowercase: &str) -> bool {
    static WORDS: LazyLock<Vec<&str>> =
        LazyLock::new(|| crate::text::data_entries(include_str!("../../../../data/not_speakers.txt")).collect());
    WORDS.contains(&lowercase)
}

/// Words that join clauses: a phrase containing one is not a speaker.
pub(super) fn is_connective(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "that"
            | "which"
            | "who"
            | "when"
            | "while"
            | "because"
            | "if"
            | "but"
            | "and"
            | "as"
            | "is"
            | "was"
            | "were"
            | "are"
    )
}

/// Whether `word` is an adverb or conjunction that can open a sentence
/// before its subject ("So", "Later,", "Now").
pub(super) fn is_sentence_adverb(word: &str) -> bool {
    let word = word.trim_end_matches(',');
    [
        "so",
        "and",
        "but",
        "then",
        "now",
        "later",
        "still",
        "meanwhile",
        "however",
        "yet",
        "instead",
        "eventually",
        "finally",
    ]
    .iter()
    .any(|a| word.eq_ignore_ascii_case(a))
}
