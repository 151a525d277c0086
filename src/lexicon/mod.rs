//! Everything derived from one registry version that analysis needs to be
//! fast: the surface forms of every actor, one Aho-Corasick automaton over
//! all of them, the role forms that can stand before a name, and the index
//! of name tokens for finding misspellings.
//!
//! A [`Lexicon`] is built once per registry version and shared, read-only,
//! by every analysis (it is `Send + Sync`). Nothing here scans the registry
//! per article or per mention.

mod matcher;
mod near;
mod patch;
#[cfg(test)]
mod patch_tests;
mod stored;
mod surname;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

use crate::registry::{ActorIdx, ActorKind, Registry};
use crate::text::normalize::{fold_diacritics, normalize_form};
pub use matcher::Matcher;
pub use near::NearIndex;
pub use stored::{StoredError, split_section};
pub use surname::surname_of;

/// Index of a surface form in its [`Lexicon`].
pub type FormId = u32;

/// The multi-pattern automaton over every surface form: a double-array
/// Aho-Corasick automaton (daachorse), leftmost-longest, whose values are
/// [`FormId`]s. Chosen over the `aho-corasick` crate because it can be
/// saved and loaded in milliseconds (the compiled lexicon cache) and
/// searches faster; see BENCHMARKS.md for the figures.
pub type Automaton = DoubleArrayAhoCorasick<FormId>;

/// How a surface form relates to its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum FormKind {
    /// The house-style name.
    Name,
    /// An accepted alternative.
    Alias,
    /// A recognised spelling that is not house style.
    Variant,
    /// A person's surname, from the name or an alias.
    Surname,
    /// The surname of a variant, itself a variant ("Zelensky").
    VariantSurname,
}

impl FormKind {
    /// The name used in JSON output and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Name => "name",
            FormKind::Alias => "alias",
            FormKind::Variant => "variant",
            FormKind::Surname => "surname",
            FormKind::VariantSurname => "variant-surname",
        }
    }

    /// Whether the form is house style (a name, alias or their surname).
    pub fn is_house_style(self) -> bool {
        !matches!(self, FormKind::Variant | FormKind::VariantSurname)
    }

    /// Whether the form names the actor in full (not by surname alone).
    pub fn is_full(self) -> bool {
        matches!(self, FormKind::Name | FormKind::Alias | FormKind::Variant)
    }
}

/// One actor a surface form refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FormTarget {
    /// The actor.
    pub actor: ActorIdx,
    /// How the form relates to it.
    pub kind: FormKind,
}

/// A distinct surface form and the actors it may refer to.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Form {
    /// The form, normalised for matching.
    pub text: String,
    /// Its actors, in actor order; more than one actor makes the form
    /// ambiguous.
    pub targets: Vec<FormTarget>,
    /// Whether the form is a bare surname that is also a common English
    /// word ("Still", "Justice"): linked only where it cannot be the word.
    pub common_word: bool,
}

impl Form {
    /// The single actor the form names, if it names exactly one.
    pub fn unique_actor(&self) -> Option<ActorIdx> {
        let first = self.targets.first()?.actor;
        self.targets.iter().all(|t| t.actor == first).then_some(first)
    }

    /// The targets naming `actor`: a binary search, since a common surname
    /// in a large registry has thousands of targets and is met often.
    pub fn targets_of(&self, actor: ActorIdx) -> &[FormTarget] {
        let start = self.targets.partition_point(|t| t.actor < actor);
        let len = self.targets[start..].partition_point(|t| t.actor == actor);
        &self.targets[start..start + len]
    }

    /// The best (house-style first) kind by which the form names `actor`.
    pub fn kind_for(&self, actor: ActorIdx) -> Option<FormKind> {
        self.targets_of(actor).iter().map(|t| t.kind).min()
    }

    /// The distinct actors the form may refer to.
    pub fn actors(&self) -> Vec<ActorIdx> {
        let mut actors: Vec<ActorIdx> = self.targets.iter().map(|t| t.actor).collect();
        actors.dedup();
        actors
    }
}

/// A spelling of a house-style term to flag: an extra pattern of the
/// automaton, after the forms (pattern id = forms count + index).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TermPattern {
    /// Index of the term in [`Registry::terms`].
    pub term: u32,
    /// The spelling, normalised for matching.
    pub text: String,
}

