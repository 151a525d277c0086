use std::path::Path;

use super::*;
use crate::registry::ActorKind;

fn load(path: &str, text: &str) -> RegistryLoad {
    parse_registry_text([(Path::new(path), text)])
}

fn messages(load: &RegistryLoad) -> Vec<String> {
    load.problems.iter().map(ToString::to_string).collect()
}

const GOOD: &str = r#"# People.
[[actor]]
id = "olena-kovalenko"
name = "Olena Kovalenko"
variants = ["Olena Kovalenco", "Kovalenco"]
wikidata = "Q1"

[[actor.roles]]
title = "Minister of Energy"
forms = ["Energy Minister", "Minister"]
from = "2021-03"
to = "2024"

[[actor]]
id = "harbour-board"
name = "Harbour Board"
kind = "organization"
aliases = ["the Board"]
"#;

#[test]
fn a_valid_file_loads_every_field() {
    let load = load("actors.toml", GOOD);
    assert_eq!(messages(&load), Vec::<String>::new());
    let registry = &load.registry;
    assert_eq!(registry.len(), 2);
    let olena = registry.actor(registry.by_id("olena-kovalenko").unwrap());
    assert_eq!(olena.name, "Olena Kovalenko");
    assert_eq!(olena.kind, ActorKind::Person);
    assert_eq!(olena.variants, ["Olena Kovalenco", "Kovalenco"]);
    assert_eq!(olena.roles[0].forms, ["Energy Minister", "Minister"]);
    assert_eq!(olena.roles[0].to.unwrap().to_string(), "2024");
    assert!(GOOD[olena.origin.span.clone()].starts_with("[[actor]]\nid = \"olena-kovalenko\""));
    let board = registry.actor(registry.by_id("harbour-board").unwrap());
    assert_eq!(board.kind, ActorKind::Organization);
    assert!(GOOD[olena.origin.span.clone()].ends_with("to = \"2024\""));
    assert_eq!(
        &GOOD[board.origin.span.clone()],
        "[[actor]]\nid = \"harbour-board\"\nname = \"Harbour Board\"\nkind = \"organization\"\naliases = [\"the Board\"]"
    );
}

#[test]
fn each_registry_error_names_its_line_and_column() {
    let text = r#"[[actor]]
id = "Bad_Id"
name = "A B"

[[actor]]
id = "x"
name = "X Y"
kind = "robot"
variants = ["X Y"]
wikidata = "12"

[[actor.roles]]
title = "Chair"
from = "2020-02-30"

[[actor.roles]]
title = "Vice Chair"
from = "2021"
to = "2019"

[[actor]]
id = "x"
name = "Another X"
"#;
    assert_eq!(
        messages(&load("reg.toml", text)),
        [
            "reg.toml:2:6: error: actor id `Bad_Id` must use only lowercase letters, digits and hyphens",
            "reg.toml:8:8: error: unknown kind `robot`, expected person, organization, group or place",
            "reg.toml:9:13: error: variant `X Y` is the actor's house name; remove it from `variants`",
            "reg.toml:10:12: error: wikidata id `12` must look like Q123",
            "reg.toml:14:8: error: bad date in actor `x`: `2020-02-30` is not a calendar date",
            "reg.toml:19:6: error: role `Vice Chair` of actor `x` ends (2019) before it begins (2021)",
        ]
    );
}

#[test]
fn duplicate_ids_point_at_both_definitions() {
    let text = "[[actor]]\nid = \"a\"\nname = \"A One\"\n\n[[actor]]\nid = \"a\"\nname = \"A Two\"\n";
    assert_eq!(
        messages(&load("r.toml", text)),
        ["r.toml:6:6: error: duplicate actor id `a`; it is first defined at r.toml:2:6"]
    );
    // Across files, and from JSON Lines back to TOML: each place is in its
    // own file's lines.
    let first = "# people\n\n[[actor]]\nid = \"a\"\nname = \"A One\"\naliases = [\"Ace\"]\n";
    let second = "{\"id\": \"b\", \"name\": \"B\", \"aliases\": [\"Ace\"]}\n{\"id\": \"a\", \"name\": \"A Two\"}\n";
    let both = parse_registry_text([(Path::new("one.toml"), first), (Path::new("two.jsonl"), second)]);
    assert_eq!(
        messages(&both),
        [
            "two.jsonl:1:38: warning: `Ace` is claimed by actors `a` (one.toml:6:12) and `b`; mentions of it are ambiguous",
            "two.jsonl:2:8: error: duplicate actor id `a`; it is first defined at one.toml:4:6",
        ]
    );
}

