//! Unregistered people recognised by context: a run of capitalised words
//! judged as a person's name by the title, apposition or speech verb beside
//! it, or by its shape (a common given name and a surname).

use std::collections::HashSet;
use std::ops::Range;

use super::doubt::opens_sentence;
use super::lists::{
    NAME_PARTICLES, NON_PERSON_HEADS, PLACE_FIRST_WORDS, SPEECH_VERBS, is_not_name_word, is_plural_title_lowercase,
    is_title_word_lowercase,
};
use super::names::{
    Cx, NearMiss, UnknownName, in_sorted_ranges, inside_near_miss, is_abbreviated_title, is_title_word,
    looks_like_name_word,
};
use crate::linking::HONORIFICS;
use crate::text::wordlists::{is_common_word, is_given_name};

pub(super) fn unknown_names(
    cx: &Cx<'_>,
    near_misses: &[NearMiss],
    headlines: &[Range<usize>],
    caps_lines: &[Range<usize>],
) -> Vec<UnknownName> {
    let mut names = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    // The surnames of misspelt registered names ("Dr. Diana Atwiine"): the
    // same misspelling alone later ("Dr. Atwiine says") is that person.
    let misspelt_surnames: HashSet<&str> =
        near_misses.iter().filter_map(|n| cx.prose[n.range.clone()].split_whitespace().next_back()).collect();
    let excluded = |i: usize| {
        let r = &cx.tokens[i].range;
        cx.mention_of[i].is_some()
            || inside_near_miss(near_misses, r)
            || misspelt_surnames.contains(cx.word(i))
            || in_sorted_ranges(headlines, r.start)
            || in_sorted_ranges(caps_lines, r.start)
    };
    let mut i = 0;
    while i < cx.tokens.len() {
        if excluded(i) || !looks_like_name_word(cx.word(i)) {
            i += 1;
            continue;
        }
        // A run of capitalised words (with particles inside).
        let mut end = i + 1;
        while end < cx.tokens.len() && (cx.adjacent(end - 1) || initial_before(cx, end)) && !excluded(end) {
            let w = cx.word(end);
            let next_is_name = end + 1 < cx.tokens.len() && looks_like_name_word(cx.word(end + 1));
            let particle = NAME_PARTICLES.contains(&w) && next_is_name;
            if !(looks_like_name_word(w) || particle || (is_initial(w) && initial_before(cx, end + 1))) {
                break;
            }
            end += 1;
        }
        if let Some(name) = candidate(cx, i, end, &names) {
            let surname = name.name.rsplit(' ').next().unwrap_or_default().to_string();
            let first = seen.insert(name.name.clone());
            seen.insert(surname);
            names.push(UnknownName { first, ..name });
        }
        i = end;
    }
    names
}