/// Surface forms, automaton and indexes for one registry version.
pub struct Lexicon {
    forms: Vec<Form>,
    /// House-style term spellings, matched in the same automaton pass.
    term_patterns: Vec<TermPattern>,
    by_text: HashMap<String, FormId>,
    /// The automaton over forms and term spellings; `None` when there are none.
    matcher: Option<Matcher>,
    near: NearIndex,
    role_forms: HashMap<String, Vec<ActorIdx>>,
    /// Forms with diacritics, by their folded text ("Sevcikova").
    folded: HashMap<String, FormId>,
    /// The first words (before a space or hyphen, diacritics folded) of the
    /// forms with diacritics or hyphens: where a variant can start.
    variant_heads: rustc_hash::FxHashSet<String>,
}

impl Lexicon {
    /// Builds the lexicon of `registry`.
    pub fn new(registry: &Registry) -> Lexicon {
        Lexicon::build(registry, None)
    }

    /// Builds the lexicon of `registry`, a new version of the registry of
    /// `base`: the same lexicon [`Lexicon::new`] builds (the same forms,
    /// ids and indexes, the same matches), but reusing the automaton of
    /// `base` with a small second one for the patterns it lacks, when few
    /// changed (`patch.rs`); [`Lexicon::is_patched`] says whether it did.
    pub fn updated(registry: &Registry, base: &Lexicon) -> Lexicon {
        Lexicon::build(registry, Some((base, patch::WORTH_IT)))
    }

    /// [`Lexicon::updated`], patching however much changed (tests of the
    /// patch on registries so small that any edit is a large share).
    #[cfg(test)]
    pub(crate) fn updated_always(registry: &Registry, base: &Lexicon) -> Lexicon {
        Lexicon::build(registry, Some((base, 0)))
    }

    /// Builds the lexicon of `registry`; with a base and the share of
    /// changed patterns up to which to patch its automaton (1/n; 0:
    /// always).
    fn build(registry: &Registry, base: Option<(&Lexicon, usize)>) -> Lexicon {
        // Normalising every form and finding surnames is per actor work:
        // done on all cores, then merged in actor order.
        let per_actor: Vec<ActorForms> =
            crate::timing::timed("lexicon-actor-forms", || registry.actors().par_iter().map(ActorForms::of).collect());
        // The form table is one core's work in actor order; the role table
        // needs only the registry, so it is built on the other core.
        let ((mut forms, by_text), role_forms) =
            rayon::join(|| form_table(per_actor), || crate::timing::timed("lexicon-roles", || role_table(registry)));
        // Which bare surnames are also common words: once per form.
        forms.par_iter_mut().for_each(|form| {
            form.common_word = form.targets.first().is_some_and(|t| !t.kind.is_full())
                && !form.text.contains(' ')
                && crate::text::wordlists::is_common_word(&form.text);
        });
        let mut term_patterns = term_patterns(registry);
        // A term spelling that is also an actor's form matches as the form
        // (and the automaton takes each string once).
        term_patterns.retain(|t| !by_text.contains_key(&t.text));
        // The automaton is the long pole of a large registry; build the
        // deletion index and the folded forms on the other core meanwhile
        // (or, when the automaton is patched in a fraction of that time,
        // beside each other).
        let (matcher, (near, (folded, variant_heads))) = rayon::join(
            || {
                let _phase = crate::timing::Phase::start("lexicon-automaton");
                if forms.is_empty() && term_patterns.is_empty() {
                    return None;
                }
                let patched = base.and_then(|(base, share)| {
                    crate::timing::timed("lexicon-patch", || {
                        patch::patched_matcher(base, share, &forms, &term_patterns, &by_text)
                    })
                });
                if let Some(patched) = patched {
                    return Some(patched);
                }
                Some({
                    // Actor forms come first: an actor's form and a term's
                    // spelling that are the same string match as the form.
                    // Pattern values are their indexes: below the number of
                    // forms a FormId, at or above it a term pattern.
                    let patterns = forms.iter().map(|f| f.text.as_bytes());
                    let automaton = DoubleArrayAhoCorasickBuilder::new()
                        .match_kind(MatchKind::LeftmostLongest)
                        .build(patterns.chain(term_patterns.iter().map(|t| t.text.as_bytes())))
                        .expect("surface forms are non-empty and within the automaton's limits");
                    Matcher::Whole(std::sync::Arc::new(automaton))
                })
            },
            || {
                rayon::join(
                    || crate::timing::timed("lexicon-near-index", || near_index(registry, &forms)),
                    || crate::timing::timed("lexicon-folded", || folded_forms(&forms, &by_text)),
                )
            },
        );

        Lexicon { forms, term_patterns, by_text, matcher, near, role_forms, folded, variant_heads }
    }

