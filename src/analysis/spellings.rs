//! How each article spells each actor, and how a corpus does: the counts
//! behind `check`'s "spelling splits" and the language server's
//! `corpus-spelling` diagnostics, computed here once so that both agree.
//!
//! A *spelling* is what a mention writes of the name, compared by surname
//! for people ("Sattler" in "Dr Anna Sattler", "Sattler said") and by the
//! whole form for everything else. Titles are never part of it (a mention's
//! range is the name alone). A spelling is *house* style when it comes from
//! the registered name, an alias or their surnames (a transliteration
//! registered as an alias is house style); a registered variant or a
//! misspelling is not. An actor's spellings *split* when a corpus uses more
//! than one of them and at least one is not house style.
//!
//! [`CorpusSpellings`] counts articles per actor and spelling and can take
//! an article's contribution back, so a server replaces a file's
//! contribution when it changes instead of recounting the corpus.

use std::collections::BTreeMap;
use std::hash::Hash;
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::linking::Mention;
use crate::registry::{ActorIdx, ActorKind, Registry};

/// The id of the language server's diagnostic built on these counts (not
/// a rule of `check`: it needs the whole workspace; `check --statistics`
/// reports the same splits as a table).
pub const CORPUS_SPELLING: &str = "corpus-spelling";

/// What `copydesk explain corpus-spelling` prints.
pub const EXPLANATION: &str = "\
## What it reports
In the editor (the language server only): a name spelled other than as
house style (a registered variant, or a misspelling) while the other
articles of the workspace spell that actor the house way, with the counts:
\"Hanne Sattler is spelled ‘Satler’ here and in 3 other articles; ‘Sattler’,
the house spelling, in 41 articles\". Each article counts once per spelling;
open articles count as they are in the editor.

## What is a spelling
The surname for people, the whole name otherwise; titles are never part of
it. The registered name, its aliases (a registered transliteration too) and
their surnames are house style, so a title, a surname alone or an alias is
no split. A split within one article alone is left to `name-variant` and
`misspelled-name`.

## Fix
\"Spell it ‘Sattler’ (house spelling)\"; \"Show the N other articles
spelling ‘Satler’\" lists them. No diagnostic is shown while the workspace
is being indexed (the counts would be partial).

## Level
Information. Set it in the editor's settings (`rules`: `\"corpus-spelling\":
\"hint\"`, or `\"off\"`); `copydesk.toml` does not configure it.
";

