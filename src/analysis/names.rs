//! Names that are not (exactly) registered: near-misses of registered names
//! and unregistered people recognised by context.
//!
//! Several rules need the same view of these names, and must not report the
//! same words twice (a misspelt registered name is not also an unknown
//! person), so it is computed once per analysis.

use std::ops::Range;

use super::lists::{NAME_PARTICLES, is_not_name_word, is_plural_title_lowercase, is_title_word_lowercase};
use crate::article::Article;
use crate::lexicon::{FormId, FormKind, FormTarget, Lexicon, surname_of};
use crate::linking::{HONORIFICS, Mention};
use crate::registry::{ActorIdx, ActorKind, Registry};
use crate::text::tokens::{Token, is_capitalized, same_name_neighbours};

/// Unregistered text within a small edit distance of a registered name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NearMiss {
    /// Byte range of the misspelt name (one or more words).
    pub range: Range<usize>,
    /// The actor it most likely names.
    pub actor: ActorIdx,
    /// The registered spelling to use instead.
    pub suggestion: String,
    /// Whether it is a lone surname (recognised after a full mention).
    pub lone_surname: bool,
    /// Whether it has the registered name's letters, written differently:
    /// without diacritics, a hyphen or a particle's case.
    pub variant: bool,
}

/// An unregistered person's name, recognised by its context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// Byte range of the name.
    pub range: Range<usize>,
    /// The name with normalised spacing.
    pub name: String,
    /// The title or description seen beside it.
    pub role: Option<String>,
    /// Whether this is the first time the article names this person.
    pub first: bool,
}

/// Near-misses and unknown names of one article.
#[derive(Clone, Debug, Default)]
pub struct NameAnalysis {
    /// Misspellings of registered names, in text order.
    pub near_misses: Vec<NearMiss>,
    /// Unregistered people, in text order.
    pub unknown: Vec<UnknownName>,
    /// Byte ranges of lines that read as headlines.
    pub headlines: Vec<Range<usize>>,
    /// Where the first two adjacent capitalised name-like words end: the
    /// earliest point after which "she said" can refer to a named person.
    pub first_name_pair_end: Option<usize>,
}

impl NameAnalysis {
    /// The near-miss overlapping `range`, if any (near-misses are sorted
    /// and disjoint, so this is a binary search).
    pub fn near_miss_at(&self, range: &Range<usize>) -> Option<&NearMiss> {
        let i = self.near_misses.partition_point(|n| n.range.end <= range.start);
        self.near_misses.get(i).filter(|n| n.range.start < range.end)
    }

    /// Whether `offset` lies on a headline line.
    pub fn in_headline(&self, offset: usize) -> bool {
        in_sorted_ranges(&self.headlines, offset)
    }
}

/// Whether `range` lies inside one of the (sorted, disjoint) near-misses.
pub(super) fn inside_near_miss(near_misses: &[NearMiss], range: &Range<usize>) -> bool {
    let i = near_misses.partition_point(|n| n.range.end <= range.start);
    near_misses.get(i).is_some_and(|n| n.range.start <= range.start && range.end <= n.range.end)
}

/// Whether `offset` is inside one of `ranges` (sorted, disjoint).
pub(super) fn in_sorted_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= offset);
    ranges.get(i).is_some_and(|r| r.start <= offset)
}

pub(super) struct Cx<'a> {
    pub(super) prose: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) mentions: &'a [Mention],
    /// For each token, the mention containing it.
    pub(super) mention_of: &'a [Option<usize>],
    pub(super) lexicon: &'a Lexicon,
    pub(super) registry: &'a Registry,
}

impl Cx<'_> {
    pub(super) fn word(&self, i: usize) -> &str {
        self.tokens[i].text(self.prose)
    }

    pub(super) fn adjacent(&self, i: usize) -> bool {
        same_name_neighbours(self.prose, &self.tokens[i], &self.tokens[i + 1])
    }
}