    /// Whether the lexicon reuses an earlier version's automaton
    /// ([`Lexicon::updated`]); such a lexicon is not saved to the cache.
    pub fn is_patched(&self) -> bool {
        self.matcher.as_ref().is_some_and(Matcher::is_patched)
    }

    /// The number of automaton patterns: the forms, then the term spellings.
    fn pattern_count(&self) -> usize {
        self.forms.len() + self.term_patterns.len()
    }

    /// The text of automaton pattern `id`, if there is one.
    fn pattern_text(&self, id: u32) -> Option<&str> {
        match (id as usize).checked_sub(self.forms.len()) {
            None => Some(self.forms[id as usize].text.as_str()),
            Some(term) => self.term_patterns.get(term).map(|t| t.text.as_str()),
        }
    }

    /// The term spelling of automaton pattern `pattern`, if it is one
    /// (patterns below the number of forms are [`FormId`]s).
    pub fn term_pattern(&self, pattern: u32) -> Option<&TermPattern> {
        (pattern as usize).checked_sub(self.forms.len()).and_then(|i| self.term_patterns.get(i))
    }

    /// The form with id `id`.
    pub fn form(&self, id: FormId) -> &Form {
        &self.forms[id as usize]
    }

    /// All forms.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// The form written exactly as `text` (normalised), if registered.
    pub fn form_by_text(&self, text: &str) -> Option<FormId> {
        self.by_text.get(text).copied()
    }

    /// The form with diacritics or inner apostrophes that `plain` (written
    /// without them) folds from, if `plain` is not itself a form.
    pub fn form_by_folded(&self, plain: &str) -> Option<FormId> {
        self.folded.get(plain).copied()
    }

    /// Whether a form written without its diacritics or hyphens can start
    /// with `word` ("Olga", "Jacob", "Rees").
    pub fn may_start_variant(&self, word: &str) -> bool {
        self.variant_heads.contains(word)
    }

    /// The matcher over all forms and term spellings, pattern values
    /// being [`FormId`]s (then term patterns); `None` for an empty registry.
    pub fn matcher(&self) -> Option<&Matcher> {
        self.matcher.as_ref()
    }

    /// The index of capitalised tokens of person forms, for misspellings.
    pub fn near(&self) -> &NearIndex {
        &self.near
    }

    /// Whether `phrase` (any case) is a role form of some registered actor.
    pub fn is_role_form(&self, phrase: &str) -> bool {
        self.is_role_form_lowercase(&phrase.to_lowercase())
    }

    /// [`Lexicon::is_role_form`] for a phrase already lowercased.
    pub fn is_role_form_lowercase(&self, lowercase: &str) -> bool {
        self.role_forms.contains_key(lowercase)
    }
}

/// The form table of the actors' forms (in actor order): every distinct
/// form with its targets, ids by first occurrence, and the lookup by text.
fn form_table(mut per_actor: Vec<ActorForms>) -> (Vec<Form>, HashMap<String, FormId>) {
    let _phase = crate::timing::Phase::start("lexicon-form-table");
    // Sized up front: growing the tables of a million forms rehashed
    // them several times over. About half of the (text, actor) pairs
    // are distinct forms in generated and real registries alike (a
    // surname shared, a name that is also an alias).
    let pairs = per_actor.iter().map(|f| f.full.len() + f.surnames.len()).sum::<usize>();
    let mut builder = FormsBuilder {
        forms: Vec::with_capacity(pairs / 2),
        by_text: HashMap::with_capacity_and_hasher(pairs / 2, Default::default()),
    };
    for (idx, forms) in per_actor.iter_mut().enumerate() {
        for (text, kind) in std::mem::take(&mut forms.full) {
            builder.add_normalized(text, idx as ActorIdx, kind);
        }
    }
    // Surnames come second so that a string that is some actor's full
    // form never also stands as another actor's bare surname.
    for (idx, forms) in per_actor.into_iter().enumerate() {
        for (text, kind) in forms.surnames {
            builder.add_surname(text, idx as ActorIdx, kind);
        }
    }
    (builder.forms, builder.by_text)
}

