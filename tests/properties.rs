//! Property tests with fixed seeds: offsets and positions on text full of
//! curly quotes, em dashes, Cyrillic, emoji and mixed line endings.

use std::path::Path;

use copydesk::analysis::spellings::{SpellingUse, analysis_spellings};
use copydesk::analysis::{Options, analyze, link_mentions, link_spellings};
use copydesk::article::{Article, Syntax};
use copydesk::lexicon::Lexicon;
use copydesk::position::{ColumnUnit, LineCol, LineIndex, scalar_offset};
use copydesk::registry::parse_registry_text;
use copydesk::text::normalize::MatchText;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// The workspace index's mentions and spellings of `article` equal those
/// of its full `analysis`.
fn index_spellings_agree(
    article: &Article,
    analysis: &copydesk::analysis::Analysis,
    registry: &copydesk::registry::Registry,
    lexicon: &Lexicon,
    options: &Options,
) -> Result<(), TestCaseError> {
    let (linked, mut indexed) = link_spellings(article, registry, lexicon, options);
    prop_assert_eq!(&linked, &analysis.mentions);
    let mut full = analysis_spellings(article.text(), analysis, registry);
    let order = |u: &SpellingUse| (u.range.start, u.range.end, u.actor, u.house);
    indexed.sort_by_key(order);
    full.sort_by_key(order);
    prop_assert_eq!(indexed, full);
    Ok(())
}

/// Pieces news text is made of, including every kind of awkward character.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Volodymyr",
        "Zelenskyy",
        "Kate",
        "Vladmir",
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

/// A runner with a fixed seed: 300 cases in the normal suite; with
/// `COPYDESK_FUZZ_SECONDS` set (scripts/fuzz), as many cases as fit in that
/// time, from a seed of the clock.
fn runner() -> TestRunner {
    let fuzz_seconds: Option<u64> = std::env::var("COPYDESK_FUZZ_SECONDS").ok().and_then(|v| v.parse().ok());
    let config = Config { cases: 300, failure_persistence: None, ..Config::default() };
    let seed = match fuzz_seconds {
        Some(_) => {
            let nanos =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(7, |d| d.as_nanos() as u8);
            [nanos; 32]
        }
        None => [7; 32],
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed))
}

/// Runs `test` on values of `strategy`: 300 shrinking proptest cases with
/// a fixed seed normally; with `COPYDESK_FUZZ_SECONDS` set (scripts/fuzz),
/// fresh random values until the time is up, panicking with the failing
/// value.
fn check<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug + Clone,
{
    use proptest::strategy::ValueTree;
    let mut runner = runner();
    match std::env::var("COPYDESK_FUZZ_SECONDS").ok().and_then(|v| v.parse::<u64>().ok()) {
        Some(seconds) => {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
            let mut cases = 0u64;
            while std::time::Instant::now() < deadline {
                let value = strategy.new_tree(&mut runner).expect("strategy").current();
                if let Err(e) = test(value.clone()) {
                    panic!("fuzz case {cases} failed: {e}\ninput: {value:?}");
                }
                cases += 1;
            }
            eprintln!("fuzzed {cases} cases");
        }
        None => {
            if let Err(e) = runner.run(&strategy, test) {
                panic!("{e}");
            }
        }
    }
}

#[test]
fn positions_round_trip_in_every_unit() {
    check(text(), |text| {
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
            prop_assert_eq!(scalar.col as usize, text[line.start..offset.clamp(line.start, line.end)].chars().count());
        }
        Ok(())
    });
}

#[test]
fn utf16_columns_agree_with_encode_utf16() {
    check(text(), |text| {
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
    });
}

#[test]
fn match_text_maps_every_name_back_to_its_original_text() {
    check(text(), |text| {
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
    });
}

const REGISTRY: &str = "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n\n[[actor]]\nid = \"vz\"\nname = \"Volodymyr Zelenskyy\"\naliases = [\"Зеленський\"]\n[[actor.roles]]\ntitle = \"President\"\nforms = [\"President\"]\nfrom = \"2019\"\n";

