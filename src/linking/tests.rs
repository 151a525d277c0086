use std::path::Path;

use super::*;
use crate::registry::parse_registry_text;

const REGISTRY: &str = r#"
[[actor]]
id = "olena-kovalenko"
name = "Olena Kovalenko"
aliases = ["Олена Коваленко"]
variants = ["Olena Kovalenco"]
[[actor.roles]]
title = "Minister of Energy"
forms = ["Energy Minister", "Minister"]
from = "2021"
to = "2024"
[[actor.roles]]
title = "Prime Minister"
forms = ["Prime Minister", "Valdorian Prime Minister"]
from = "2025-01-01"

[[actor]]
id = "pavel-horak"
name = "Pavel Horak"

[[actor]]
id = "mira-horak"
name = "Mira Horak"

[[actor]]
id = "harbour-board"
name = "Harbour Board"
kind = "organization"
aliases = ["HB"]
"#;

struct Linked {
    text: String,
    registry: Registry,
    mentions: Vec<Mention>,
}

fn linked(text: &str) -> Linked {
    let load = parse_registry_text([(Path::new("a.toml"), REGISTRY)]);
    let lexicon = Lexicon::new(&load.registry);
    let mentions = link(text, &load.registry, &lexicon);
    Linked { text: text.to_string(), registry: load.registry, mentions }
}

impl Linked {
    fn summary(&self) -> Vec<(String, Option<String>, &'static str)> {
        self.mentions
            .iter()
            .map(|m| {
                let actor = m.actor.map(|a| self.registry.actor(a).id.clone());
                (self.text[m.range.clone()].to_string(), actor, m.kind.as_str())
            })
            .collect()
    }
}

#[test]
fn leftmost_longest_on_word_boundaries_with_possessives() {
    let l = linked("Olena Kovalenko’s plan: Kovalenko's aides, Kovalenkos and HBO met HB, not Olena Kovalenco.");
    assert_eq!(
        l.summary(),
        [
            ("Olena Kovalenko".into(), Some("olena-kovalenko".into()), "name"),
            ("Kovalenko".into(), Some("olena-kovalenko".into()), "surname"),
            ("HB".into(), Some("harbour-board".into()), "alias"),
            ("Olena Kovalenco".into(), Some("olena-kovalenko".into()), "variant"),
        ]
    );
}

#[test]
fn names_match_across_line_breaks_and_non_breaking_spaces_but_not_paragraphs() {
    let l = linked("— Olena\nKovalenko and Pavel\u{a0}Horak 👋, then Mira\n\nHorak.");
    let summary = l.summary();
    assert_eq!(summary[0].0, "Olena\nKovalenko");
    assert_eq!(summary[1].0, "Pavel\u{a0}Horak");
    assert_eq!(summary[2], ("Horak".into(), Some("pavel-horak".into()), "surname"));
    assert_eq!(summary.len(), 3);
}

#[test]
fn cyrillic_aliases_link() {
    let l = linked("«Олена Коваленко» заявила.");
    assert_eq!(l.summary(), [("Олена Коваленко".into(), Some("olena-kovalenko".into()), "alias")]);
}

#[test]
fn shared_surnames_resolve_to_the_latest_full_mention() {
    let l = linked("Horak spoke first. Mira Horak replied; Horak said no. Pavel Horak agreed, and Horak left.");
    let summary = l.summary();
    assert_eq!(summary[0].1, None);
    assert_eq!(l.mentions[0].actor, None);
    assert_eq!(summary[2].1.as_deref(), Some("mira-horak"));
    assert_eq!(summary[4].1.as_deref(), Some("pavel-horak"));
}

#[test]
fn titles_before_and_after_the_name() {
    let text = "former Energy Minister Olena Kovalenko; Valdorian Prime Minister Kovalenko; ex-Minister Kovalenko; \
                Vice Minister Kovalenko; Kovalenko, a former Energy Minister; Kovalenko, Valdoria’s prime minister; \
                Sir Pavel Horak; then-Minister Kovalenko";
    let l = linked(text);
    let titles: Vec<Option<(String, Option<Modifier>, Placement)>> = l
        .mentions
        .iter()
        .map(|m| {
            m.title.as_ref().map(|t| (text[t.form.clone()].to_string(), t.modifier.as_ref().map(|m| m.0), t.placement))
        })
        .collect();
    use Modifier::*;
    use Placement::*;
    assert_eq!(
        titles,
        [
            Some(("Energy Minister".into(), Some(Former), Before)),
            Some(("Valdorian Prime Minister".into(), None, Before)),
            Some(("Minister".into(), Some(Former), Before)),
            None,
            Some(("Energy Minister".into(), Some(Former), Apposition)),
            Some(("prime minister".into(), None, Apposition)),
            None,
            Some(("Minister".into(), Some(Then), Before)),
        ]
    );
    assert_eq!(&text[l.mentions[0].prefix.clone()], "former Energy Minister ");
    assert_eq!(&text[l.mentions[6].prefix.clone()], "Sir ");
}

#[test]
fn a_longest_match_that_is_not_a_whole_word_gives_way_to_shorter_and_later_ones() {
    // "Harbour Boards" is not "Harbour Board" (no whole-word end), but the
    // surname inside "XOlena Kovalenko" is a whole word, and "HB" inside
    // "HBO" is not; "Pavel Horakova" fails, and its "Pavel" is no form.
    let l = linked("Harbour Boards met XOlena Kovalenko, HBO, Pavel Horakova and Horak.");
    assert_eq!(
        l.summary(),
        [("Kovalenko".into(), Some("olena-kovalenko".into()), "surname"), ("Horak".into(), None, "surname"),]
    );
    // When the longest form at a place runs into a longer word, the longest
    // shorter form at the same place is taken.
    let registry = "[[actor]]\nid = \"pa\"\nname = \"Port Authority\"\nkind = \"organization\"\n\n\
                    [[actor]]\nid = \"pap\"\nname = \"Port Authority Police\"\nkind = \"organization\"\n";
    let load = parse_registry_text([(Path::new("a.toml"), registry)]);
    let lexicon = Lexicon::new(&load.registry);
    let text = "Port Authority Policemen and the Port Authority Police met.";
    let found: Vec<(&str, &str)> = link(text, &load.registry, &lexicon)
        .iter()
        .map(|m| (&text[m.range.clone()], load.registry.actor(m.actor.unwrap()).id.as_str()))
        .collect();
    assert_eq!(found, [("Port Authority", "pa"), ("Port Authority Police", "pap")]);
}