/// The spelling of a mention written `written` of an actor of `kind`: the
/// last word for people ("Zelensky" in "Volodymyr Zelensky"), the whole
/// form (white space folded) for everything else.
pub fn spelling_key(written: &str, kind: ActorKind) -> String {
    spelling_range(written, kind)
        .map_or_else(String::new, |r| written[r].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Where in `written` its spelling is: the last word for people, the
/// whole form without surrounding white space otherwise.
fn spelling_range(written: &str, kind: ActorKind) -> Option<Range<usize>> {
    let trimmed_end = written.trim_end().len();
    let trimmed_start = written.len() - written.trim_start().len();
    if trimmed_start >= trimmed_end {
        return None;
    }
    let start = match kind {
        ActorKind::Person => written[..trimmed_end]
            .rfind(char::is_whitespace)
            .map_or(trimmed_start, |i| i + written[i..].chars().next().map_or(1, char::len_utf8)),
        _ => trimmed_start,
    };
    Some(start..trimmed_end)
}

/// One spelling of an actor in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpellingUse {
    /// The actor.
    pub actor: ActorIdx,
    /// The spelling ([`spelling_key`]).
    pub spelling: String,
    /// Whether it is house style.
    pub house: bool,
    /// The bytes of the article that spell it (the surname of a person's
    /// full name, the whole name otherwise).
    pub range: Range<usize>,
}

/// Every spelling of a registered actor in one article, in text order:
/// its linked mentions (house style unless the form is a variant), then
/// its misspellings (`misspellings`: the range and actor of each
/// `misspelled-name` finding). A misspelt first name whose surname is the
/// house one ("Vladmir Putin") is no spelling of the surname: it is left
/// out, so it cannot make the house surname look odd.
pub fn spelling_uses(
    text: &str,
    mentions: &[Mention],
    misspellings: impl IntoIterator<Item = (Range<usize>, ActorIdx)>,
    registry: &Registry,
) -> Vec<SpellingUse> {
    let mut uses = Vec::new();
    let at = |range: &Range<usize>, actor: ActorIdx, house: bool| {
        let kind = registry.actor(actor).kind;
        let written = &text[range.clone()];
        let inner = spelling_range(written, kind)?;
        let spelling = spelling_key(written, kind);
        Some(SpellingUse { actor, spelling, house, range: range.start + inner.start..range.start + inner.end })
    };
    for mention in mentions {
        let Some(actor) = mention.actor else { continue };
        uses.extend(at(&mention.range, actor, mention.kind.is_house_style()));
    }
    for (range, actor) in misspellings {
        let Some(found) = at(&range, actor, false) else { continue };
        let house_keys = house_spellings(registry, actor);
        if !house_keys.contains(&found.spelling) {
            uses.push(found);
        }
    }
    uses
}

/// [`spelling_uses`] of a full analysis: its mentions and its
/// `misspelled-name` findings (after suppressions and rule levels).
pub fn analysis_spellings(text: &str, analysis: &super::Analysis, registry: &Registry) -> Vec<SpellingUse> {
    let misspellings = analysis
        .findings
        .iter()
        .filter(|f| f.rule == MISSPELLED_NAME)
        .filter_map(|f| Some((f.range.clone(), f.actor?)));
    spelling_uses(text, &analysis.mentions, misspellings, registry)
}

/// The rule whose findings are misspellings.
pub(crate) const MISSPELLED_NAME: &str = "misspelled-name";

/// The spellings of an actor's registered name and aliases.
pub fn house_spellings(registry: &Registry, actor: ActorIdx) -> Vec<String> {
    let actor = registry.actor(actor);
    std::iter::once(&actor.name).chain(&actor.aliases).map(|form| spelling_key(form, actor.kind)).collect()
}

/// What one article contributes to the corpus counts: per actor, each
/// distinct spelling once, with whether it is house style in this article
/// (a spelling used both ways counts as not house style). Sorted by actor,
/// then spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleSpellings(Vec<(ActorIdx, Box<str>, bool)>);

impl ArticleSpellings {
    /// Collapses an article's uses to its contribution.
    pub fn new(uses: &[SpellingUse]) -> ArticleSpellings {
        let mut map: BTreeMap<(ActorIdx, &str), bool> = BTreeMap::new();
        for u in uses {
            *map.entry((u.actor, u.spelling.as_str())).or_insert(u.house) &= u.house;
        }
        ArticleSpellings(map.into_iter().map(|((a, s), h)| (a, Box::from(s), h)).collect())
    }

    /// (actor, spelling, house style) in actor then spelling order.
    pub fn iter(&self) -> impl Iterator<Item = (ActorIdx, &str, bool)> + '_ {
        self.0.iter().map(|(a, s, h)| (*a, &**s, *h))
    }

    /// The entries of one actor.
    pub fn of(&self, actor: ActorIdx) -> impl Iterator<Item = (&str, bool)> + '_ {
        let start = self.0.partition_point(|e| e.0 < actor);
        self.0[start..].iter().take_while(move |e| e.0 == actor).map(|(_, s, h)| (&**s, *h))
    }

    /// Whether the article names no actor.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Articles using one spelling, and how many of them use it other than as
/// house style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpellingCount {
    /// Articles using the spelling.
    pub articles: usize,
    /// Of those, articles where it is not house style.
    pub odd: usize,
}

impl SpellingCount {
    /// Whether the spelling is house style in every article using it.
    pub fn is_house(self) -> bool {
        self.odd == 0
    }
}