/// The actors holding each role form (lowercased), in actor order.
fn role_table(registry: &Registry) -> HashMap<String, Vec<ActorIdx>> {
    let mut role_forms: HashMap<String, Vec<ActorIdx>> = HashMap::default();
    for (idx, actor) in registry.actors().iter().enumerate() {
        for form in actor.roles.iter().flat_map(|r| &r.forms) {
            let holders = role_forms.entry(normalize_form(form).to_lowercase()).or_default();
            if holders.last() != Some(&(idx as ActorIdx)) {
                holders.push(idx as ActorIdx);
            }
        }
    }
    role_forms
}

/// The deletion index of the capitalised words of people's forms.
fn near_index(registry: &Registry, forms: &[Form]) -> NearIndex {
    // Whether each actor is a person, in one small table: looking the
    // kind up in the actors themselves was a cache miss per target.
    let person: Vec<bool> = registry.actors().par_iter().map(|a| a.kind == ActorKind::Person).collect();
    // The distinct words on all cores (the index sorts them: the order in
    // which they are found does not matter).
    let tokens = forms
        .par_iter()
        .filter(|form| form.targets.iter().any(|t| person[t.actor as usize]))
        .fold(rustc_hash::FxHashSet::default, |mut tokens, form| {
            tokens.extend(form.text.split(' ').filter(|t| crate::text::tokens::is_capitalized(t)));
            tokens
        })
        .reduce(rustc_hash::FxHashSet::default, |a, b| if a.len() < b.len() { merged(b, a) } else { merged(a, b) });
    NearIndex::new(tokens)
}

/// `small`'s words added to `large`.
fn merged<'a>(
    mut large: rustc_hash::FxHashSet<&'a str>,
    small: rustc_hash::FxHashSet<&'a str>,
) -> rustc_hash::FxHashSet<&'a str> {
    large.extend(small);
    large
}

/// `text` written without its diacritics and without the apostrophes inside
/// its words ("Nicholas Ng'ang'a" → "Nicholas Nganga", as much of the
/// press prints it); "O'Brien" keeps its apostrophe after a lone capital,
/// which nobody drops.
fn fold_name_marks(text: &str) -> std::borrow::Cow<'_, str> {
    let folded = fold_diacritics(text);
    // Most of a million forms have no apostrophe: no characters to gather.
    if !folded.contains(['\'', '’', 'ʼ']) {
        return folded;
    }
    let chars: Vec<char> = folded.chars().collect();
    let inner = |k: usize| {
        matches!(chars[k], '\'' | '’' | 'ʼ')
            && k >= 2
            && chars[k - 1].is_alphabetic()
            && chars[k - 2].is_alphabetic()
            && chars.get(k + 1).is_some_and(|c| c.is_lowercase())
    };
    if !(0..chars.len()).any(inner) {
        return folded;
    }
    let plain: String = (0..chars.len()).filter(|&k| !inner(k)).map(|k| chars[k]).collect();
    std::borrow::Cow::Owned(plain)
}

/// The forms with diacritics or apostrophes inside their words, by their
/// folded text ([`fold_name_marks`]; the first form of a
/// folded text wins; none that is itself a form), and the first words of
/// those and of the hyphenated forms. Folding a million forms is done on
/// all cores; the tables are then filled in form order.
fn folded_forms(
    forms: &[Form],
    by_text: &HashMap<String, FormId>,
) -> (HashMap<String, FormId>, rustc_hash::FxHashSet<String>) {
    let found: Vec<(FormId, Option<String>, bool)> = forms
        .par_iter()
        .enumerate()
        .filter_map(|(id, form)| {
            let plain = match fold_name_marks(&form.text) {
                std::borrow::Cow::Owned(plain) if !by_text.contains_key(&plain) => Some(plain),
                _ => None,
            };
            let hyphen = form.text.contains('-');
            (plain.is_some() || hyphen).then_some((id as FormId, plain, hyphen))
        })
        .collect();
    let mut folded = HashMap::default();
    let mut variant_heads = rustc_hash::FxHashSet::default();
    for (id, plain, hyphen) in found {
        if let Some(plain) = plain {
            variant_heads.insert(first_word(&plain).to_string());
            folded.entry(plain).or_insert(id);
        }
        if hyphen {
            variant_heads.insert(first_word(&forms[id as usize].text).to_string());
        }
    }
    (folded, variant_heads)
}