/// Computes the name analysis of an article.
///
/// A bare surname right after a capitalised first name the registry does not
/// know ("Kate Wallace" when only Ben Wallace is registered) names somebody
/// else: such mentions are removed from `mentions`, and the full name is
/// judged as an unregistered person instead. Surnames inside a near-miss
/// ("Vladmir Putin") stay linked.
///
/// `prose` is the article's prose as linked (its capitals lines recased, see
/// [`crate::text::caps`]); no unregistered person is recognised on the
/// `caps_lines`, where capitals prove nothing.
pub fn analyze_names(
    article: &Article,
    prose: &str,
    caps_lines: &[Range<usize>],
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    lexicon: &Lexicon,
    registry: &Registry,
) -> NameAnalysis {
    let index = mention_of(tokens, mentions);
    let (near_misses, foreign) = {
        let cx = Cx { prose, tokens, mentions, mention_of: &index, lexicon, registry };
        let near_misses = near_misses(&cx);
        let foreign = someone_elses_surnames(&cx, &near_misses);
        (near_misses, foreign)
    };
    let index = if foreign.is_empty() { index } else { remove_mentions(tokens, mentions, &foreign) };
    let cx = Cx { prose, tokens, mentions, mention_of: &index, lexicon, registry };
    let headlines = headline_lines(article);
    let unknown = super::people::unknown_names(&cx, &near_misses, &headlines, caps_lines);
    let first_name_pair_end = first_name_pair(&cx);
    NameAnalysis { near_misses, unknown, headlines, first_name_pair_end }
}

/// The end of the first pair of adjacent capitalised name-like words.
fn first_name_pair(cx: &Cx<'_>) -> Option<usize> {
    let name_word = |k: usize| {
        let w = cx.word(k);
        looks_like_name_word(w) && !is_not_name_word(w)
    };
    (0..cx.tokens.len().saturating_sub(1))
        .find(|&k| cx.adjacent(k) && name_word(k) && name_word(k + 1))
        .map(|k| cx.tokens[k + 1].range.end)
}

/// Removes from `mentions` the surnames that belong to someone else ("Kate
/// Wallace" when only Ben Wallace is registered), as [`analyze_names`]
/// does, without the rest of the name analysis: what indexing a workspace
/// needs. Near-misses are looked for only if a surname is in doubt.
pub fn drop_someone_elses_surnames(
    prose: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    lexicon: &Lexicon,
    registry: &Registry,
) {
    let index = mention_of(tokens, mentions);
    let foreign = {
        let cx = Cx { prose, tokens, mentions, mention_of: &index, lexicon, registry };
        let in_doubt = someone_elses_surnames(&cx, &[]);
        if in_doubt.is_empty() { in_doubt } else { someone_elses_surnames(&cx, &near_misses(&cx)) }
    };
    if !foreign.is_empty() {
        remove_mentions(tokens, mentions, &foreign);
    }
}

/// The surname mentions that follow an unregistered first name, outside
/// the near-misses (sorted indexes into the mentions).
fn someone_elses_surnames(cx: &Cx<'_>, near_misses: &[NearMiss]) -> Vec<usize> {
    (0..cx.mentions.len()).filter(|&m| is_someone_elses_surname(cx, m, near_misses)).collect()
}

/// Removes the mentions at the sorted indexes `remove`; returns the
/// token → mention index of what is left.
fn remove_mentions(tokens: &[Token], mentions: &mut Vec<Mention>, remove: &[usize]) -> Vec<Option<usize>> {
    let mut position = 0;
    mentions.retain(|_| {
        position += 1;
        remove.binary_search(&(position - 1)).is_err()
    });
    mention_of(tokens, mentions)
}

fn mention_of(tokens: &[Token], mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut mention_of = vec![None; tokens.len()];
    let mut m = 0;
    for (i, token) in tokens.iter().enumerate() {
        while m < mentions.len() && mentions[m].range.end <= token.range.start {
            m += 1;
        }
        if m < mentions.len() && mentions[m].range.start <= token.range.start {
            mention_of[i] = Some(m);
        }
    }
    mention_of
}