/// Judges the capitalised run `start..end` as a person's name.
///
/// A title at the head of the run is not part of the name: everything up to
/// its last title word goes ("Chief Financial Officer", "Assistant Texas
/// Attorney General"), and a run that is all title is no name. A name is
/// known by a title, an apposition or a speech verb beside it, or by its
/// shape: a common given name and one or two words that are not common
/// English words ("Rod Laver in 1969"), or by the list it is in, with a
/// person's name (see [`super::coordination`]).
fn candidate(cx: &Cx<'_>, run_start: usize, end: usize, earlier: &[UnknownName]) -> Option<UnknownName> {
    let start = name_start(cx, run_start, end);
    let title_inside = (start > run_start && is_title_word(cx, start - 1))
        .then(|| cx.tokens[run_start].range.start..cx.tokens[start - 1].range.end);
    if end - start == 0 || end - start > 4 {
        return None;
    }
    // "Lena Lena Marković": the doubled word is duplicated-name-token's.
    if end < cx.tokens.len() && cx.adjacent(end - 1) && cx.mention_of[end].is_some() && cx.word(end - 1) == cx.word(end)
    {
        return None;
    }
    // "Georgia Gov. Brian Kemp": an abbreviated title ends no name; "I’m"
    // is no name at all.
    let abbreviated_title = is_abbreviated_title(cx, end - 1);
    let contraction = end - start == 1 && (cx.word(start).starts_with("I’") || cx.word(start).starts_with("I'"));
    if abbreviated_title || contraction {
        return None;
    }
    // "Prime Minister Datuk Seri Anwar Ibrahim": the words right before a
    // registered person's name in the same run are their honorifics.
    let person_after = end < cx.tokens.len()
        && cx.adjacent(end - 1)
        && cx.mention_of[end]
            .and_then(|m| cx.mentions[m].actor)
            .is_some_and(|a| cx.registry.actor(a).kind == crate::registry::ActorKind::Person);
    if person_after || names_a_thing_after(cx, end) {
        return None;
    }
    let words: Vec<&str> = (start..end).map(|k| cx.word(k)).collect();
    // A given name opening the name may be a word of the lists ("Bill").
    let given = usize::from(first_name_at(cx, start, end));
    let surname_title = given == 1 && title_surname(cx, start, end);
    let not_name = |(i, w): (usize, &&str)| !(surname_title && i + 1 == words.len()) && is_not_name_word(w);
    if words[given..].iter().any(|w| NON_PERSON_HEADS.contains(w))
        || words.iter().enumerate().skip(given).any(not_name)
        || PLACE_FIRST_WORDS.contains(&words[0])
        || (start..end).any(|k| is_title_word(cx, k) && k + 1 < end)
        || (start..end - 1).any(|k| cx.tokens[k].possessive)
    {
        return None;
    }
    let range = cx.tokens[start].range.start..cx.tokens[end - 1].range.end;
    let title_before = title_inside.clone().map(|r| cx.prose[r].to_string()).or_else(|| title_phrase_before(cx, start));
    let apposition = apposition_after(cx.prose, range.end, cx.tokens[end - 1].possessive)
        .or_else(|| apposition_before(cx.prose, range.start))
        .or_else(|| party_tag_after(cx.prose, range.end));
    if inside_a_body_name(cx, run_start) {
        return None;
    }
    let speech = (speech_after(cx.prose, range.end) && !not_the_subject(cx, run_start, start))
        || speech_before(cx.prose, range.start);
    let named = words.iter().filter(|w| !is_initial(w)).count();
    // A capitalised common word opening a sentence proves nothing ("Will
    // Ukraine's allies ...").
    let shape = (2..=3).contains(&named)
        && is_given_name(words[0])
        && !(is_common_word(words[0]) && opens_sentence(cx.prose, range.start))
        && words[1..].iter().all(|w| !is_common_word(w) && !is_title_word_lowercase(&w.to_lowercase()));
    let enough = if named >= 2 {
        title_before.is_some()
            || apposition.is_some()
            || speech
            || shape
            || super::coordination::joined_to_person(cx, &range, earlier)
    } else {
        // "which neighbours Uganda", "she coaches Arsenal": a plural title in
        // lower case before one word is a verb; "prosecutors Ana Ruiz and
        // Tom Oakes" name people with two words each.
        let verb_before = title_inside.is_none()
            && start > 0
            && cx.adjacent(start - 1)
            && cx.word(start - 1).starts_with(|c: char| c.is_lowercase())
            && !is_title_word_lowercase(cx.word(start - 1))
            && is_plural_title_lowercase(cx.word(start - 1));
        title_before.is_some() && !verb_before
    };
    if !enough {
        return None;
    }
    Some(UnknownName { range, name: phrase(cx, start, end), role: title_before.or(apposition), first: true })
}

/// Whether the run ending before token `end` names the place or body the
/// lowercase word after it is ("a resident of Ngabano village", "Gloew
/// Trading company supervisor"): a head of `data/non_person_heads.txt`
/// written in lower case.
fn names_a_thing_after(cx: &Cx<'_>, end: usize) -> bool {
    if end >= cx.tokens.len() || !cx.adjacent(end - 1) {
        return false;
    }
    let next = cx.word(end);
    let mut chars = next.chars();
    // Singular heads only: a plural head is as often a verb ("Petra Lund
    // states", "Ivo Holm plans").
    let Some(first) = chars.next().filter(|c| c.is_lowercase() && !next.ends_with('s')) else { return false };
    let capitalised: String = first.to_uppercase().chain(chars).collect();
    NON_PERSON_HEADS.contains(&capitalised.as_str())
}

/// Where the name in the run `run_start..end` starts: after the title at
/// its head (through its last title word, over the capitalised words of the
/// title such as places, up to a given name that opens a name), else after
/// the words that never start a name ("The").
fn name_start(cx: &Cx<'_>, run_start: usize, end: usize) -> usize {
    let mut after_title = None;
    let mut k = run_start;
    while k < end && !first_name_at(cx, k, end) {
        if is_title_word(cx, k) {
            after_title = Some(k + 1);
        }
        k += 1;
    }
    // Words that never start a name describe the name that follows them
    // ("fellow Southern Californian Ada Brill"): a given name after them
    // opens it.
    let described = k < end && is_not_name_word(cx.word(run_start)) && !opens_with_determiner(cx, run_start);
    after_title.unwrap_or_else(|| {
        if described {
            return k;
        }
        let mut start = run_start;
        while start < end && is_not_name_word(cx.word(start)) && !first_name_at(cx, start, end) {
            start += 1;
        }
        start
    })
}

