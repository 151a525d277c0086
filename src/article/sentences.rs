//! Sentences and quotations of news text.
//!
//! News text breaks the textbook rules: abbreviations with periods ("U.S.",
//! "Lt. Gen.", "Sept."), initials ("J. R. Hollis"), decimals, headlines and
//! bullet lines without a final period, quotations that run over several
//! sentences, and quotations whose opening mark an editor deleted. The
//! splitter works on the prose view, so code and URLs never split anything.

use std::ops::Range;

/// One sentence (or headline, or bullet line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range, from its first to its last non-space character.
    pub range: Range<usize>,
    /// Index of the paragraph (block of lines without a blank line) it is in.
    pub paragraph: usize,
}

/// One direct quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// Byte range including the quotation marks (or, when the opening mark
    /// is missing, from the start of the paragraph).
    pub range: Range<usize>,
    /// Byte range of the quoted words.
    pub inner: Range<usize>,
    /// Whether the opening mark is missing.
    pub open_missing: bool,
}

/// Words followed by a period that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Cmdr", "Rev", "Fr",
    "Sen", "Rep", "Gov", "Hon", "St", "Jr", "Sr", "No", "Nos", "vs", "etc", "approx", "est", "Fig", "p", "pp", "Vol",
    "Ch", "Art", "Sec", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc",
    "Ltd", "Co", "Corp", "Bros", "Mt", "Ft", "Ave", "Blvd", "Dept", "Univ", "Assn", "e.g", "i.e", "a.m", "p.m", "cf",
];

/// Whether `word` (without its period) is an abbreviation whose period
/// does not end a sentence: a title ("Dr", "Gen"), a month, "No".
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// Abbreviations of US states in news style (AP), which follow a place
/// and a comma in datelines.
const STATE_ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
    "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "N.H", "N.J", "N.M", "N.Y", "N.C", "N.D", "Okla", "Ore", "Pa",
    "R.I", "S.C", "S.D", "Tenn", "Tex", "Vt", "Va", "Wash", "W.Va", "Wis", "Wyo", "D.C",
];

/// Words that, after an initialism such as "U.S.", show that a new sentence
/// has begun.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "However",
    "Meanwhile",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "If",
    "Yet",
    "So",
    "Still",
    "Now",
    "Then",
];

