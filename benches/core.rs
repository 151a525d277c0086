//! Criterion benchmarks of the core: registry load and lexicon build,
//! analysis of one article against a large registry, misspelling lookup.
//!
//! Sizes: `COPYDESK_BENCH_ACTORS` (default 100000). The test command runs
//! these once each at a tiny size (`cargo test --benches`).

use std::hint::black_box;
use std::path::Path;

use copydesk::analysis::{Options, analyze};
use copydesk::article::{Article, Syntax};
use copydesk::generate::{self, Planted, Rng};
use copydesk::lexicon::Lexicon;
use copydesk::registry::parse_registry_text;
use criterion::{Criterion, criterion_group, criterion_main};

fn actors() -> usize {
    std::env::var("COPYDESK_BENCH_ACTORS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

fn registry(c: &mut Criterion) {
    let generated = generate::actors(actors(), 7);
    let toml = generate::registry_toml(&generated);
    let jsonl = generate::registry_jsonl(&generated);
    let mut group = c.benchmark_group("registry");
    group.sample_size(10);
    group.bench_function("load+lexicon toml", |b| {
        b.iter(|| {
            let load = parse_registry_text([(Path::new("a.toml"), toml.as_str())]);
            black_box(Lexicon::new(&load.registry))
        })
    });
    group.bench_function("load+lexicon jsonl", |b| {
        b.iter(|| {
            let load = parse_registry_text([(Path::new("a.jsonl"), jsonl.as_str())]);
            black_box(Lexicon::new(&load.registry))
        })
    });
    // The same registry read back from the compiled lexicon cache.
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = copydesk::compiled::LexiconCache::in_dir(cache_dir.path());
    let files = vec![(std::path::PathBuf::from("a.toml"), toml.clone())];
    assert!(!copydesk::compiled::compile(&files, &cache).unwrap().from_cache);
    copydesk::compiled::finish_writes();
    group.bench_function("compiled lexicon cache, warm", |b| {
        b.iter(|| {
            let compiled = copydesk::compiled::compile(&files, &cache).unwrap();
            assert!(compiled.from_cache);
            black_box(compiled)
        })
    });
    group.finish();
}

/// The automaton choice (issue #16), measured on the same forms and the
/// same text: build, save and load (daachorse only: aho-corasick cannot be
/// saved, so a warm start would rebuild it), and one search pass.
fn automata(c: &mut Criterion) {
    use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
    use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder};

    let generated = generate::actors(actors(), 7);
    let toml = generate::registry_toml(&generated);
    let load = parse_registry_text([(Path::new("a.toml"), toml.as_str())]);
    let lexicon = Lexicon::new(&load.registry);
    let forms: Vec<&str> = lexicon.forms().iter().map(|f| f.text.as_str()).collect();
    let mut rng = Rng::new(5);
    let text = generate::article(&generated, 200_000, &mut rng, &mut Planted::default());
    let aho = || {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&forms)
            .unwrap()
    };
    let daac = || -> DoubleArrayAhoCorasick<u32> {
        DoubleArrayAhoCorasickBuilder::new().match_kind(daachorse::MatchKind::LeftmostLongest).build(&forms).unwrap()
    };
    let mut group = c.benchmark_group("automaton");
    group.sample_size(10);
    group.bench_function("build aho-corasick", |b| b.iter(|| black_box(aho())));
    group.bench_function("build daachorse", |b| b.iter(|| black_box(daac())));
    let (aho, daac) = (aho(), daac());
    let saved = daac.serialize();
    group.bench_function("load daachorse", |b| {
        b.iter(|| black_box(DoubleArrayAhoCorasick::<u32>::deserialize(black_box(&saved)).unwrap()))
    });
    group.bench_function("search 200 KB aho-corasick", |b| b.iter(|| aho.find_iter(black_box(&text)).count()));
    group.bench_function("search 200 KB daachorse", |b| b.iter(|| daac.leftmost_find_iter(black_box(&text)).count()));
    assert_eq!(aho.find_iter(&text).count(), daac.leftmost_find_iter(&text).count(), "the same matches");
    group.finish();
}

fn analysis(c: &mut Criterion) {
    let generated = generate::actors(actors(), 7);
    let toml = generate::registry_toml(&generated);
    let load = parse_registry_text([(Path::new("a.toml"), toml.as_str())]);
    let lexicon = Lexicon::new(&load.registry);
    let options = Options::default();
    let mut rng = Rng::new(3);
    let mut planted = Planted::default();
    for size in [5_000, 50_000] {
        let text = generate::article(&generated, size, &mut rng, &mut planted);
        c.bench_function(&format!("analyze {} KB article", size / 1000), |b| {
            b.iter(|| {
                let article = Article::new(&text, Syntax::Markdown);
                black_box(analyze(&article, &load.registry, &lexicon, &options))
            })
        });
    }
    c.bench_function("misspelling lookup", |b| b.iter(|| black_box(lexicon.near().lookup(black_box("Kovalenkko")))));
}

criterion_group!(benches, registry, automata, analysis);
criterion_main!(benches);