/// Per actor (keyed by `K`: an index within one registry version, or an
/// id across several), per spelling, the articles using it.
#[derive(Clone, Debug)]
pub struct CorpusSpellings<K> {
    counts: FxHashMap<K, BTreeMap<Box<str>, SpellingCount>>,
}

impl<K> Default for CorpusSpellings<K> {
    fn default() -> Self {
        CorpusSpellings { counts: FxHashMap::default() }
    }
}

/// An actor's spellings in a corpus, house style first, then by articles
/// (most first), then alphabetically.
pub type Split = Vec<(String, SpellingCount)>;

impl<K: Hash + Eq + Clone> CorpusSpellings<K> {
    /// Adds one article's spellings, each actor keyed by `key`.
    pub fn add(&mut self, article: &ArticleSpellings, key: impl Fn(ActorIdx) -> K) {
        self.add_where(article, key, |_| true);
    }

    /// [`CorpusSpellings::add`] of the actors `only` accepts.
    pub fn add_where(
        &mut self,
        article: &ArticleSpellings,
        key: impl Fn(ActorIdx) -> K,
        only: impl Fn(ActorIdx) -> bool,
    ) {
        for (actor, spelling, house) in article.iter().filter(|e| only(e.0)) {
            let slot = self.counts.entry(key(actor)).or_default().entry(Box::from(spelling)).or_default();
            slot.articles += 1;
            slot.odd += usize::from(!house);
        }
    }

    /// Takes back what [`CorpusSpellings::add`] added for `article`.
    pub fn remove(&mut self, article: &ArticleSpellings, key: impl Fn(ActorIdx) -> K) {
        self.remove_where(article, key, |_| true);
    }

    /// The counts of one actor, replacing any it had.
    pub fn set(&mut self, key: K, counts: BTreeMap<Box<str>, SpellingCount>) {
        self.counts.insert(key, counts);
    }

    /// [`CorpusSpellings::remove`] of the actors `only` accepts.
    pub fn remove_where(
        &mut self,
        article: &ArticleSpellings,
        key: impl Fn(ActorIdx) -> K,
        only: impl Fn(ActorIdx) -> bool,
    ) {
        for (actor, spelling, house) in article.iter().filter(|e| only(e.0)) {
            let k = key(actor);
            let Some(spellings) = self.counts.get_mut(&k) else { continue };
            if let Some(slot) = spellings.get_mut(spelling) {
                slot.articles = slot.articles.saturating_sub(1);
                slot.odd = slot.odd.saturating_sub(usize::from(!house));
                if slot.articles == 0 {
                    spellings.remove(spelling);
                }
            }
            if spellings.is_empty() {
                self.counts.remove(&k);
            }
        }
    }

    /// The counts of one actor's spellings.
    pub fn of(&self, key: &K) -> Option<&BTreeMap<Box<str>, SpellingCount>> {
        self.counts.get(key)
    }

    /// Every actor and its spellings, in no particular order.
    pub fn into_actors(self) -> impl Iterator<Item = (K, BTreeMap<Box<str>, SpellingCount>)> {
        self.counts.into_iter()
    }
}

/// The spellings in `counts` ordered as a split is shown, or `None` when
/// they do not split (one spelling only, or all house style).
pub fn split(counts: &BTreeMap<Box<str>, SpellingCount>) -> Option<Split> {
    let live = counts.values().filter(|c| c.articles > 0).count();
    if live < 2 || counts.values().all(|c| c.articles == 0 || c.is_house()) {
        return None;
    }
    let mut list: Split = counts.iter().filter(|(_, c)| c.articles > 0).map(|(s, c)| (s.to_string(), *c)).collect();
    list.sort_by(|a, b| b.1.is_house().cmp(&a.1.is_house()).then(b.1.articles.cmp(&a.1.articles)).then(a.0.cmp(&b.0)));
    Some(list)
}

#[cfg(test)]
mod tests;