#[test]
fn unknown_keys_and_syntax_errors_are_located() {
    let unknown = "[[actor]]\nid = \"a\"\nname = \"A\"\nnickname = \"B\"\n";
    let m = messages(&load("r.toml", unknown));
    assert_eq!(m.len(), 1);
    assert!(m[0].starts_with("r.toml:4:1: error: invalid registry: unknown field `nickname`"), "{}", m[0]);
    let broken = "[[actor]]\nid = \"a\nname = \"A\"\n";
    let m = messages(&load("r.toml", broken));
    assert!(m[0].starts_with("r.toml:2:"), "{}", m[0]);
}

#[test]
fn a_form_claimed_twice_is_a_warning() {
    let text = "[[actor]]\nid = \"a\"\nname = \"Anna Lee\"\naliases = [\"Lee\"]\n\n[[actor]]\nid = \"b\"\nname = \"Bo Lee\"\nvariants = [\"Lee\"]\n";
    let load = load("r.toml", text);
    assert!(!load.has_errors());
    assert_eq!(
        messages(&load),
        ["r.toml:9:13: warning: `Lee` is claimed by actors `a` (r.toml:4:12) and `b`; mentions of it are ambiguous"]
    );
    assert_eq!(load.registry.len(), 2);
}

#[test]
fn json_lines_registries_locate_errors_inside_the_line() {
    let text = concat!(
        r#"{"id": "olena-kovalenko", "name": "Olena Kovalenko", "variants": ["Kovalenco"]}"#,
        "\n\n",
        r#"{"id": "b", "name": "B", "kind": "robot"}"#,
        "\n",
        r#"{"id": "c", "name": "C",, }"#,
        "\n",
        r#"{"id": "d", "name": "D", "roles": [{"title": "T", "from": "2020-13"}]}"#,
        "\n",
    );
    let load = load("big.jsonl", text);
    assert_eq!(load.registry.len(), 1);
    let m = messages(&load);
    assert_eq!(m[0], "big.jsonl:3:34: error: unknown kind `robot`, expected person, organization, group or place");
    assert_eq!(m[1], "big.jsonl:4:25: error: invalid registry line: key must be a string");
    assert_eq!(m[2], "big.jsonl:5:59: error: bad date in actor `d`: `2020-13` is not a calendar date");
}

#[test]
fn missing_files_are_errors() {
    let load = load_registry(&[std::path::PathBuf::from("/nonexistent/actors.toml")]);
    assert_eq!(load.problems.len(), 1);
    assert!(load.problems[0].to_string().starts_with("/nonexistent/actors.toml:1:1: error: cannot read registry file"));
}

#[test]
fn parallel_toml_parsing_matches_a_whole_file_parse() {
    let generated = crate::generate::actors(12_000, 3);
    let text = format!("# A large registry.\n\n{}", crate::generate::registry_toml(&generated));
    assert!(text.len() > 1 << 20, "big enough to take the parallel path");
    let parallel = super::parse_toml_in_parallel(&text).expect("parallel path taken");
    let whole: super::RawTomlFile = toml::from_str(&text).unwrap();
    assert_eq!(parallel.actor.len(), whole.actor.len());
    for (a, b) in parallel.actor.iter().zip(&whole.actor) {
        assert_eq!(a.span(), b.span());
        assert_eq!(a.get_ref().id.span(), b.get_ref().id.span());
        assert_eq!(a.get_ref().name.get_ref(), b.get_ref().name.get_ref());
    }
    let load = load("big.toml", &text);
    assert!(!load.has_errors());
    assert_eq!(load.registry.len(), 12_000);
    // A broken entry anywhere falls back to the whole-file parse and its exact error.
    let broken = text.replacen("name = ", "name = = ", 1);
    assert!(super::parse_toml_in_parallel(&broken).is_none());
    assert!(messages(&super::tests::load("big.toml", &broken))[0].starts_with("big.toml:5:"));
}