/// Whether surname mention `m` follows an unregistered first name.
fn is_someone_elses_surname(cx: &Cx<'_>, m: usize, near_misses: &[NearMiss]) -> bool {
    let mention = &cx.mentions[m];
    if !mention.is_surname() || inside_near_miss(near_misses, &mention.range) {
        return false;
    }
    // Tokens are sorted: the mention's first token is the first one at or
    // after its start.
    let first = cx.tokens.partition_point(|t| t.range.start < mention.range.start);
    if cx.mention_of.get(first) != Some(&Some(m)) {
        return false;
    }
    if first == 0 || !cx.adjacent(first - 1) || cx.mention_of[first - 1].is_some() {
        return false;
    }
    let before = cx.word(first - 1);
    looks_like_name_word(before)
        && !is_not_name_word(before)
        && !is_title_word(cx, first - 1)
        && before != cx.word(first)
}

pub(super) fn looks_like_name_word(word: &str) -> bool {
    is_capitalized(word) && word.chars().skip(1).any(char::is_lowercase)
}

fn near_misses(cx: &Cx<'_>) -> Vec<NearMiss> {
    let mut named = NamedInFull::new(cx.mentions);
    let mut found: Vec<NearMiss> = Vec::new();
    for i in 0..cx.tokens.len() {
        let whole = cx.word(i);
        if cx.mention_of[i].is_some()
            || !looks_like_name_word(whole)
            || found.last().is_some_and(|n| n.range.end > cx.tokens[i].range.start)
        {
            continue;
        }
        // "the Macon-backed coalition": the name before a hyphen, alone.
        let head = compound_head(whole);
        let word = head.unwrap_or(whole);
        if head.is_none()
            && let Some(miss) = super::near_forms::near_form(cx, &named, i)
        {
            push_near_miss(&mut found, &mut named, miss);
            continue;
        }
        if cx.lexicon.near().contains(word) {
            continue;
        }
        let range = cx.tokens[i].range.start..cx.tokens[i].range.start + word.len();
        for (candidate, _) in cx.lexicon.near().lookup(word) {
            let window = if head.is_some() { None } else { window_match(cx, i, candidate) };
            if let Some(miss) = window.or_else(|| lone_surname(cx, &named, i, range.clone(), candidate)) {
                push_near_miss(&mut found, &mut named, miss);
                break;
            }
        }
    }
    found
}

/// Adds `miss` to `found` (in text order: only its tail can overlap).
fn push_near_miss(found: &mut Vec<NearMiss>, named: &mut NamedInFull, miss: NearMiss) {
    while found.last().is_some_and(|n| n.range.end > miss.range.start) {
        found.pop();
    }
    // A misspelt full name names its person for the bare surname that
    // follows ("Martin Spill ... Spill said").
    if !miss.lone_surname {
        named.add(miss.range.end, miss.actor);
    }
    found.push(miss);
}

/// The capitalised word before the first hyphen of a compound whose other
/// parts are lowercase ("Macon" in "Macon-backed", "Sholz" in "Sholz-led").
fn compound_head(word: &str) -> Option<&str> {
    let (head, tail) = word.split_once(['-', '‐', '‑'])?;
    let lowercase_tail = tail.chars().all(|c| c.is_lowercase() || matches!(c, '-' | '‐' | '‑'));
    (lowercase_tail && looks_like_name_word(head)).then_some(head)
}

/// A registered full name made by replacing token `i` with `candidate`
/// within a window of two to four adjacent words around it.
fn window_match(cx: &Cx<'_>, i: usize, candidate: &str) -> Option<NearMiss> {
    for size in (2..=4).rev() {
        for offset in 0..size {
            let Some(start) = i.checked_sub(offset) else { continue };
            let end = start + size;
            if end > cx.tokens.len() || !(start..end - 1).all(|k| cx.adjacent(k)) {
                continue;
            }
            // A particle is compared in lowercase ("Bill De Blaiso").
            let words: Vec<String> = (start..end)
                .map(|k| match cx.word(k) {
                    _ if k == i => candidate.to_string(),
                    w if k > start && NAME_PARTICLES.contains(&w.to_lowercase().as_str()) => w.to_lowercase(),
                    w => w.to_string(),
                })
                .collect();
            if let Some(miss) = full_name_miss(cx, &words.join(" "), start..end) {
                return Some(miss);
            }
        }
    }
    None
}