/// Whether token `k` is an article or a demonstrative ("The Lisbon Red
/// Cross").
fn opens_with_determiner(cx: &Cx<'_>, k: usize) -> bool {
    matches!(cx.word(k).to_lowercase().as_str(), "the" | "a" | "an" | "this" | "that" | "these" | "those")
}

/// Whether the run starting at token `run_start` is a noun phrase's
/// modifier or a preposition's object rather than a sentence's subject:
/// the word before it (or its own first word) is a determiner or a
/// preposition ("surveyed by Lisbon Partners predicted", "The Lisbon Red
/// Cross said"). A person named so does not say what the verb after the
/// phrase says.
fn not_the_subject(cx: &Cx<'_>, run_start: usize, start: usize) -> bool {
    let before = crate::text::tail(cx.prose, cx.tokens[run_start].range.start, 16).trim_end_matches(' ');
    let last = if before.ends_with(char::is_alphabetic) {
        before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("")
    } else {
        ""
    };
    let object = matches!(
        last,
        "by" | "of" | "from" | "with" | "to" | "for" | "at" | "in" | "on" | "about" | "against" | "among" | "into"
    );
    object || matches!(last, "the" | "a" | "an") || (opens_with_determiner(cx, run_start) && run_start < start)
}

/// Whether the run starting at token `run_start` follows "<body> of" inside
/// a body's name ("the Church of Jesus Christ of Latter-day Saints", "the
/// Society of Saint Pius"): it is part of that name, not a person.
fn inside_a_body_name(cx: &Cx<'_>, run_start: usize) -> bool {
    run_start >= 2
        && cx.word(run_start - 1) == "of"
        && cx.adjacent(run_start - 2)
        && cx.adjacent(run_start - 1)
        && NON_PERSON_HEADS.contains(&cx.word(run_start - 2))
}

/// Whether token `k` is a common given name followed, inside the run, by a
/// word that can be a surname ("Bill Cole", not "Bill Committee Chairman").
/// A title word that ends the run right after the given name is a surname
/// ("Joe Neighbour said", "Ada Bishop"): a title stands before a name,
/// never alone after a given name.
fn first_name_at(cx: &Cx<'_>, k: usize, end: usize) -> bool {
    k + 1 < end
        && is_given_name(cx.word(k))
        && !crate::text::calendar::is_calendar_word(cx.word(k))
        && (!is_not_name_word(cx.word(k + 1)) || title_surname(cx, k, end))
        && (k + 2 == end || !is_title_word(cx, k + 1))
}

/// Whether the run ends with a title word right after the given name at
/// `k`: a surname that is also a title ("Evan King said", "John Major"),
/// which the title list would otherwise strip as the title of no one.
fn title_surname(cx: &Cx<'_>, k: usize, end: usize) -> bool {
    k + 2 == end && is_title_word(cx, k + 1)
}

/// A single capital letter: a middle initial.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Whether token `k - 1` is an initial followed by ". " and token `k`
/// ("C. Hooper").
fn initial_before(cx: &Cx<'_>, k: usize) -> bool {
    k >= 2
        && k < cx.tokens.len()
        && is_initial(cx.word(k - 1))
        && cx.prose[cx.tokens[k - 1].range.end..cx.tokens[k].range.start] == *". "
}

/// The title phrase ending right before token `start` ("Defence analyst",
/// "Prime Minister", "Dr."), if there is one.
fn title_phrase_before(cx: &Cx<'_>, start: usize) -> Option<String> {
    let before = cx.prose[..cx.tokens[start].range.start].strip_suffix(' ')?;
    for honorific in HONORIFICS {
        if before.ends_with(honorific) {
            return Some(honorific.to_string());
        }
    }
    let first = start.checked_sub(1)?;
    let title = cx.word(first);
    if cx.tokens[first].range.end != before.len() || cx.tokens[first].possessive {
        return None;
    }
    let is_title = is_title_word_lowercase(&title.to_lowercase())
        || is_plural_title_lowercase(&title.to_lowercase())
        || (1..=3).any(|n| first + 1 >= n && cx.lexicon.is_role_form(&phrase(cx, first + 1 - n, first + 1)));
    if !is_title {
        return None;
    }
    // Widen to the descriptive words before it ("Ferry union steward").
    let mut from = first;
    while from > 0 && first - from < 3 && cx.adjacent(from - 1) {
        let w = cx.word(from - 1);
        if is_not_name_word(w) && !is_title_word_lowercase(&w.to_lowercase()) && !cx.lexicon.is_role_form(w) {
            break;
        }
        // Function words and numbers end the description ("No. 141 for
        // RN candidate" is seen as "candidate").
        if matches!(
            w,
            "a" | "an"
                | "the"
                | "and"
                | "of"
                | "for"
                | "in"
                | "at"
                | "to"
                | "by"
                | "with"
                | "from"
                | "on"
                | "said"
                | "says"
        ) || w.chars().any(|c| c.is_ascii_digit())
            || SPEECH_VERBS.contains(&w)
            || cx.tokens[from - 1].possessive
        {
            break;
        }
        from -= 1;
    }
    Some(phrase(cx, from, first + 1))
}

