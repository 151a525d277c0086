//! Surname matches that are not the person: a surname that is also a common
//! word where a capital letter proves nothing ("Still, analysts said";
//! "the Alliance for Reason and Justice"), and a surname that is somebody
//! else's first name ("analyst Scott Devitt" when only Bob Scott is
//! registered).
//!
//! Decided once per article, right after linking, for both the full
//! analysis and workspace indexing, so the two link exactly alike.

use rustc_hash::FxHashMap;

use super::lists::{NON_PERSON_HEADS, is_not_name_word, is_title_word_lowercase};
use crate::lexicon::Lexicon;
use crate::linking::{HONORIFICS, Mention};
use crate::registry::ActorIdx;
use crate::text::tokens::{Token, is_capitalized, same_name_neighbours};
use crate::text::wordlists::{is_common_word, is_given_name};

/// Removes from `mentions` the bare surnames that are not the person.
///
/// - A surname that is also a given name, right before another capitalised
///   word that is neither a mention, a title, a common word nor a calendar
///   word, is the first name of someone unregistered ("Scott Devitt").
/// - A surname that is a common English word (see
///   [`crate::lexicon::Form::common_word`]) is dropped at the start of a
///   sentence or quotation and inside a run of capitalised words (an
///   organisation's name), unless one of its bearers was named in full
///   earlier in the article.
///
/// A surname with a title before it ("Gov. Justice") always stays.
pub fn drop_doubtful_surnames(prose: &str, tokens: &[Token], mentions: &mut Vec<Mention>, lexicon: &Lexicon) {
    let mut named: FxHashMap<ActorIdx, usize> = FxHashMap::default();
    // Named by a name of two words or more ("Manchester City", not "City").
    let mut named_in_words: FxHashMap<ActorIdx, usize> = FxHashMap::default();
    for m in mentions.iter().filter(|m| m.kind.is_full()) {
        if let Some(actor) = m.actor {
            named.entry(actor).or_insert(m.range.end);
            if prose[m.range.clone()].contains(char::is_whitespace) {
                named_in_words.entry(actor).or_insert(m.range.end);
            }
        }
    }
    let cx = Cx { prose, tokens, mentions, lexicon };
    let mut remove = Vec::new();
    let mut t = 0;
    for (i, m) in mentions.iter().enumerate() {
        while t < tokens.len() && tokens[t].range.start < m.range.start {
            t += 1;
        }
        if !m.is_surname() && m.prefix.is_empty() && m.title.is_none() && cx.word_of_another_name(t, m, &named_in_words)
        {
            remove.push(i);
            continue;
        }
        if !m.is_surname() || !m.prefix.is_empty() || m.title.is_some() {
            continue;
        }
        // Only one-word surnames that are a token of their own.
        if tokens.get(t).is_none_or(|tok| tok.range != m.range) {
            continue;
        }
        if cx.first_name_of_someone_else(t) {
            remove.push(i);
            continue;
        }
        let named_before = m.actor.is_some_and(|a| named.get(&a).is_some_and(|end| *end <= m.range.start));
        if lexicon.form(m.form).common_word && !named_before && (cx.opens_sentence(t) || cx.inside_capitalised_run(t)) {
            remove.push(i);
        }
    }
    if !remove.is_empty() {
        let mut index = 0;
        mentions.retain(|_| {
            index += 1;
            remove.binary_search(&(index - 1)).is_err()
        });
    }
}

/// Removes from `mentions` a person's name that names something else: a
/// place or body named after the person ("Gani Fawehinmi Park", "Lewis
/// Hamilton Circuit": a head of `data/non_person_heads.txt` right after or
/// ending the capitalised words after, "Duncan Stewart Asset Management"),
/// a saint's ("St Mary's church"), a registered surname after another given
/// name ("Gopal Krishna Gandhi" when Sonia Gandhi is registered), or a part
/// of a hyphenated compound of capitalised words ("the Hamilton-Burlington
/// area"), which is a place or another person's double-barrelled name.
pub fn drop_names_of_other_things(prose: &str, mentions: &mut Vec<Mention>, registry: &crate::registry::Registry) {
    // Mentions are in text order: a neighbour joined by a hyphen is the
    // mention just before or after ("the Trump-Putin summit" names two
    // registered people, who both stay).
    let joined: Vec<bool> = (0..mentions.len())
        .map(|i| {
            let before = i > 0 && mentions[i - 1].range.end + 1 == mentions[i].range.start;
            let after = mentions.get(i + 1).is_some_and(|next| mentions[i].range.end + 1 == next.range.start);
            before || after
        })
        .collect();
    let mut index = 0;
    mentions.retain(|m| {
        index += 1;
        let person = m.actor.is_some_and(|a| registry.actor(a).kind == crate::registry::ActorKind::Person);
        !(person && names_something_else(prose, &m.range, joined[index - 1]))
    });
}

