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

criterion_group!(benches, registry, analysis);
criterion_main!(benches);