#[test]
fn terms_load_beside_actors_and_bad_ones_are_located() {
    let text = format!("{GOOD}\n[[term]]\nuse = \"Kyiv\"\navoid = [\"Kiev\"]\nnote = \"transliteration\"\n");
    let ok = load("actors.toml", &text);
    assert!(ok.problems.is_empty(), "{:?}", messages(&ok));
    let terms = ok.registry.terms();
    assert_eq!(terms.len(), 1);
    assert_eq!(
        (terms[0].preferred.as_str(), &terms[0].avoid[..], terms[0].ignore_case),
        ("Kyiv", &["Kiev".to_string()][..], false)
    );
    assert_eq!(terms[0].note.as_deref(), Some("transliteration"));

    let bad = "[[term]]\nuse = \"Kyiv\"\navoid = [\"Kyiv\"]\n\n[[term]]\nuse = \"Odesa\"\n\n[[term]]\nuse = \"Kyiv\"\navoid = [\"Kiev\"]\n\n[[term]]\nuse = \"Kyjiw\"\navoid = [\"Kiev\"]\n";
    assert_eq!(
        messages(&load("terms.toml", bad)),
        [
            "terms.toml:3:10: error: term `Kyiv` avoids `Kyiv`, which is empty or the `use` itself",
            "terms.toml:6:7: error: term `Odesa` lists nothing to `avoid`; add the spellings to flag",
            "terms.toml:14:10: warning: `Kiev` is avoided by two terms (first at terms.toml:10:10); the first wins",
        ]
    );
}

#[test]
fn json_lines_read_in_batches_report_across_them_in_file_order() {
    // More lines than two batches: a claim and a duplicate id whose first
    // definition is in an earlier batch, a broken line in between.
    let lines: Vec<String> = (0..20_000)
        .map(|i| match i {
            // Written with spaces, which are not part of the alias.
            3 => format!(r#"{{"id": "p{i}", "name": "Person {i}", "aliases": [" Ace"]}}"#),
            12_000 => format!(r#"{{"id": "p{i}", "name": "Person {i}", "aliases": ["Ace  "]}}"#),
            9_000 => r#"{"id": "p9000" "name": "Broken"}"#.to_string(),
            17_000 => r#"{"id": "p5", "name": "Person Again"}"#.to_string(),
            _ => format!(r#"{{"id": "p{i}", "name": "Person {i}"}}"#),
        })
        .collect();
    assert!(lines.len() > 2 * super::JSONL_BATCH);
    let load = load("big.jsonl", &lines.join("\n"));
    assert_eq!(
        messages(&load),
        [
            "big.jsonl:9001:16: error: invalid registry line: expected `,` or `}`",
            "big.jsonl:12001:54: warning: `Ace` is claimed by actors `p3` (big.jsonl:4:46) and `p12000`; mentions of it are ambiguous",
            "big.jsonl:17001:8: error: duplicate actor id `p5`; it is first defined at big.jsonl:6:8",
        ]
    );
    let registry = &load.registry;
    assert_eq!(registry.len(), 19_998);
    assert_eq!(registry.actor(registry.by_id("p5").unwrap()).name, "Person 5");
    assert_eq!(registry.actors().last().map(|a| a.id.as_str()), Some("p19999"));
    assert!(registry.by_id("p9000").is_none());
    assert_eq!(registry.actor(registry.by_id("p3").unwrap()).aliases, ["Ace"]);
}
