use std::path::Path;

use super::*;
use crate::analysis::{Options, analyze, link_spellings};
use crate::article::{Article, Syntax};
use crate::lexicon::Lexicon;
use crate::registry::parse_registry_text;

const REGISTRY: &str = include_str!("../../../tests/fixtures/spellings_actors.toml");

fn setup() -> (crate::registry::Registry, Lexicon) {
    let load = parse_registry_text([(Path::new("actors.toml"), REGISTRY)]);
    assert!(!load.has_errors(), "{:?}", load.problems);
    let lexicon = Lexicon::new(&load.registry);
    (load.registry, lexicon)
}

/// (actor id, spelling, house) of an article, from the full analysis.
fn uses(text: &str) -> Vec<(String, String, bool, String)> {
    let (registry, lexicon) = setup();
    let article = Article::new(text, Syntax::Markdown);
    let analysis = analyze(&article, &registry, &lexicon, &Options::default());
    let full = analysis_spellings(text, &analysis, &registry);
    let (_, light) = link_spellings(&article, &registry, &lexicon, &Options::default());
    assert_eq!(full, light, "indexing and the full analysis agree");
    full.into_iter()
        .map(|u| (registry.actor(u.actor).id.clone(), u.spelling, u.house, text[u.range].to_string()))
        .collect()
}

fn row(id: &str, spelling: &str, house: bool, written: &str) -> (String, String, bool, String) {
    (id.to_string(), spelling.to_string(), house, written.to_string())
}

#[test]
fn titles_surnames_and_aliases_are_house_spellings() {
    let text = "Harbour Commissioner Hanne Sattler opened the quay. Sattler said Mirela Kostadinowa, \
                whom others call Mirela Kostadinova, agreed. The Velm Port Authority paid.";
    assert_eq!(
        uses(text),
        vec![
            row("hanne-sattler", "Sattler", true, "Sattler"),
            row("hanne-sattler", "Sattler", true, "Sattler"),
            row("mirela-kostadinova", "Kostadinowa", true, "Kostadinowa"),
            row("mirela-kostadinova", "Kostadinova", true, "Kostadinova"),
            row("velm-port-authority", "Velm Port Authority", true, "Velm Port Authority"),
        ]
    );
}

#[test]
fn variants_and_misspellings_are_not() {
    let text = "Hanne Satler opened the quay with the Velm Ports Authority. Later Hanne Sattlre spoke.";
    assert_eq!(
        uses(text),
        vec![
            row("hanne-sattler", "Satler", false, "Satler"),
            row("velm-port-authority", "Velm Ports Authority", false, "Velm Ports Authority"),
            row("hanne-sattler", "Sattlre", false, "Sattlre"),
        ]
    );
}

#[test]
fn a_misspelt_first_name_is_no_surname_spelling() {
    // The surname inside the misspelt name stays linked: two house spellings.
    let house = row("hanne-sattler", "Sattler", true, "Sattler");
    assert_eq!(uses("Hanne Sattler met Hanen Sattler."), vec![house.clone(), house]);
}

#[test]
fn a_suppressed_misspelling_counts_in_neither() {
    let text = "Hanne Sattler spoke.\n\n<!-- copydesk-disable-next-line misspelled-name -->\nHanne Sattlre left.\n";
    assert_eq!(uses(text), vec![row("hanne-sattler", "Sattler", true, "Sattler")]);
}

fn article(entries: &[(ActorIdx, &str, bool)]) -> ArticleSpellings {
    let uses: Vec<SpellingUse> = entries
        .iter()
        .map(|&(actor, spelling, house)| SpellingUse { actor, spelling: spelling.to_string(), house, range: 0..0 })
        .collect();
    ArticleSpellings::new(&uses)
}

#[test]
fn corpus_counts_articles_and_takes_them_back() {
    let a = article(&[(0, "Sattler", true), (0, "Sattler", true), (1, "Kostadinova", true)]);
    let b = article(&[(0, "Satler", false), (0, "Sattler", true)]);
    let c = article(&[(0, "Satler", false)]);
    assert_eq!(b.of(0).collect::<Vec<_>>(), vec![("Satler", false), ("Sattler", true)]);
    let mut corpus: CorpusSpellings<ActorIdx> = CorpusSpellings::default();
    for art in [&a, &b, &c] {
        corpus.add(art, |x| x);
    }
    let count = |articles, odd| SpellingCount { articles, odd };
    assert_eq!(
        split(corpus.of(&0).unwrap()),
        Some(vec![("Sattler".to_string(), count(2, 0)), ("Satler".to_string(), count(2, 2))])
    );
    assert_eq!(split(corpus.of(&1).unwrap()), None, "one spelling is no split");
    // A changed article: its old contribution is taken back, the new one added.
    corpus.remove(&c, |x| x);
    corpus.add(&article(&[(0, "Sattler", true)]), |x| x);
    assert_eq!(
        split(corpus.of(&0).unwrap()),
        Some(vec![("Sattler".to_string(), count(3, 0)), ("Satler".to_string(), count(1, 1))])
    );
    corpus.remove(&b, |x| x);
    assert_eq!(split(corpus.of(&0).unwrap()), None);
    assert_eq!(corpus.of(&0).unwrap().len(), 1, "a spelling no article uses is gone");
}

#[test]
fn house_spellings_only_are_no_split() {
    let mut corpus: CorpusSpellings<&str> = CorpusSpellings::default();
    corpus.add(&article(&[(1, "Kostadinova", true)]), |_| "m");
    corpus.add(&article(&[(1, "Kostadinowa", true)]), |_| "m");
    assert_eq!(split(corpus.of(&"m").unwrap()), None, "a registered transliteration is no split");
}

#[test]
fn spelling_keys() {
    assert_eq!(spelling_key("Volodymyr  Zelensky", ActorKind::Person), "Zelensky");
    assert_eq!(spelling_key("Velm  Port\nAuthority", ActorKind::Organization), "Velm Port Authority");
    assert_eq!(spelling_range(" Anna Łęcka ", ActorKind::Person), Some(6..13));
}
