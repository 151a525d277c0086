use std::path::Path;

use super::{is_near, lint};
use crate::registry::parse_registry_text;

fn findings(text: &str) -> Vec<(u32, u32, &'static str, String)> {
    let load = parse_registry_text([(Path::new("actors.toml"), text)]);
    assert!(!load.has_errors(), "{:?}", load.problems);
    lint(&load.registry, &[text]).into_iter().map(|p| (p.line, p.column, p.code.unwrap(), p.message)).collect()
}

#[test]
fn each_check_is_located_at_what_it_is_about() {
    let text = r#"[[actor]]
id = "mira-holt"
name = "Mira Holt"
wikidata = "Q990001"

[[actor.roles]]
title = "Mayor of Kharkiv"
forms = ["Mayor"]
from = "2020"
to = "2024"

[[actor.roles]]
title = "Mayor of Kharkiv"
forms = ["Mayor"]
from = "2023-06"

[[actor]]
id = "mira-holt-2"
name = "Míra Holtt"
aliases = ["Holt"]

[[actor]]
id = "theresa-may"
name = "Theresa Grey"
wikidata = "Q990001"
variants = ["Mira Holt"]

[[actor.roles]]
title = "Member of Parliament"
"#;
    let got = findings(text);
    let codes: Vec<(u32, u32, &str)> = got.iter().map(|(l, c, code, _)| (*l, *c, *code)).collect();
    assert_eq!(
        codes,
        [
            (13, 9, "overlapping-roles"),
            (19, 1, "near-duplicate-name"),
            (24, 8, "common-word-surname"),
            (25, 1, "duplicate-wikidata"),
            (26, 13, "claimed-twice"),
            (29, 9, "role-without-forms"),
        ]
    );
    assert_eq!(
        got[0].3,
        "`mira-holt` holds “Mayor of Kharkiv” twice at once (2020–2024 and 2023-06–); one person cannot, so fix the dates or remove one"
    );
    assert!(
        got[1]
            .3
            .starts_with("`mira-holt-2` (Míra Holtt) is named almost like `mira-holt` (Mira Holt, actors.toml:1:1)"),
        "{}",
        got[1].3
    );
    assert_eq!(
        got[4].3,
        "variant “Mira Holt” of `theresa-may` is the name of `mira-holt` (actors.toml:1:1); its mentions cannot be linked to one actor"
    );
}

#[test]
fn different_wikidata_ids_and_short_names_are_not_near_duplicates() {
    let text = "[[actor]]\nid = \"a\"\nname = \"Peter Novak\"\nwikidata = \"Q1\"\n\n[[actor]]\nid = \"b\"\nname = \"Peter Novák\"\nwikidata = \"Q2\"\n\n[[actor]]\nid = \"c\"\nname = \"Li Na\"\n\n[[actor]]\nid = \"d\"\nname = \"Li Xun\"\n";
    assert_eq!(findings(text), []);
}

#[test]
fn names_one_edit_apart() {
    assert!(is_near("anna kovac", "anna kovacs"));
    assert!(is_near("anna kovac", "anna kovic"));
    assert!(!is_near("anna kovac", "anna kocav"));
    assert!(!is_near("anna kovac", "hanna kovacs"));
}