/// Splits the prose `text` (starting at `from`) into sentences.
pub fn split_sentences(text: &str, from: usize) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut paragraph = 0;
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = from;
    let mut next_visible = 0;
    let push = |sentences: &mut Vec<Sentence>, s: usize, e: usize, paragraph: usize| {
        let slice = &text[s..e];
        let trimmed_start = s + (slice.len() - slice.trim_start().len());
        let trimmed_end = s + slice.trim_end().len();
        if trimmed_end > trimmed_start {
            sentences.push(Sentence { range: trimmed_start..trimmed_end, paragraph });
        }
    };
    while i < bytes.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if c == '\n' {
            // The next character that is not white space, found once per run
            // of white space (a run of blank lines is scanned once, not once
            // per line).
            if next_visible <= i {
                next_visible = text[i + 1..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |k| i + 1 + k);
            }
            let line_end = text[i + 1..].find('\n').map_or(text.len(), |k| i + 1 + k);
            let blank_follows = next_visible >= line_end;
            let next_starts_lower = text[next_visible..].chars().next().is_some_and(char::is_lowercase);
            // In plain-text news every line is a paragraph; in hard-wrapped
            // Markdown a line that continues in lowercase is not.
            let boundary = blank_follows || !next_starts_lower;
            if let Some(s) = start
                && boundary
            {
                push(&mut sentences, s, i, paragraph);
                start = None;
            }
            if boundary {
                paragraph += 1;
            }
            i += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…')
            && let Some(s) = start
        {
            let mut end = i + len;
            // Absorb runs ("?!", "...") and closing quotes or brackets.
            while let Some(n) = text[end..].chars().next() {
                if matches!(n, '.' | '!' | '?' | '…' | '”' | '’' | '"' | '\'' | ')' | ']' | '»') {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            if ends_sentence(text, s, i, end, c) {
                push(&mut sentences, s, end, paragraph);
                start = None;
            }
            i = end;
            continue;
        }
        i += len;
    }
    if let Some(s) = start {
        push(&mut sentences, s, text.len(), paragraph);
    }
    sentences
}

/// Whether the terminal mark at `mark` (absorbed through `end`) ends the
/// sentence begun at `start`.
fn ends_sentence(text: &str, start: usize, mark: usize, end: usize, c: char) -> bool {
    let rest = &text[end..];
    // Must be followed by white space (or the end of the text).
    match rest.chars().next() {
        None => return true,
        Some(n) if !n.is_whitespace() => return false,
        _ => {}
    }
    let next_word: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '’').collect();
    let next_char = rest.trim_start().chars().next();
    if next_char.is_some_and(char::is_lowercase) {
        return false;
    }
    if c != '.' {
        return true;
    }
    let before = &text[start..mark];
    let word: &str =
        before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"').next().unwrap_or("");
    let word = word.trim_start_matches(['(', '[', '“', '"', '‘']);
    let closing_quote_absorbed = end > mark + 1;
    if closing_quote_absorbed {
        return true;
    }
    if ABBREVIATIONS.contains(&word) {
        return false;
    }
    // A dateline or address: "BELLEFONTE, Pa. –", "in Austin, Tex., where".
    let after_comma = before[..before.len() - word.len()].trim_end().ends_with(',');
    if after_comma && STATE_ABBREVIATIONS.contains(&word) {
        return SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    // An initial ("J.") or an initialism ("U.S", "U.K").
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    // Letters only: "25.0k." ends a sentence ("rose 0.9k, below 25.0k. Full-time …").
    let is_initialism = word.contains('.')
        && word.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty() && p.chars().all(char::is_alphabetic));
    if is_initial {
        return false;
    }
    if is_initialism {
        return SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    true
}

/// Finds the direct quotations in `text` (the prose view), given its
/// sentences (for paragraph boundaries).
pub fn find_quotations(text: &str, sentences: &[Sentence]) -> Vec<Quotation> {
    let mut quotations = Vec::new();
    // Work paragraph by paragraph: a quotation never crosses one, and an
    // opening mark left open at a paragraph's end closes there (the news
    // convention for quotes running over several paragraphs).
    let mut p = 0;
    while p < sentences.len() {
        let para = sentences[p].paragraph;
        let q = sentences[p..].iter().position(|s| s.paragraph != para).map_or(sentences.len(), |k| p + k);
        let range = sentences[p].range.start..sentences[q - 1].range.end;
        quotations_in(text, range, &sentences[p..q], &mut quotations);
        p = q;
    }
    quotations
}

fn quotations_in(text: &str, para: Range<usize>, sentences: &[Sentence], out: &mut Vec<Quotation>) {
    let mut open: Option<(usize, char)> = None;
    let mut line_start = para.start;
    let mut last_end = para.start;
    // A mark typed wrongly closes a curly quotation (“…," or “…,“) only
    // when no proper closing mark follows before the next opening one: “He
    // said "no" to me” keeps its inner marks. The marks' places are read
    // once and passed in order.
    let marks = |mark: char| text[para.clone()].match_indices(mark).map(|(k, _)| para.start + k).collect::<Vec<_>>();
    let (closes, opens) = (marks('”'), marks('“'));
    let (mut next_close, mut next_open) = (0, 0);
    for (k, c) in text[para.clone()].char_indices() {
        // Only line ends and quotation marks matter: the look-arounds below
        // are read for those alone (most of an article is neither).
        if !matches!(c, '\n' | '“' | '”' | '"' | '‘' | '’' | '\'' | '«' | '»') {
            continue;
        }
        let i = para.start + k;
        let prev = text[..i].chars().next_back();
        let next = text[i + c.len_utf8()..].chars().next();
        while closes.get(next_close).is_some_and(|&p| p <= i) {
            next_close += 1;
        }
        while opens.get(next_open).is_some_and(|&p| p <= i) {
            next_open += 1;
        }
        let closed_later = closes.get(next_close).is_some_and(|&close| opens.get(next_open).is_none_or(|&o| close < o));
        let mistyped_close =
            prev.is_some_and(|p| !p.is_whitespace()) && !next.is_some_and(char::is_alphanumeric) && !closed_later;
        // A closing mark typed for an opening one: at the paragraph's or a
        // word's start after a space, comma or colon (`said,”The`).
        let mistyped_open = prev.is_none_or(|p| p.is_whitespace() || matches!(p, ',' | ':' | '('))
            && next.is_some_and(char::is_alphabetic);
        if c == '\n' {
            // A line that ends with an open quote whose next line opens a new
            // one is the multi-paragraph convention: close it here.
            if let Some((o, mark)) = open
                && text[i + 1..para.end].trim_start().starts_with(['“', '"', '«'])
            {
                push(out, o, i, mark.len_utf8(), 0, false);
                open = None;
            }
            line_start = i + 1;
            continue;
        }
        match (c, open) {
            ('“', None) => open = Some((i, c)),
            ('”', None) if mistyped_open => open = Some((i, c)),
            ('”', Some((o, '“' | '”'))) => {
                push(out, o, i + c.len_utf8(), '“'.len_utf8(), c.len_utf8(), false);
                open = None;
                last_end = i + c.len_utf8();
            }
            // “…," and “…,“ he said: the closing mark typed wrongly.
            ('"', Some((o, '“' | '”'))) | ('“', Some((o, '“' | '”')))
                if mistyped_close && (c == '"' || prev.is_some_and(|p| matches!(p, ',' | '.' | '!' | '?'))) =>
            {
                push(out, o, i + c.len_utf8(), '“'.len_utf8(), c.len_utf8(), false);
                open = None;
                last_end = i + c.len_utf8();
            }
            // A stray mark glued to the next word is no quotation: mojibake
            // of an apostrophe ("economists”™ projections") or a typo.
            ('”', None) if next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]—–-…’'".contains(n)) => {
                // Closing mark with no opener: the opener was lost; the quote
                // runs from the start of its sentence (never back over the
                // previous quotation or line).
                let s = sentences.partition_point(|s| s.range.end <= i);
                let sentence_start = sentences.get(s).map_or(para.start, |s| s.range.start.min(i));
                let from = line_start.max(last_end).max(sentence_start);
                let start = from + (text[from..i].len() - text[from..i].trim_start().len());
                push(out, start, i + c.len_utf8(), 0, c.len_utf8(), true);
                last_end = i + c.len_utf8();
            }
            ('"', None) if !prev.is_some_and(char::is_alphanumeric) => open = Some((i, c)),
            ('"', Some((o, '"'))) if !next.is_some_and(char::is_alphanumeric) => {
                push(out, o, i + 1, 1, 1, false);
                open = None;
            }
            // "…,” he said: a straight opening mark closed by a curly one.
            ('”', Some((o, '"'))) if mistyped_close => {
                push(out, o, i + c.len_utf8(), 1, c.len_utf8(), false);
                open = None;
                last_end = i + c.len_utf8();
            }
            ('«', None) => open = Some((i, c)),
            ('»', Some((o, '«'))) => {
                push(out, o, i + c.len_utf8(), '«'.len_utf8(), c.len_utf8(), false);
                open = None;
                last_end = i + c.len_utf8();
            }
            // A left mark typed for an apostrophe opens nothing: "Ishiba ‘s
            // government", "the ‘90s".
            ('‘', None)
                if !prev.is_some_and(char::is_alphanumeric)
                    && !next.is_some_and(|n| n.is_ascii_digit())
                    && !(next == Some('s')
                        && text[i + c.len_utf8()..].chars().nth(1).is_none_or(|a| !a.is_alphanumeric())) =>
            {
                open = Some((i, c))
            }
            ('’', Some((o, '‘'))) if !next.is_some_and(char::is_alphanumeric) => {
                push(out, o, i + c.len_utf8(), '‘'.len_utf8(), c.len_utf8(), false);
                open = None;
            }
            // British copy's straight single marks: 'We will pay,' she said.
            // An apostrophe never opens one (it follows a letter or is
            // followed by none) and closes one only before punctuation or
            // after a sentence's end, so "the workers' pay" inside runs on.
            ('\'', None)
                if prev.is_none_or(|p| p.is_whitespace() || p == '(') && next.is_some_and(char::is_alphabetic) =>
            {
                open = Some((i, c));
            }
            ('\'', Some((o, '\'')))
                if prev.is_some_and(|p| matches!(p, ',' | '.' | '!' | '?'))
                    || (prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(|n| matches!(n, ',' | '.' | ';' | ':' | '!' | '?'))) =>
            {
                push(out, o, i + 1, 1, 1, false);
                open = None;
            }
            _ => {}
        }
    }
    // A straight single mark left open is an apostrophe ('tis, rock 'n'
    // roll), not a quotation running on.
    if let Some((o, mark)) = open.filter(|&(_, mark)| mark != '\'') {
        push(out, o, para.end, mark.len_utf8(), 0, false);
    }
}