/// The spellings of the registry's terms to match: each avoided spelling,
/// and for a term matched in any case its lower-case, capitalised and
/// upper-case forms too (the automaton itself is case-sensitive); never the
/// term's own spelling.
fn term_patterns(registry: &Registry) -> Vec<TermPattern> {
    let mut patterns: Vec<TermPattern> = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    for (i, term) in registry.terms().iter().enumerate() {
        for spelling in &term.avoid {
            let text = normalize_form(spelling);
            let mut cases = vec![text.clone()];
            if term.ignore_case {
                let lower = text.to_lowercase();
                let mut chars = lower.chars();
                let capitalised: String =
                    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
                cases.extend([lower, capitalised, text.to_uppercase()]);
            }
            for case in cases {
                if case != term.preferred && seen.insert(case.clone()) {
                    patterns.push(TermPattern { term: i as u32, text: case });
                }
            }
        }
    }
    patterns
}

/// The text before the first space or hyphen.
fn first_word(text: &str) -> &str {
    text.split([' ', '-']).next().unwrap_or(text)
}

/// One actor's surface forms, normalised: full forms (name, aliases,
/// variants) and the surnames of people.
struct ActorForms {
    full: Vec<(String, FormKind)>,
    surnames: Vec<(String, FormKind)>,
}

impl ActorForms {
    fn of(actor: &crate::registry::Actor) -> ActorForms {
        let mut full = vec![(normalize_form(&actor.name), FormKind::Name)];
        full.extend(actor.aliases.iter().map(|a| (normalize_form(a), FormKind::Alias)));
        full.extend(actor.variants.iter().map(|v| (normalize_form(v), FormKind::Variant)));
        let mut surnames = Vec::new();
        if actor.kind == ActorKind::Person {
            for house in std::iter::once(&actor.name).chain(&actor.aliases) {
                surnames.extend(surname_of(house).iter().map(|s| (normalize_form(s), FormKind::Surname)));
            }
            for variant in &actor.variants {
                surnames.extend(surname_of(variant).iter().map(|s| (normalize_form(s), FormKind::VariantSurname)));
            }
        }
        ActorForms { full, surnames }
    }
}

#[derive(Default)]
struct FormsBuilder {
    forms: Vec<Form>,
    by_text: HashMap<String, FormId>,
}

/// Actors are added in index order, names, aliases and variants of all
/// actors first and surnames after: so an actor's targets of a form are
/// always its last ones, and a form holds either full forms only or
/// surnames only. The checks below rely on both, which keeps adding a
/// surname shared by a thousand actors linear rather than quadratic.
impl FormsBuilder {
    fn add_normalized(&mut self, text: String, actor: ActorIdx, kind: FormKind) {
        if text.is_empty() {
            return;
        }
        // One lookup: found, or made.
        let id = match self.by_text.entry(text) {
            std::collections::hash_map::Entry::Occupied(found) => *found.get(),
            std::collections::hash_map::Entry::Vacant(vacant) => {
                let id = self.forms.len() as FormId;
                self.forms.push(Form { text: vacant.key().clone(), targets: Vec::new(), common_word: false });
                vacant.insert(id);
                id
            }
        };
        self.add_target(id, actor, kind);
    }

    fn add_target(&mut self, id: FormId, actor: ActorIdx, kind: FormKind) {
        let targets = &mut self.forms[id as usize].targets;
        debug_assert!(targets.last().is_none_or(|t| t.actor <= actor), "targets stay in actor order");
        if !targets.iter().rev().take_while(|t| t.actor == actor).any(|t| t.kind == kind) {
            targets.push(FormTarget { actor, kind });
        }
    }

    fn add_surname(&mut self, text: String, actor: ActorIdx, kind: FormKind) {
        let Some(&id) = self.by_text.get(&text) else {
            return self.add_normalized(text, actor, kind);
        };
        let targets = &self.forms[id as usize].targets;
        if targets.first().is_some_and(|t| t.kind.is_full()) {
            return;
        }
        // The same actor's house surname wins over its variant surname.
        if targets.last().is_some_and(|t| t.actor == actor) {
            return;
        }
        self.add_target(id, actor, kind);
    }
}

#[cfg(test)]
mod tests;