/// The near-miss of tokens `tokens` if `text` is a registered full name of
/// exactly one person.
pub(super) fn full_name_miss(cx: &Cx<'_>, text: &str, tokens: Range<usize>) -> Option<NearMiss> {
    let form = cx.lexicon.form(cx.lexicon.form_by_text(text)?);
    let actor = form.unique_actor()?;
    let target = form.targets.iter().find(|t| t.actor == actor)?;
    if !target.kind.is_full() || cx.registry.actor(actor).kind != ActorKind::Person {
        return None;
    }
    let suggestion =
        if target.kind.is_house_style() { form.text.clone() } else { cx.registry.actor(actor).name.clone() };
    let range = cx.tokens[tokens.start].range.start..cx.tokens[tokens.end - 1].range.end;
    Some(NearMiss { range, actor, suggestion, lone_surname: false, variant: false })
}

/// Token `i` alone as a misspelling of `candidate`, the surname of an actor
/// the article has already named in full.
fn lone_surname(cx: &Cx<'_>, named: &NamedInFull, i: usize, range: Range<usize>, candidate: &str) -> Option<NearMiss> {
    let word = &cx.prose[range.clone()];
    if word.chars().next() != candidate.chars().next() || part_of_longer_name(cx, i) {
        return None;
    }
    named.lone_surname_of(cx, cx.lexicon.form_by_text(candidate)?, range)
}

/// The actors an article names, each with where it is first named: in full,
/// by an unambiguous surname, or by a misspelling of the full name. What a
/// lone surname is checked against.
pub(super) struct NamedInFull {
    /// (end of the first mention, actor), in text order.
    first: Vec<(usize, ActorIdx)>,
    /// (end of a misspelt full name, actor), in text order: found while
    /// the near-misses are, after `first` is complete.
    misspelt: Vec<(usize, ActorIdx)>,
    /// actor → end of the first text naming it.
    by_actor: rustc_hash::FxHashMap<ActorIdx, usize>,
}

impl NamedInFull {
    fn new(mentions: &[Mention]) -> NamedInFull {
        let mut by_actor = rustc_hash::FxHashMap::default();
        let mut first = Vec::new();
        for m in mentions {
            if let Some(actor) = m.actor
                && !by_actor.contains_key(&actor)
            {
                by_actor.insert(actor, m.range.end);
                first.push((m.range.end, actor));
            }
        }
        NamedInFull { first, misspelt: Vec::new(), by_actor }
    }

    /// Records a misspelt full name of `actor` ending at `end` (calls come
    /// in text order).
    fn add(&mut self, end: usize, actor: ActorIdx) {
        if self.by_actor.get(&actor).is_some_and(|known| *known <= end) {
            return;
        }
        self.by_actor.insert(actor, end);
        self.misspelt.push((end, actor));
    }

    /// `range` as a lone surname for `form_id`, a surname of someone named
    /// before it (the first such bearer in registry order).
    pub(super) fn lone_surname_of(&self, cx: &Cx<'_>, form_id: FormId, range: Range<usize>) -> Option<NearMiss> {
        let form = cx.lexicon.form(form_id);
        let target = self.first_bearer_before(form, range.start)?;
        let actor = cx.registry.actor(target.actor);
        let suggestion = surname_of(&actor.name).into_iter().next().unwrap_or_else(|| form.text.clone());
        Some(NearMiss { range, actor: target.actor, suggestion, lone_surname: true, variant: false })
    }

