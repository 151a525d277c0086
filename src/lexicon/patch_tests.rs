//! A lexicon patched from an earlier version's automaton equals a whole
//! build of the new version: for random edits (actors added, removed,
//! renamed, aliases, variants and roles changed, a house-style term toggled)
//! the same forms and indexes, the same matches, and the same analysis
//! (mentions, links, findings, name suggestions) of articles that mention
//! edited and unedited actors, including after a second edit on the patch.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

use super::{Lexicon, Matcher};
use crate::analysis::{Options, analyze};
use crate::article::Article;
use crate::registry::{Registry, parse_registry_text};

const FIRST: &[&str] = &["Ana", "Anna", "Olena", "Pavel", "José", "Lee", "Ana Maria"];
const LAST: &[&str] = &["Ruiz", "Ruiz Diaz", "Kovalenko", "Horák", "Núñez-Ortega", "Still", "Diaz"];
const ORGS: &[&str] = &["Harbour Board", "Port Board", "Board", "Harbour", "Ruiz Foundation", "Harbour Board Trust"];
const ALIASES: &[&str] = &["the Board", "Ana", "Kovalenko", "Ruiz Diaz", "ABC", "Harbour Board Trust", "Ana Ruiz"];
const VARIANTS: &[&str] = &["Olena Kovalenco", "Jose Nunez", "Ana Ruis", "Anna Ruiz Dias", "Harbor Board"];
const ROLES: &[&str] = &["Energy Minister", "Mayor", "Chair", "Board Chair"];
const FILLER: &[&str] =
    &["said", ".", ",", "the", "\n\n", "Ruizes", "’s", "met", "Mr", "former", "Kovalenkko", "Horak"];

