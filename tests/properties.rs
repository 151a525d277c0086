//! Property tests with fixed seeds: offsets and positions on text full of
//! curly quotes, em dashes, Cyrillic, emoji and mixed line endings.

use std::path::Path;

use copydesk::analysis::{Options, analyze};
use copydesk::article::{Article, Syntax};
use copydesk::lexicon::Lexicon;
use copydesk::position::{ColumnUnit, LineCol, LineIndex, scalar_offset};
use copydesk::registry::parse_registry_text;
use copydesk::text::normalize::MatchText;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Pieces news text is made of, including every kind of awkward character.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Volodymyr",
        "Zelenskyy",
        "Ana",
        "Ruis",
        "Ruiz",
        " ",
        " ",
        "\u{a0}",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "“",
        "”",
        "’s",
        "’",
        "'",
        "—",
        "–",
        "-",
        "Привіт",
        "Зеленський",
        "👋",
        "🇺🇦",
        "e\u{301}",
        "said",
        "the",
        "the",
        ".",
        ",",
        "U.S.",
        "27%",
        "<!--",
        "-->",
        "`",
        "](",
        ")",
        "https://x.example/a",
        "\t",
        "\u{feff}",
        "---",
        "#",
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

fn runner() -> TestRunner {
    let config = Config { cases: 300, failure_persistence: None, ..Config::default() };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]))
}

#[test]
fn positions_round_trip_in_every_unit() {
    runner()
        .run(&text(), |text| {
            let index = LineIndex::new(&text);
            for (offset, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                let at_line_end = text[offset..].starts_with(['\n', '\r']);
                for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Scalar] {
                    let pos = index.position(&text, offset, unit);
                    let back = index.offset(&text, pos, unit);
                    if at_line_end
                        || (offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text[offset..].starts_with('\n'))
                    {
                        prop_assert!(back <= offset);
                    } else {
                        prop_assert_eq!(back, offset, "unit {:?} pos {:?}", unit, pos);
                    }
                }
                let scalar = index.position(&text, offset, ColumnUnit::Scalar);
                let line = index.line_range(&text, scalar.line as usize);
                prop_assert_eq!(
                    scalar.col as usize,
                    text[line.start..offset.clamp(line.start, line.end)].chars().count()
                );
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn utf16_columns_agree_with_encode_utf16() {
    runner()
        .run(&text(), |text| {
            let index = LineIndex::new(&text);
            for (offset, _) in text.char_indices() {
                let pos = index.position(&text, offset, ColumnUnit::Utf16);
                let start = index.line_range(&text, pos.line as usize).start;
                let end = offset.min(index.line_range(&text, pos.line as usize).end);
                prop_assert_eq!(pos.col as usize, text[start..end].encode_utf16().count());
                prop_assert!(scalar_offset(&text, offset) <= offset);
            }
            let past = index.offset(&text, LineCol { line: u32::MAX, col: 0 }, ColumnUnit::Utf16);
            prop_assert_eq!(past, text.len());
            Ok(())
        })
        .unwrap();
}

#[test]
fn match_text_maps_every_name_back_to_its_original_text() {
    runner()
        .run(&text(), |text| {
            let normalized = MatchText::new(&text);
            let mut start = 0;
            while let Some(i) = normalized.text[start..].find("Ana Ruiz") {
                let at = start + i;
                let original = normalized.original_range(at..at + "Ana Ruiz".len());
                let shown = &text[original];
                prop_assert!(shown.starts_with("Ana") && shown.ends_with("Ruiz"));
                start = at + 1;
            }
            Ok(())
        })
        .unwrap();
}

const REGISTRY: &str = "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n\n[[actor]]\nid = \"vz\"\nname = \"Volodymyr Zelenskyy\"\naliases = [\"Зеленський\"]\n[[actor.roles]]\ntitle = \"President\"\nforms = [\"President\"]\nfrom = \"2019\"\n";

#[test]
fn analysis_ranges_are_always_valid_slices() {
    let load = parse_registry_text([(Path::new("a.toml"), REGISTRY)]);
    let lexicon = Lexicon::new(&load.registry);
    let options = Options { default_date: copydesk::date::Date::parse("2026-01-01").ok(), ..Options::default() };
    runner()
        .run(&text(), |text| {
            for syntax in [Syntax::Markdown, Syntax::Plain] {
                let article = Article::new(&text, syntax);
                let analysis = analyze(&article, &load.registry, &lexicon, &options);
                let body = article.text();
                for m in &analysis.mentions {
                    prop_assert!(body.get(m.range.clone()).is_some());
                }
                for f in &analysis.findings {
                    prop_assert!(body.get(f.range.clone()).is_some(), "{:?}", f);
                    for fix in &f.fixes {
                        for edit in &fix.edits {
                            prop_assert!(body.get(edit.range.clone()).is_some());
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}