    /// The first (in registry order) of `form`'s surname bearers named
    /// before `start`. Walks whichever is shorter, the actors named so far
    /// or the form's bearers (in actor order, so the first hit is the
    /// least), so neither a long article nor a common surname costs a scan
    /// of the other.
    fn first_bearer_before<'f>(&self, form: &'f crate::lexicon::Form, start: usize) -> Option<&'f FormTarget> {
        let is_surname = |t: &&FormTarget| matches!(t.kind, FormKind::Surname | FormKind::VariantSurname);
        let before = |list: &'_ [(usize, ActorIdx)]| list.partition_point(|(end, _)| *end <= start);
        let named = self.first[..before(&self.first)].iter().chain(&self.misspelt[..before(&self.misspelt)]);
        if form.targets.len() <= before(&self.first) + before(&self.misspelt) {
            form.targets
                .iter()
                .filter(is_surname)
                .find(|t| self.by_actor.get(&t.actor).is_some_and(|end| *end <= start))
        } else {
            named.filter_map(|(_, actor)| form.targets_of(*actor).iter().find(is_surname)).min_by_key(|t| t.actor)
        }
    }
}

/// Whether token `i` has a capitalised name word right before or after it
/// ("Kate Wallach" is somebody else, not a misspelt "Wallace").
fn part_of_longer_name(cx: &Cx<'_>, i: usize) -> bool {
    let is_name = |k: usize| {
        let w = cx.word(k);
        looks_like_name_word(w) && !is_not_name_word(w) && !is_title_word(cx, k)
    };
    (i > 0 && cx.adjacent(i - 1) && is_name(i - 1)) || (i + 1 < cx.tokens.len() && cx.adjacent(i) && is_name(i + 1))
}

/// Lines that read as headlines: Markdown headings, and lines with no
/// closing punctuation whose longer words are mostly capitalised. A line
/// whose next line goes on in lowercase is a paragraph wrapped after a
/// name ("former Councilman Ben Ray\ndonated ..."), not a headline.
fn headline_lines(article: &Article) -> Vec<Range<usize>> {
    let text = article.prose();
    let lines = article.lines();
    let mut headlines = Vec::new();
    for line in 0..lines.line_count() {
        let range = lines.line_range(text, line);
        let content = text[range.clone()].trim();
        if content.is_empty() {
            continue;
        }
        let is_heading = content.starts_with('#');
        let open_ended = !content.ends_with(['.', '!', '?', ':', '"', '”', '’', ')', ';', ',']);
        let long_words: Vec<&str> =
            content.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
        let capitalised = long_words
            .iter()
            .filter(|w| {
                w.trim_start_matches(['*', '_', '“', '"', '‘', '\'']).chars().next().is_some_and(char::is_uppercase)
            })
            .count();
        let title_case = long_words.len() >= 2 && capitalised * 10 >= long_words.len() * 6;
        let wrapped = line + 1 < lines.line_count()
            && text[lines.line_range(text, line + 1)].trim_start().chars().next().is_some_and(char::is_lowercase);
        if is_heading || (open_ended && title_case && !wrapped) {
            headlines.push(range);
        }
    }
    headlines
}

/// Whether token `k` and the full stop after it are an abbreviated
/// honorific ("Gov.", "Dr.").
pub(super) fn is_abbreviated_title(cx: &Cx<'_>, k: usize) -> bool {
    cx.prose[cx.tokens[k].range.end..].starts_with('.') && HONORIFICS.contains(&format!("{}.", cx.word(k)).as_str())
}

/// Whether token `k` is a title word: an honorific, a title word (or its
/// plural) or a registered role form.
pub(super) fn is_title_word(cx: &Cx<'_>, k: usize) -> bool {
    let w = cx.word(k);
    let abbreviated = is_abbreviated_title(cx, k);
    // "Datuk Seri", "Tan Sri": the second word of a two-word honour.
    let honour = matches!(w, "Seri" | "Sri")
        && k > 0
        && cx.adjacent(k - 1)
        && matches!(cx.word(k - 1).trim_end_matches(['\'', '’']), "Datuk" | "Dato" | "Tan" | "Puan");
    if abbreviated || honour || HONORIFICS.contains(&w) {
        return true;
    }
    let lowercase = w.to_lowercase();
    is_title_word_lowercase(&lowercase)
        || is_plural_title_lowercase(&lowercase)
        || cx.lexicon.is_role_form_lowercase(&lowercase)
}
