use std::path::Path;

use super::*;
use crate::registry::parse_registry_text;

fn lexicon(toml: &str) -> (Registry, Lexicon) {
    let load = parse_registry_text([(Path::new("actors.toml"), toml)]);
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    let lexicon = Lexicon::new(&load.registry);
    (load.registry, lexicon)
}

fn targets(lexicon: &Lexicon, registry: &Registry, text: &str) -> Vec<(String, FormKind)> {
    let Some(id) = lexicon.form_by_text(text) else { return Vec::new() };
    lexicon.form(id).targets.iter().map(|t| (registry.actor(t.actor).id.clone(), t.kind)).collect()
}

const REGISTRY: &str = r#"
[[actor]]
id = "olena-kovalenko"
name = "Olena Kovalenko"
variants = ["Olena Kovalenco"]
[[actor.roles]]
title = "Minister of Energy"
forms = ["Energy Minister"]

[[actor]]
id = "pavel-horak"
name = "Pavel Horak"

[[actor]]
id = "mira-horak"
name = "Mira Horak"

[[actor]]
id = "kovalenko-group"
name = "Kovalenko Group"
kind = "organization"
aliases = ["KG"]

[[actor]]
id = "ana-de-la-vega"
name = "Ana de la Vega"
aliases = ["Ана де ла Вега"]
"#;

#[test]
fn forms_are_derived_with_their_kinds() {
    let (registry, lexicon) = lexicon(REGISTRY);
    assert_eq!(targets(&lexicon, &registry, "Olena Kovalenko"), [("olena-kovalenko".into(), FormKind::Name)]);
    assert_eq!(targets(&lexicon, &registry, "Olena Kovalenco"), [("olena-kovalenko".into(), FormKind::Variant)]);
    assert_eq!(targets(&lexicon, &registry, "Kovalenko"), [("olena-kovalenko".into(), FormKind::Surname)]);
    assert_eq!(targets(&lexicon, &registry, "Kovalenco"), [("olena-kovalenko".into(), FormKind::VariantSurname)]);
    assert_eq!(targets(&lexicon, &registry, "KG"), [("kovalenko-group".into(), FormKind::Alias)]);
    assert_eq!(targets(&lexicon, &registry, "Group"), []);
    assert_eq!(targets(&lexicon, &registry, "de la Vega"), [("ana-de-la-vega".into(), FormKind::Surname)]);
    assert_eq!(targets(&lexicon, &registry, "De la Vega"), [("ana-de-la-vega".into(), FormKind::Surname)]);
    assert_eq!(targets(&lexicon, &registry, "Вега"), [("ana-de-la-vega".into(), FormKind::Surname)]);
}

#[test]
fn shared_surnames_are_ambiguous() {
    let (registry, lexicon) = lexicon(REGISTRY);
    let horak = lexicon.form(lexicon.form_by_text("Horak").unwrap());
    assert_eq!(horak.unique_actor(), None);
    let ids: Vec<&str> = horak.actors().iter().map(|&a| registry.actor(a).id.as_str()).collect();
    assert_eq!(ids, ["pavel-horak", "mira-horak"]);
}

#[test]
fn role_forms_and_name_tokens_are_indexed() {
    let (_, lexicon) = lexicon(REGISTRY);
    assert!(lexicon.is_role_form("energy minister"));
    assert!(!lexicon.is_role_form("Minister"));
    assert!(lexicon.near().contains("Olena"));
    assert!(!lexicon.near().contains("KG"), "organisation tokens are not person names");
    assert_eq!(lexicon.near().lookup("Kovalemko"), [("Kovalenko", 1)]);
    assert_eq!(lexicon.near().lookup("Kovalenkco"), [("Kovalenco", 1), ("Kovalenko", 1)]);
}
