use std::io::Write;
use std::path::{Path, PathBuf};

use super::sync::{Change, Sync};
use super::{ImportedActor, Importer, Mapping, import};
use crate::registry::ActorKind;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wikidata").join(name)
}

fn import_all(files: &[PathBuf], mapping: Mapping) -> (Vec<ImportedActor>, super::ImportStats) {
    let mut importer = Importer::new(vec!["en".into()], mapping);
    let mut actors = Vec::new();
    let stats = import(files, &mut importer, |a| actors.push(a)).unwrap();
    (actors, stats)
}

#[test]
fn a_dump_becomes_people_organisations_and_places_with_dated_roles() {
    let (actors, stats) = import_all(&[fixture("dump.json")], Mapping::default());
    let names: Vec<(&str, ActorKind)> = actors.iter().map(|a| (a.name.as_str(), a.kind)).collect();
    assert_eq!(
        names,
        [
            ("Mira Holt", ActorKind::Person),
            ("Ivo Stanek", ActorKind::Person),
            ("Civic Front", ActorKind::Organization),
            ("Novo Brdo", ActorKind::Place)
        ]
    );
    let holt = &actors[0];
    assert_eq!(holt.wikidata, "Q990001");
    assert_eq!(holt.aliases, ["M. Holt"]);
    assert_eq!(holt.description.as_deref(), Some("politician of the fictional test set"));
    type Row<'a> = (&'a str, Vec<&'a str>, Option<&'a str>, Option<&'a str>);
    let roles: Vec<Row> = holt
        .roles
        .iter()
        .map(|r| (r.title.as_str(), r.forms.iter().map(String::as_str).collect(), r.from.as_deref(), r.to.as_deref()))
        .collect();
    assert_eq!(
        roles,
        [
            ("President of Ukraine", vec!["President", "Ukrainian President"], Some("2019-05-20"), None),
            (
                "Prime Minister of Ukraine",
                vec!["Prime Minister", "Ukrainian Prime Minister"],
                Some("2014"),
                Some("2019-05")
            ),
        ]
    );
    assert_eq!(stats.entities, 8);
    assert_eq!(stats.actors, [2, 1, 0, 1]);
    assert_eq!(stats.roles, 3);
    assert_eq!(stats.unlabelled, 1, "the person labelled only in French");
    assert_eq!((stats.untitled_roles, stats.untitled_examples.clone()), (1, vec!["Q990199".to_string()]));
}

#[test]
fn other_languages_give_aliases_and_the_mapping_file_titles_roles() {
    let mut importer = Importer::new(vec!["en".into(), "uk".into()], Mapping::default());
    let mut actors = Vec::new();
    import(&[fixture("dump.json")], &mut importer, |a| actors.push(a)).unwrap();
    assert_eq!(actors[0].aliases, ["M. Holt", "Міра Холт"]);

    let text = "[positions.Q990199]\ntitle = \"Governor of Kharkiv Oblast\"\nforms = [\"Governor\"]\n\n[positions.Q990100]\nforms = [\"President\"]\n";
    let mapping = Mapping::parse(Path::new("map.toml"), text).unwrap();
    let (actors, stats) = import_all(&[fixture("dump.json")], mapping);
    let titles: Vec<(&str, &[String])> = actors[0].roles.iter().map(|r| (r.title.as_str(), &r.forms[..])).collect();
    assert_eq!(titles[0], ("President of Ukraine", &["President".to_string()][..]));
    assert_eq!(titles[2], ("Governor of Kharkiv Oblast", &["Governor".to_string()][..]));
    assert_eq!(stats.untitled_roles, 0);
}

#[test]
fn a_bad_mapping_file_is_located() {
    let err = Mapping::parse(Path::new("map.toml"), "[positions.Q1]\ntitel = \"x\"\n").unwrap_err();
    assert!(err.starts_with("map.toml:2:1: invalid mapping file: unknown field `titel`"), "{err}");
    let err = Mapping::parse(Path::new("map.toml"), "[classes]\nQ12 = \"thing\"\n").unwrap_err();
    assert!(err.starts_with("map.toml:2:1: invalid mapping file: class `Q12 = \"thing\"`"), "{err}");
}