#[test]
fn analysis_ranges_are_always_valid_slices() {
    let load = parse_registry_text([(Path::new("a.toml"), REGISTRY)]);
    let lexicon = Lexicon::new(&load.registry);
    let options = Options { default_date: copydesk::date::Date::parse("2026-01-01").ok(), ..Options::default() };
    check(text(), |text| {
        for syntax in [Syntax::Markdown, Syntax::Plain] {
            let article = Article::new(&text, syntax);
            let analysis = analyze(&article, &load.registry, &lexicon, &options);
            // The workspace index links without the rules, and must agree.
            prop_assert_eq!(&link_mentions(&article, &load.registry, &lexicon), &analysis.mentions);
            // And so do its spellings, which the server's corpus counts use.
            index_spellings_agree(&article, &analysis, &load.registry, &lexicon, &options)?;
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
    });
}

#[test]
fn registry_and_config_parsing_never_panic() {
    let piece = prop::sample::select(vec![
        "[[actor]]\n",
        "id = \"a\"\n",
        "id = \"A b\"\n",
        "name = \"Ana Ruiz\"\n",
        "variants = [\"Ana Ruis\"]\n",
        "[[actor.roles]]\n",
        "title = \"Mayor\"\n",
        "forms = [\"Mayor\"]\n",
        "from = \"2024-02-30\"\n",
        "to = \"2019\"\n",
        "kind = \"robot\"\n",
        "\"",
        "[",
        "]",
        "=",
        "\n",
        "é",
        "👋",
        "{\"id\": \"x\", \"name\": \"Y\"}\n",
        "{",
        "}",
        "\r\n",
        "[rules]\n",
        "unknown-actor = \"off\"\n",
        "registry = [\"a.toml\"]\n",
        "date = 2026-01-01\n",
        "[sourcing]\n",
    ]);
    check(prop::collection::vec(piece, 0..40).prop_map(|p| p.concat()), |text| {
        for name in ["r.toml", "r.jsonl"] {
            let load = parse_registry_text([(Path::new(name), text.as_str())]);
            for p in &load.problems {
                prop_assert!(p.span.end <= text.len() && p.line >= 1 && p.column >= 1);
            }
            let lexicon = Lexicon::new(&load.registry);
            let _ = lexicon.forms().len();
        }
        let _ = copydesk::config::Config::parse(Path::new("copydesk.toml"), &text);
        Ok(())
    });
}

/// News-shaped articles (copydesk::generate::news): cues, registered names,
/// figures, quotations and markup together, from a seed per case. Checks
/// that nothing panics, every range is a slice of the text, findings are in
/// order, indexing agrees with the analysis, every position converts to
/// each column unit and back, and applying every safe fix leaves text the
/// analysis still handles.
#[test]
fn news_shaped_articles_analyse_cleanly() {
    use copydesk::finding::Applicability;
    use copydesk::generate::{Rng, news};
    let load = parse_registry_text([(Path::new("actors.toml"), news::REGISTRY)]);
    assert!(!load.has_errors(), "{:?}", load.problems);
    let lexicon = Lexicon::new(&load.registry);
    let options = Options { default_date: copydesk::date::Date::parse("2020-01-01").ok(), ..Options::default() };
    check((any::<u64>(), 1usize..60), |(seed, sentences)| {
        let text = news::article(&mut Rng::new(seed), sentences);
        for syntax in [Syntax::Markdown, Syntax::Plain] {
            let article = Article::new(&text, syntax);
            let analysis = analyze(&article, &load.registry, &lexicon, &options);
            prop_assert_eq!(&link_mentions(&article, &load.registry, &lexicon), &analysis.mentions);
            // And so do its spellings, which the server's corpus counts use.
            index_spellings_agree(&article, &analysis, &load.registry, &lexicon, &options)?;
            let body = article.text();
            let index = LineIndex::new(body);
            for range in analysis.mentions.iter().map(|m| &m.range).chain(analysis.findings.iter().map(|f| &f.range)) {
                prop_assert!(body.get(range.clone()).is_some(), "seed {seed}: {range:?}");
                for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Scalar] {
                    let at = index.position(body, range.start, unit);
                    prop_assert_eq!(index.offset(body, at, unit), range.start, "seed {}", seed);
                }
            }
            prop_assert!(analysis.findings.windows(2).all(|w| w[0].range.start <= w[1].range.start));
            // Every safe fix, applied from the end where they do not overlap.
            let mut edits: Vec<_> = analysis
                .findings
                .iter()
                .flat_map(|f| &f.fixes)
                .filter(|fix| fix.applicability == Applicability::Safe)
                .flat_map(|fix| fix.edits.iter())
                .collect();
            edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
            let mut fixed = body.to_string();
            let mut limit = usize::MAX;
            for edit in edits {
                prop_assert!(body.get(edit.range.clone()).is_some(), "seed {seed}: {:?}", edit.range);
                if edit.range.end <= limit {
                    fixed.replace_range(edit.range.clone(), &edit.replacement);
                    limit = edit.range.start;
                }
            }
            let again = Article::new(&fixed, syntax);
            analyze(&again, &load.registry, &lexicon, &options);
        }
        Ok(())
    });
}