fn push(out: &mut Vec<Quotation>, start: usize, end: usize, open_len: usize, close_len: usize, open_missing: bool) {
    let inner = start + open_len..end.saturating_sub(close_len).max(start + open_len);
    if inner.end > inner.start {
        out.push(Quotation { range: start..end, inner, open_missing });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, 0).iter().map(|s| &text[s.range.clone()]).collect()
    }

    #[test]
    fn datelines_with_state_abbreviations_do_not_split() {
        assert_eq!(
            sentences(
                "HARTLEY, Pa. – The council voted on Friday. It met in Dover, Del., and in Salem, Ore. Then it left."
            ),
            [
                "HARTLEY, Pa. – The council voted on Friday.",
                "It met in Dover, Del., and in Salem, Ore.",
                "Then it left."
            ]
        );
    }

    #[test]
    fn abbreviations_initials_decimals_do_not_split() {
        assert_eq!(
            sentences(
                "Lt. Gen. Ben Hodges met Dr. Ana Ruiz in the U.S. on Sept. 5 at No. 10. Turnout was 3.5% higher. J. R. Hollis left."
            ),
            [
                "Lt. Gen. Ben Hodges met Dr. Ana Ruiz in the U.S. on Sept. 5 at No. 10.",
                "Turnout was 3.5% higher.",
                "J. R. Hollis left."
            ]
        );
        assert_eq!(sentences("He moved to the U.S. The talks ended."), ["He moved to the U.S.", "The talks ended."]);
        assert_eq!(sentences("Wait... what? Yes!"), ["Wait... what?", "Yes!"]);
        assert_eq!(sentences("It rose to 12,400 people. Then fell."), ["It rose to 12,400 people.", "Then fell."]);
        assert_eq!(
            sentences("Jobs rose 0.9k, below 25.0k. Full-time jobs fell."),
            ["Jobs rose 0.9k, below 25.0k.", "Full-time jobs fell."]
        );
    }

    #[test]
    fn headlines_bullets_and_quotes_end_sentences() {
        let text = "Talks Stall Over Guarantees\n- Ukraine seeks support\n- Europe hesitates\n“It is over,” she said. “We go home.” Then silence.\nThe line\ncontinues here.";
        assert_eq!(
            sentences(text),
            [
                "Talks Stall Over Guarantees",
                "- Ukraine seeks support",
                "- Europe hesitates",
                "“It is over,” she said.",
                "“We go home.”",
                "Then silence.",
                "The line\ncontinues here.",
            ]
        );
    }

    fn quotes(text: &str) -> Vec<(&str, bool)> {
        let s = split_sentences(text, 0);
        find_quotations(text, &s).iter().map(|q| (&text[q.range.clone()], q.open_missing)).collect()
    }

    #[test]
    fn quotations_curly_straight_spanning_and_missing_openers() {
        assert_eq!(quotes("“We will not. Never,” he said."), [("“We will not. Never,”", false)]);
        assert_eq!(quotes("She called it \"a disgrace\" and left."), [("\"a disgrace\"", false)]);
        assert_eq!(quotes("So we can hope it ends,” said Ana."), [("So we can hope it ends,”", true)]);
        assert_eq!(
            quotes("The ‘Coalition of the Willing’ met; Ukraine’s aid arrived."),
            [("‘Coalition of the Willing’", false)]
        );
        assert_eq!(
            quotes("“First paragraph\n\n“Second,” she said."),
            [("“First paragraph", false), ("“Second,”", false)]
        );
        assert_eq!(
            quotes("“Open line\nNext line, with end”."),
            [("“Open line", false), ("Next line, with end”", true)]
        );
        // A mark glued to the next word is mojibake or a typo, not a closing mark.
        assert_eq!(quotes("Payrolls beat economists”™ projections."), []);
    }

    #[test]
    fn a_left_mark_typed_for_an_apostrophe_opens_nothing() {
        assert_eq!(
            quotes("Prime Minister Ishiba ‘s government met. In the ‘90s it was ‘a long wait’ for all."),
            [("‘a long wait’", false)]
        );
    }

    #[test]
    fn straight_single_marks_quote_but_apostrophes_do_not() {
        assert_eq!(quotes("'We will pay every claim,' the board said."), [("'We will pay every claim,'", false)]);
        assert_eq!(
            quotes("The rise was 'due to the workers' overtime', the board said."),
            [("'due to the workers' overtime'", false)]
        );
        assert_eq!(quotes("It's the Smiths' boat, and rock 'n' roll is 'tis."), []);
        assert_eq!(quotes("'Open line that never closes\nNext line."), []);
    }

    #[test]
    fn quotation_marks_typed_wrongly_still_pair() {
        // A curly quotation closed by a straight mark, or by another opening one.
        assert_eq!(
            quotes("“We are sorry,\" Ada Brill said. “We will pay.”"),
            [("“We are sorry,\"", false), ("“We will pay.”", false)]
        );
        assert_eq!(quotes("“We will pay,“ he said."), [("“We will pay,“", false)]);
        // A straight quotation closed by a curly mark.
        assert_eq!(quotes("\"We will pay,” he said."), [("\"We will pay,”", false)]);
        // A closing mark typed to open, after a comma with no space.
        assert_eq!(quotes("Ada Brill said,”The yard stays open.”"), [("”The yard stays open.”", false)]);
        assert_eq!(quotes("”The yard stays open,“ he said."), [("”The yard stays open,“", false)]);
        // Straight marks inside a curly quotation that closes properly.
        assert_eq!(quotes("“He said \"no\" to me,” she said."), [("“He said \"no\" to me,”", false)]);
    }
}