/// Whether the words around `range` make the name there part of another
/// name (see [`drop_names_of_other_things`]).
fn names_something_else(prose: &str, range: &std::ops::Range<usize>, joined_to_a_mention: bool) -> bool {
    let after = crate::text::head(prose, range.end, 48);
    let before = crate::text::tail(prose, range.start, 40);
    let capital_after = |rest: &str| rest.chars().next().is_some_and(char::is_uppercase);
    // A body's head right after, or ending the capitalised words after
    // ("Duncan Stewart Asset Management", "the Ogie Campaign Council").
    let head_after = after.strip_prefix(' ').is_some_and(|rest| {
        rest.split(' ')
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .take_while(|w| w.starts_with(char::is_uppercase))
            .take(3)
            .any(|w| NON_PERSON_HEADS.contains(&w))
    });
    // "Gopal Krishna Gandhi": a registered surname after another given
    // name is another person's name.
    let given_before = before.strip_suffix(' ').and_then(|b| b.rsplit([' ', '\n']).next()).is_some_and(|w| {
        w.starts_with(char::is_uppercase)
            && is_given_name(w)
            && !is_not_name_word(w)
            && !is_title_word_lowercase(&w.to_lowercase())
            && !HONORIFICS.contains(&w)
    }) && !prose[range.clone()].contains(' ');
    // ("Baker St. Morgan said": a street's abbreviation ends a sentence.)
    let saint = before.ends_with("St ") || before.ends_with("Saint ");
    let hyphen_after = after.strip_prefix('-').is_some_and(capital_after);
    // "Anti-Trump", "Pro-Putin": a prefix, not another name.
    let prefix_before = before.strip_suffix('-').and_then(|b| b.rsplit(|c: char| !c.is_alphabetic()).next());
    let hyphen_before =
        prefix_before.is_some_and(|w| capital_after(w) && !HYPHEN_PREFIXES.contains(&w.to_lowercase().as_str()));
    head_after || saint || given_before || (!joined_to_a_mention && (hyphen_after || hyphen_before))
}

/// Prefixes joined to a name by a hyphen ("Anti-Trump", "Pro-Putin",
/// "Ex-Morgan"): the name is still the person's.
const HYPHEN_PREFIXES: [&str; 9] = ["anti", "pro", "ex", "non", "post", "pre", "neo", "pan", "mid"];

/// Whether a word starting at `start` opens a sentence, a line or a
/// quotation, where a capital letter proves nothing.
pub(super) fn opens_sentence(prose: &str, start: usize) -> bool {
    let before = crate::text::tail(prose, start, 16);
    let before = before.trim_end_matches([' ', '\t', '*', '_', '#', '>']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '\n' | '.' | '!' | '?' | ':' | ';' | '“' | '"' | '‘' | '«' | '(' | '—' | '–'),
    }
}

struct Cx<'a> {
    prose: &'a str,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    lexicon: &'a Lexicon,
}

