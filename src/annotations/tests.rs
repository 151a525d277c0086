use std::path::Path;

use super::*;

const LINE: &str = r#"{"path":"a.md","anchor":{"before":"said ","text":"Wallace","after":" on","offset":10},"decision":"link","actor":"ben-wallace","annotator":"ana","time":"2026-12-01T10:00:00Z"}"#;

fn parse(text: &str) -> Result<Store, Vec<String>> {
    Store::parse(Path::new("ws/notes.jsonl"), Path::new("ws"), text)
        .map_err(|e| e.0.iter().map(ToString::to_string).collect())
}

#[test]
fn a_line_parses_and_is_found_by_its_article() {
    let store = parse(&format!("{LINE}\n\n{LINE}\n")).unwrap();
    assert_eq!(store.len(), 2);
    let decisions = store.for_article(Path::new("ws/a.md"));
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0].label, Label::Link { actor: "ben-wallace".into() });
    assert_eq!((decisions[0].line, decisions[1].line), (1, 3));
    assert!(store.for_article(Path::new("ws/b.md")).is_empty());
    // A decision written back reads the same.
    let again = parse(&decisions[0].to_line()).unwrap();
    assert_eq!(again.for_article(Path::new("ws/a.md"))[0].label, decisions[0].label);
}

#[test]
fn bad_lines_are_located_and_explained() {
    let text = format!(
        "{LINE}\n{{\"path\":\"a.md\",\"anchor\":{{\"text\":\"X\"}},\"decision\":\"maybe\",\"annotator\":\"ana\"}}\nnot json\n\
         {{\"path\":\"../a.md\",\"anchor\":{{\"text\":\"X\"}},\"decision\":\"sourced\",\"annotator\":\"ana\"}}\n\
         {{\"path\":\"a.md\",\"anchor\":{{\"text\":\"X\"}},\"decision\":\"dismiss\",\"rule\":\"repeated-word\",\"annotator\":\"ana\"}}\n"
    );
    let mut errors = parse(&text.replace("\"time\"", "\"when\"")).unwrap_err();
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors.remove(0).starts_with("ws/notes.jsonl:1:1: error: invalid annotation: unknown field `when`"));
    assert!(errors[0].starts_with("ws/notes.jsonl:2:"), "{}", errors[0]);
    assert!(errors[0].contains("unknown variant `maybe`"), "{}", errors[0]);
    assert!(errors[1].starts_with("ws/notes.jsonl:3:2: error: invalid annotation: expected ident"), "{}", errors[1]);
    assert!(
        errors[2].starts_with("ws/notes.jsonl:4:1: error: `path` must be the article's path relative"),
        "{}",
        errors[2]
    );
    assert!(errors[3].contains("ws/notes.jsonl:5:1: error: a dismissal needs a `reason`"), "{}", errors[3]);
}

#[test]
fn an_anchor_survives_edits_elsewhere_and_takes_the_nearest_match() {
    let text = "Wallace spoke. Then Ben Wallace left. Ben Wallace left.";
    let second = text.rfind("Wallace").unwrap();
    let anchor = Anchor::of(text, second..second + "Wallace".len());
    assert_eq!(anchor.before, "n Ben Wallace left. Ben ");
    assert_eq!(anchor.after, " left.");
    let edited = format!("A new first line.\n{text}");
    let moved = second + "A new first line.\n".len();
    assert_eq!(anchor.resolve(&edited, 0), Some(moved..moved + 7));
    // Context that matches twice: the place nearest the recorded offset.
    let short = Anchor { before: "Ben ".into(), text: "Wallace".into(), after: " left.".into(), offset: 0 };
    let first = text.find("Ben Wallace").unwrap() + 4;
    assert_eq!(short.resolve(text, 0), Some(first..first + 7));
    let late = Anchor { offset: text.len(), ..short.clone() };
    assert_eq!(late.resolve(text, 0), Some(second..second + 7));
    // One side's context edited: the other still finds it.
    let after_edited = format!("{}went away.", text.strip_suffix("left.").unwrap());
    assert_eq!(anchor.resolve(&after_edited, 0), Some(second..second + 7));
    // Both sides edited: stale.
    assert_eq!(anchor.resolve(&after_edited.replace("left. Ben", "left. Sir Ben"), 0), None);
    // A text repeated a million times costs one pass.
    let long = "ab".repeat(1_000_000);
    let none = Anchor { before: "x".into(), text: "abab".into(), after: String::new(), offset: 7 };
    assert_eq!(none.resolve(&long, 0), None);
}