/// One generated actor.
#[derive(Clone, Debug)]
struct Spec {
    name: String,
    person: bool,
    aliases: Vec<&'static str>,
    variants: Vec<&'static str>,
    role: Option<&'static str>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let pick = |list: &'static [&'static str]| prop::sample::select(list.to_vec());
    (
        any::<bool>(),
        pick(FIRST),
        pick(LAST),
        pick(ORGS),
        prop::collection::vec(pick(ALIASES), 0..3),
        prop::collection::vec(pick(VARIANTS), 0..2),
        prop::option::of(pick(ROLES)),
    )
        .prop_map(|(person, first, last, org, aliases, variants, role)| Spec {
            name: if person { format!("{first} {last}") } else { org.to_string() },
            person,
            aliases,
            variants,
            role,
        })
}

/// An edit of the actor list: `op` picks add, remove, rename, new aliases
/// and variants, or a new role; `at` where; `with` the new values.
#[derive(Clone, Debug)]
struct Edit {
    op: u8,
    at: usize,
    with: Spec,
}

fn edit() -> impl Strategy<Value = Edit> {
    (0u8..5, any::<usize>(), spec()).prop_map(|(op, at, with)| Edit { op, at, with })
}

fn apply(actors: &[Spec], edits: &[Edit]) -> Vec<Spec> {
    let mut actors = actors.to_vec();
    for e in edits {
        let at = e.at % actors.len().max(1);
        match e.op {
            0 => actors.insert(at.min(actors.len()), e.with.clone()),
            1 if actors.len() > 1 => {
                actors.remove(at);
            }
            2 if !actors.is_empty() => actors[at].name = e.with.name.clone(),
            3 if !actors.is_empty() => {
                actors[at].aliases = e.with.aliases.clone();
                actors[at].variants = e.with.variants.clone();
            }
            _ if !actors.is_empty() => actors[at].role = e.with.role,
            _ => actors.push(e.with.clone()),
        }
    }
    actors
}

/// The registry of `actors` (ids by position, so an actor keeps its id
/// only while nothing before it is added or removed) and, with `term`, a
/// house-style term whose spellings overlap actors' forms.
fn registry(actors: &[Spec], term: bool) -> Registry {
    let mut toml = String::new();
    if term {
        toml.push_str(
            "[[term]]\nuse = \"Harbour Board\"\navoid = [\"Harbor Board\", \"harbour board\", \"Board\"]\n\n",
        );
    }
    for (i, a) in actors.iter().enumerate() {
        let variants: Vec<&str> =
            a.variants.iter().copied().filter(|v| *v != a.name && !a.aliases.contains(v)).collect();
        toml.push_str(&format!(
            "[[actor]]\nid = \"a{i}\"\nname = \"{}\"\nkind = \"{}\"\naliases = {:?}\nvariants = {:?}\n",
            a.name,
            if a.person { "person" } else { "organization" },
            a.aliases,
            variants
        ));
        if let Some(role) = a.role {
            toml.push_str(&format!("[[actor.roles]]\ntitle = \"{role} of Testland\"\nforms = [\"{role}\"]\n"));
        }
        toml.push('\n');
    }
    let load = parse_registry_text([(Path::new("actors.toml"), toml.as_str())]);
    assert!(!load.has_errors(), "{:?}\n{toml}", load.problems);
    load.registry
}

fn article() -> impl Strategy<Value = String> {
    let pool: Vec<&str> = [FIRST, LAST, ORGS, ALIASES, VARIANTS, ROLES, FILLER].concat();
    prop::collection::vec(prop::sample::select(pool), 0..40)
        .prop_map(|words| format!("---\ndate: 2026-01-05\n---\n{}\n", words.join(" ")))
}

/// Everything a lexicon gives analysis, compared between a whole build and
/// a patched one of the same registry.
fn same(registry: &Registry, whole: &Lexicon, patched: &Lexicon, articles: &[String]) -> Result<(), TestCaseError> {
    prop_assert_eq!(whole.matcher.is_some(), patched.matcher.is_some());
    prop_assert_eq!(&whole.forms, &patched.forms);
    prop_assert_eq!(&whole.term_patterns, &patched.term_patterns);
    prop_assert_eq!(&whole.by_text, &patched.by_text);
    prop_assert_eq!(&whole.role_forms, &patched.role_forms);
    prop_assert_eq!(&whole.folded, &patched.folded);
    let options = Options::default();
    for text in articles {
        if let (Some(w), Some(p)) = (&whole.matcher, &patched.matcher) {
            prop_assert_eq!(w.matches(text, |_, _| true), p.matches(text, |_, _| true), "raw matches in {:?}", text);
        }
        let article = Article::for_path(Path::new("a.md"), text);
        let (w, p) = (analyze(&article, registry, whole, &options), analyze(&article, registry, patched, &options));
        prop_assert_eq!(&w.mentions, &p.mentions, "mentions in {:?}", text);
        prop_assert_eq!(&w.findings, &p.findings, "findings in {:?}", text);
        prop_assert_eq!(&w.unknown_people, &p.unknown_people);
        for word in text.split(' ') {
            prop_assert_eq!(whole.near().lookup(word), patched.near().lookup(word));
        }
    }
    Ok(())
}

fn runner() -> TestRunner {
    let config = Config { cases: 200, failure_persistence: None, ..Config::default() };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[16; 32]))
}