#[test]
fn entity_data_documents_json_lines_and_gzip_read_alike() {
    let (from_document, stats) = import_all(&[fixture("entitydata.json")], Mapping::default());
    assert_eq!(stats.entities, 2);
    assert_eq!(from_document.len(), 1);
    assert_eq!(from_document[0].roles[0].title, "Prime Minister of Ukraine");
    assert_eq!(from_document[0].roles[0].from.as_deref(), Some("2019-05-21"));

    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(fixture("dump.json")).unwrap();
    let gz = dir.path().join("dump.json.gz");
    let mut encoder = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::fast());
    encoder.write_all(&plain).unwrap();
    encoder.finish().unwrap();
    let (from_gzip, _) = import_all(&[gz], Mapping::default());
    let (from_plain, _) = import_all(&[fixture("dump.json")], Mapping::default());
    assert_eq!(from_gzip, from_plain);

    let (from_lines, stats) = import_all(&[fixture("later.jsonl")], Mapping::default());
    assert_eq!(stats.entities, 5);
    assert_eq!(from_lines.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Mira Holt", "Dana Kovac"]);
}

#[test]
fn a_line_that_is_not_an_entity_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "[\n{\"id\": \"Q1\"},\n{\"id\": \"Q2\", \"labels\": 7},\n]\n").unwrap();
    let err = import(std::slice::from_ref(&path), &mut Importer::new(vec!["en".into()], Mapping::default()), |_| {})
        .unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with(&format!("{}:3:", path.display())), "{message}");
    assert!(message.contains("not a Wikidata entity"), "{message}");
}

const DESK: &str = r#"# The desk's registry: comments and layout stay.

[[actor]]
id = "mira-holt"
name = "Mira Holt"   # house spelling
variants = ["Myra Holt"]
wikidata = "Q990001"
description = "Our own words."

[[actor.roles]]
title = "President of Ukraine"
forms = ["President"]
from = "2019-05-20"
"#;

#[test]
fn sync_adds_roles_aliases_and_ends_and_keeps_hand_edits() {
    let (actors, _) = import_all(&[fixture("later.jsonl")], Mapping::default());
    let mut sync = Sync::parse(DESK).unwrap();
    let changes: Vec<String> = actors.into_iter().flat_map(|a| sync.merge(a)).map(|c| c.to_string()).collect();
    assert_eq!(
        changes,
        [
            "mira-holt: added alias “M. Holt”",
            "mira-holt: added alias “Holt”",
            "mira-holt: role “President of Ukraine” ended 2024-05-20",
            "mira-holt: added role “Prime Minister of Ukraine” (2014–2019-05)",
            "mira-holt: added role “Mayor of Kharkiv” (2024-06-01–)",
            "added dana-kovac: Dana Kovac (Q990003)",
        ]
    );
    let text = sync.finish();
    assert!(text.starts_with("# The desk's registry: comments and layout stay.\n"), "{text}");
    assert!(text.contains("name = \"Mira Holt\"   # house spelling\nvariants = [\"Myra Holt\"]\n"), "{text}");
    assert!(text.contains("description = \"Our own words.\""), "{text}");
    assert!(text.contains("forms = [\"President\"]\nfrom = \"2019-05-20\"\nto = \"2024-05-20\""), "{text}");
    // The result is a valid registry, and a second sync changes nothing.
    let load = crate::registry::parse_registry_text([(Path::new("actors.toml"), text.as_str())]);
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    assert_eq!(load.registry.len(), 2);
    let (again, _) = import_all(&[fixture("later.jsonl")], Mapping::default());
    let mut sync = Sync::parse(&text).unwrap();
    let changes: Vec<Change> = again.into_iter().flat_map(|a| sync.merge(a)).collect();
    assert_eq!(changes, []);
    assert_eq!(sync.finish(), text);
}