impl Cx<'_> {
    fn word(&self, k: usize) -> &str {
        self.tokens[k].text(self.prose)
    }

    /// Whether tokens `k` and `k + 1` are adjacent words of one name.
    fn adjacent(&self, k: usize) -> bool {
        same_name_neighbours(self.prose, &self.tokens[k], &self.tokens[k + 1])
    }

    fn is_mention(&self, k: usize) -> bool {
        let start = self.tokens[k].range.start;
        let i = self.mentions.partition_point(|m| m.range.end <= start);
        self.mentions.get(i).is_some_and(|m| m.range.start <= start)
    }

    /// A capitalised word that could be part of a name or an organisation's
    /// name, and is not a registered mention.
    fn capitalised_other(&self, k: usize) -> bool {
        let w = self.word(k);
        is_capitalized(w) && w.chars().skip(1).any(char::is_lowercase) && !is_not_name_word(w) && !self.is_mention(k)
    }

    fn is_title(&self, k: usize) -> bool {
        let w = self.word(k);
        let lower = w.to_lowercase();
        HONORIFICS.contains(&w) || is_title_word_lowercase(&lower) || self.lexicon.is_role_form_lowercase(&lower)
    }

    /// Whether mention `m`, a one-word name or alias that is a common word
    /// ("City", "Sky") at token `t`, is a word of another name: next to a
    /// capitalised word that is no title ("Sky Sports", "New York City"),
    /// unless its actor was named in full earlier in the article.
    fn word_of_another_name(&self, t: usize, m: &Mention, named: &FxHashMap<ActorIdx, usize>) -> bool {
        if self.tokens.get(t).is_none_or(|tok| tok.range != m.range) || !is_common_word(self.word(t)) {
            return false;
        }
        if m.actor.is_some_and(|a| named.get(&a).is_some_and(|end| *end <= m.range.start)) {
            return false;
        }
        let capitalised_word = |k: usize| {
            let w = self.word(k);
            is_capitalized(w) && w.chars().skip(1).any(char::is_lowercase) && !self.is_title(k)
        };
        let after = t + 1 < self.tokens.len() && self.adjacent(t) && capitalised_word(t + 1) && !self.is_mention(t + 1);
        let before = t > 0
            && self.adjacent(t - 1)
            && capitalised_word(t - 1)
            && !opens_sentence(self.prose, self.tokens[t - 1].range.start);
        after || before
    }

    /// Token `t` (a surname) is followed by a capitalised word that can only
    /// be a surname: it is somebody else's first name.
    fn first_name_of_someone_else(&self, t: usize) -> bool {
        // Only a surname that is also a given name ("Scott"): two surnames
        // side by side ("the Biden Harris ticket") are not one name.
        if t + 1 >= self.tokens.len()
            || !is_given_name(self.word(t))
            || !self.adjacent(t)
            || !self.capitalised_other(t + 1)
        {
            return false;
        }
        let next = self.word(t + 1);
        !self.is_title(t + 1) && !is_common_word(next) && !NON_PERSON_HEADS.contains(&next)
    }

    fn opens_sentence(&self, t: usize) -> bool {
        opens_sentence(self.prose, self.tokens[t].range.start)
    }

    /// Token `t` is part of a run of capitalised words ("Justice
    /// Department", "Alliance for Reason and Justice").
    fn inside_capitalised_run(&self, t: usize) -> bool {
        let linked = |k: usize| self.capitalised_other(k);
        if t + 1 < self.tokens.len() && self.adjacent(t) && linked(t + 1) {
            return true;
        }
        if t == 0 || !self.adjacent(t - 1) {
            return false;
        }
        if linked(t - 1) {
            return true;
        }
        let connector = matches!(self.word(t - 1), "and" | "of" | "for" | "the" | "on");
        connector && t >= 2 && self.adjacent(t - 2) && linked(t - 2)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::analysis::link_mentions;
    use crate::article::{Article, Syntax};
    use crate::lexicon::Lexicon;
    use crate::registry::parse_registry_text;

    const REGISTRY: &str = r#"
[[actor]]
id = "nora-still"
name = "Nora Still"

[[actor]]
id = "owen-justice"
name = "Owen Justice"

[[actor]]
id = "lee-haldane"
name = "Lee Haldane"

[[actor]]
id = "ada-morgan"
name = "Ada Morgan"

[[actor]]
id = "harbour-city"
name = "Harbour City"
kind = "organization"
aliases = ["City"]

[[actor]]
id = "sky-television"
name = "Sky Television"
kind = "organization"
aliases = ["Sky"]

[[actor]]
id = "new-york"
name = "New York"
kind = "place"
"#;

    /// The linked texts of `text`, with their actor ids.
    fn linked(text: &str) -> Vec<(String, String)> {
        let load = parse_registry_text([(Path::new("actors.toml"), REGISTRY)]);
        let lexicon = Lexicon::new(&load.registry);
        let article = Article::new(text, Syntax::Markdown);
        link_mentions(&article, &load.registry, &lexicon)
            .iter()
            .map(|m| (text[m.range.clone()].to_string(), load.registry.actor(m.actor.unwrap()).id.clone()))
            .collect()
    }

    #[test]
    fn common_word_surnames_at_sentence_starts_are_words() {
        assert!(linked("Shares fell. Still, traders bought the dip.").is_empty());
        assert!(linked("“Justice has been served,” the prosecutor said.").is_empty());
        assert!(linked("Still the market rose.").is_empty());
    }

    #[test]
    fn common_word_surnames_inside_organisation_names_are_words() {
        assert!(linked("She joined the Party for Freedom and Justice last year.").is_empty());
        assert!(linked("The officials at the Justice Ministry declined to comment.").is_empty());
    }

    #[test]
    fn a_common_word_surname_stays_linked_after_the_full_name() {
        let text = "Nora Still spoke first. Still, who chairs the panel, said more.";
        let still = |who: &str| (who.to_string(), "nora-still".to_string());
        assert_eq!(linked(text), [still("Nora Still"), still("Still")]);
        // Mid-sentence, where the capital letter is the evidence.
        assert_eq!(linked("The panel heard from Justice on Monday."), [("Justice".into(), "owen-justice".into())]);
    }

    #[test]
    fn a_surname_before_another_surname_is_someone_elses_first_name() {
        assert!(linked("said analyst Morgan Pryce of the bank.").is_empty());
        // Not a given name: two surnames side by side.
        assert_eq!(linked("the Haldane Pryce plan"), [("Haldane".into(), "lee-haldane".into())]);
        // A common word, a title or a month after it does not make a name.
        assert_eq!(linked("the plan Morgan Backed"), [("Morgan".into(), "ada-morgan".into())]);
        let haldane = ("Haldane".to_string(), "lee-haldane".to_string());
        assert_eq!(linked("the plan Haldane Backed in March"), [haldane.clone()]);
        assert_eq!(linked("then Haldane Tuesday said no"), [haldane.clone()]);
        assert_eq!(linked("as Haldane Minister of State said"), [haldane]);
    }

    #[test]
    fn a_common_word_alias_next_to_a_capitalised_word_is_a_word_of_another_name() {
        let new_york = ("New York".to_string(), "new-york".to_string());
        assert_eq!(linked("Researchers in New York City found it."), [new_york]);
        assert!(linked("the striker told Sky Sports after the game.").is_empty());
        // Alone, at a sentence start, before a title, or after the full name.
        let city = |t: &str| (t.to_string(), "harbour-city".to_string());
        assert_eq!(linked("City won again. Yesterday City lost."), [city("City"), city("City")]);
        assert_eq!(linked("said City CEO Ana Ruiz."), [city("City")]);
        assert_eq!(linked("Harbour City won. Fans of City Park cheered."), [city("Harbour City"), city("City")]);
        assert_eq!(linked("Fans watched on Sky."), [("Sky".to_string(), "sky-television".to_string())]);
    }

    #[test]
    fn a_persons_name_inside_the_name_of_a_place_or_another_person() {
        let ada = |text: &str| (text.to_string(), "ada-morgan".to_string());
        // Named in full first, so her surname alone would be linked.
        let named = "Ada Morgan spoke. Crowds went to Ada Morgan Park, St Morgan's church, the Morgan-Lee school \
                     and the Burke-Morgan estate.";
        assert_eq!(linked(named), [ada("Ada Morgan")]);
        // Two registered people joined by a hyphen, a prefix, and a street's
        // abbreviation ending a sentence leave the person linked.
        let lee = |text: &str| (text.to_string(), "lee-haldane".to_string());
        assert_eq!(
            linked("Ada Morgan met Lee Haldane. The Morgan-Haldane talks ended. Anti-Morgan protesters left."),
            [ada("Ada Morgan"), lee("Lee Haldane"), ada("Morgan"), lee("Haldane"), ada("Morgan")]
        );
        assert_eq!(linked("Ada Morgan lives on Baker St. Morgan said no."), [ada("Ada Morgan"), ada("Morgan")]);
        // Her name opening a firm's or a campaign's ("Ada Morgan Asset
        // Management", "the Morgan Campaign Management Council"), and her
        // surname after another given name, are someone else's.
        assert_eq!(
            linked(
                "Ada Morgan spoke. Ada Morgan Asset Management and the Morgan Campaign Management Council \
                    replied, as did Peter Morgan."
            ),
            [ada("Ada Morgan")]
        );
        // The person herself, and a compound that is no name, stay linked.
        assert_eq!(
            linked("Ada Morgan spoke at the park. The Morgan-backed plan passed."),
            [ada("Ada Morgan"), ada("Morgan")]
        );
    }
}