#[test]
fn a_patched_lexicon_equals_a_whole_build_after_random_edits() {
    let case = (
        prop::collection::vec(spec(), 1..10),
        any::<bool>(),
        prop::collection::vec(edit(), 1..4),
        any::<bool>(),
        prop::collection::vec(edit(), 1..3),
        prop::collection::vec(article(), 1..4),
    );
    let result = runner().run(&case, |(actors, term, edits, term_after, more, articles)| {
        let before = registry(&actors, term);
        let edited = apply(&actors, &edits);
        let after = registry(&edited, term_after);
        let base = Lexicon::new(&before);
        let patched = Lexicon::updated_always(&after, &base);
        same(&after, &Lexicon::new(&after), &patched, &articles)?;
        // A second edit, patched on the patch (the server's base may still
        // be patched when the next edit comes).
        let again = registry(&apply(&edited, &more), term);
        same(&again, &Lexicon::new(&again), &Lexicon::updated_always(&again, &patched), &articles)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The case the design must get right: a longer form that is gone
/// ("Ana Ruiz Diaz") hides, in the earlier automaton, a shorter one that
/// still exists ("Ana Ruiz"); and a form that is new is longer than one the
/// earlier automaton finds ("Harbour Board Trust" over "Harbour Board").
#[test]
fn a_masked_longer_form_gives_way_to_the_shorter_one() {
    let spec = |name: &str, aliases: Vec<&'static str>| Spec {
        name: name.into(),
        person: !name.contains("Harbour"),
        aliases,
        variants: Vec::new(),
        role: None,
    };
    let before =
        registry(&[spec("Ana Ruiz Diaz", vec![]), spec("Ana Ruiz", vec![]), spec("Harbour Board", vec![])], false);
    let after = registry(&[spec("Ana Ruiz", vec![]), spec("Harbour Board", vec!["Harbour Board Trust"])], false);
    let patched = Lexicon::updated_always(&after, &Lexicon::new(&before));
    assert!(patched.is_patched());
    let text = "Ana Ruiz Diaz met the Harbour Board Trust.";
    let whole = Lexicon::new(&after);
    let found = |l: &Lexicon| l.matcher().unwrap().matches(text, |_, _| true);
    assert_eq!(found(&patched), found(&whole));
    let texts: Vec<&str> = found(&patched).iter().map(|&(s, e, _)| &text[s..e]).collect();
    assert_eq!(texts, ["Ana Ruiz", "Harbour Board Trust"]);
}

/// An edit that changes no pattern (a role, here) shares the earlier
/// automaton as the whole one: nothing patched, nothing to rebuild.
#[test]
fn an_edit_of_roles_only_shares_the_earlier_automaton_whole() {
    let mut actors = vec![Spec {
        name: "Olena Kovalenko".into(),
        person: true,
        aliases: vec!["Ana Ruiz"],
        variants: vec!["Olena Kovalenco"],
        role: None,
    }];
    let base = Lexicon::new(&registry(&actors, true));
    actors[0].role = Some("Mayor");
    let after = registry(&actors, true);
    let updated = Lexicon::updated(&after, &base);
    assert!(!updated.is_patched());
    let (Some(Matcher::Whole(shared)), Some(Matcher::Whole(earlier))) = (&updated.matcher, &base.matcher) else {
        panic!("both whole");
    };
    assert!(std::sync::Arc::ptr_eq(shared, earlier));
    let text = "---\ndate: 2026-01-05\n---\nMayor Olena Kovalenco met the Harbor Board.\n";
    same(&after, &Lexicon::new(&after), &updated, &[text.to_string()]).unwrap();
    assert!(updated.is_role_form("Mayor"));
}

/// A registry edit of a large share of the patterns builds a whole
/// automaton; a small one patches.
#[test]
fn only_a_small_edit_is_patched() {
    let person = |i: usize| Spec {
        name: format!("{} {}", FIRST[i % FIRST.len()], ["Vance", "Okafor", "Lindqvist", "Moreau"][i % 4]),
        person: true,
        aliases: Vec::new(),
        variants: Vec::new(),
        role: None,
    };
    let mut actors: Vec<Spec> = (0..40).map(person).collect();
    actors.iter_mut().enumerate().for_each(|(i, a)| a.name = format!("{} {i}x", a.name));
    let base = Lexicon::new(&registry(&actors, false));
    let mut one = actors.clone();
    one[3].name = "Pavel Horák".into();
    assert!(Lexicon::updated(&registry(&one, false), &base).is_patched());
    let all: Vec<Spec> = actors.iter().map(|a| Spec { name: format!("{}y", a.name), ..a.clone() }).collect();
    assert!(!Lexicon::updated(&registry(&all, false), &base).is_patched());
}