fn phrase(cx: &Cx<'_>, start: usize, end: usize) -> String {
    cx.prose[cx.tokens[start].range.start..cx.tokens[end - 1].range.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn speech_after(prose: &str, end: usize) -> bool {
    let rest = prose[end..].trim_start_matches([',', ' ']);
    let mut words = rest.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
    let mut next = words.next();
    if matches!(next, Some("has" | "had" | "also" | "then" | "later" | "previously")) {
        next = words.next();
    }
    // "states", "notes", "claims" and "calls" are as often plural nouns
    // ("Minas Gerais states"): verbs only before "that" or a colon.
    let noun_too = next.is_some_and(|w| matches!(w, "states" | "notes" | "claims" | "calls"));
    let verb = !noun_too || {
        let after = next.map_or("", |w| rest[rest.find(w).map_or(0, |i| i + w.len())..].trim_start());
        after.starts_with(':') || after.starts_with("that ")
    };
    !rest.starts_with(['.', ';']) && verb && next.is_some_and(|w| SPEECH_VERBS.contains(&w))
}

fn speech_before(prose: &str, start: usize) -> bool {
    let before = prose[..start].trim_end_matches(' ');
    let last: String =
        before.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    SPEECH_VERBS.contains(&last.as_str()) || before.ends_with("according to")
}

/// A description in apposition before a name, opening its sentence: "A
/// former British military attaché, John Foreman said ...".
fn apposition_before(prose: &str, start: usize) -> Option<String> {
    let before = crate::text::tail(prose, start, 200).strip_suffix(", ")?;
    let clause_start = before
        .rfind(['.', '!', '?', '\n', ';', '“', '"', '('])
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let clause = before[clause_start..].trim();
    let words: Vec<&str> = clause.split_whitespace().collect();
    let last = words.last()?.to_lowercase();
    if words.len() > 8 || !is_title_word_lowercase(&last) {
        return None;
    }
    let description =
        words.iter().skip_while(|w| matches!(**w, "A" | "An" | "The")).copied().collect::<Vec<_>>().join(" ");
    Some(description)
}

/// A legislator's party and seat in brackets after the name: "(R-Texas)",
/// "(D-N.Y.)", "(PH-Batu Gajah)".
fn party_tag_after(prose: &str, end: usize) -> Option<String> {
    let rest = prose[end..].strip_prefix(" (")?;
    let rest = &rest[..crate::position::floor_char_boundary(rest, 40)];
    let tag = &rest[..rest.find(')')?];
    let (party, seat) = tag.split_once('-')?;
    let party_like = (1..=5).contains(&party.len()) && party.bytes().all(|b| b.is_ascii_uppercase());
    // A seat is a place ("Texas", "N.Y."), not the letter of a party's
    // own short form ("MQM-P").
    let seat_like = seat.starts_with(|c: char| c.is_uppercase())
        && seat.chars().count() >= 2
        && seat.contains(|c: char| c.is_lowercase() || c == '.');
    (party_like && seat_like).then(|| tag.to_string())
}

/// The description in apposition after a name: ", a former harbour master",
/// ", Russia’s envoy to ...".
fn apposition_after(prose: &str, end: usize, possessive: bool) -> Option<String> {
    if possessive {
        return None;
    }
    let rest = prose[end..].strip_prefix(", ")?;
    let first: &str = rest.split([' ', ',']).next()?;
    let lower = first.to_lowercase();
    let opens =
        matches!(lower.as_str(), "a" | "an" | "the" | "who" | "whose" | "former" | "his" | "her" | "their" | "its")
            || lower.starts_with("ex-")
            || first.ends_with("’s")
            || first.ends_with("'s")
            || (first.chars().next().is_some_and(char::is_lowercase) && is_title_word_lowercase(&lower))
            || (first.len() <= 3 && !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()));
    if !opens {
        return None;
    }
    let rest = &rest[..crate::position::floor_char_boundary(rest, 200)];
    let stop = rest.find([',', '.', ';', ':', '—', '(', '\n']).unwrap_or(rest.len());
    let description: String = rest[..stop].chars().take(80).collect();
    Some(description.trim().to_string())
}
