//! Writes a generated workspace for benchmarks: `copydesk-generate --actors
//! 100000 --articles 10000 --seed 7 --out DIR` (feature `generator`).

use std::path::PathBuf;

use copydesk::generate::{self, Planted, Rng};

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| default.to_string())
}

const USAGE: &str = "usage: copydesk-generate [--actors N] [--articles N] [--seed N] [--format toml|jsonl] [--out DIR]
       copydesk-generate --hostile SHAPE --bytes N --out DIR
Writes a seeded benchmark workspace: DIR/actors.toml (or .jsonl), DIR/copydesk.toml,
DIR/forms.txt (every surface form), DIR/articles/NNN/NNNNNN.md and DIR/planted.json.
Defaults: 1000 actors, 100 articles, seed 7, toml, target/bench-corpus.
With --hostile: a workspace with the news registry and one article, DIR/SHAPE.md, of the
hostile SHAPE at N bytes (shapes: blank-lines, whitespace-lines, fences, comments,
suppressions, repeated-name, repeated-misspelling, repeated-cues, figures, quotes,
balanced-quotes, one-huge-line, findings-at-the-end).";

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let known = ["--actors", "--articles", "--seed", "--format", "--out", "--hostile", "--bytes"];
    let unknown = args.iter().skip(1).step_by(2).find(|a| !known.contains(&a.as_str()));
    if let Some(flag) = unknown {
        if flag != "--help" && flag != "-h" {
            eprintln!("copydesk-generate: unknown argument {flag}");
        }
        eprintln!("{USAGE}");
        std::process::exit(if flag == "--help" || flag == "-h" { 0 } else { 2 });
    }
    if args.iter().any(|a| a == "--hostile") {
        return hostile(&args);
    }
    let actors: usize = arg(&args, "--actors", "1000").parse().expect("--actors N");
    let articles: usize = arg(&args, "--articles", "100").parse().expect("--articles N");
    let seed: u64 = arg(&args, "--seed", "7").parse().expect("--seed N");
    let format = arg(&args, "--format", "toml");
    let out = PathBuf::from(arg(&args, "--out", "target/bench-corpus"));
    std::fs::create_dir_all(out.join("articles"))?;
    let registry = generate::actors(actors, seed);
    let (file, body) = if format == "jsonl" {
        ("actors.jsonl", generate::registry_jsonl(&registry))
    } else {
        ("actors.toml", generate::registry_toml(&registry))
    };
    std::fs::write(out.join(file), body)?;
    std::fs::write(out.join("copydesk.toml"), format!("registry = [\"{file}\"]\ninclude = [\"articles/**/*.md\"]\n"))?;
    std::fs::write(out.join("forms.txt"), generate::surface_forms(&registry))?;
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut planted = Planted::default();
    for i in 0..articles {
        let dir = out.join("articles").join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&dir)?;
        let size = 3000 + rng.below(5000);
        std::fs::write(dir.join(format!("{i:06}.md")), generate::article(&registry, size, &mut rng, &mut planted))?;
    }
    std::fs::write(
        out.join("planted.json"),
        format!(
            "{{\"misspellings\": {}, \"doubled\": {}, \"variants\": {}, \"unsourced\": {}}}\n",
            planted.misspellings, planted.doubled, planted.variants, planted.unsourced
        ),
    )?;
    eprintln!("wrote {actors} actors and {articles} articles to {}", out.display());
    Ok(())
}

/// `--hostile SHAPE --bytes N --out DIR`: one article of a hostile shape.
fn hostile(args: &[String]) -> std::io::Result<()> {
    let name = arg(args, "--hostile", "");
    let Some(shape) = generate::hostile::shape(&name) else {
        eprintln!("copydesk-generate: no hostile shape {name:?}\n{USAGE}");
        std::process::exit(2);
    };
    let bytes: usize = arg(args, "--bytes", "1000000").parse().expect("--bytes N");
    let out = PathBuf::from(arg(args, "--out", "target/bench-hostile"));
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("actors.toml"), generate::news::REGISTRY)?;
    std::fs::write(out.join("copydesk.toml"), "registry = [\"actors.toml\"]\ninclude = [\"*.md\"]\n")?;
    std::fs::write(out.join(format!("{name}.md")), shape.build(bytes))?;
    Ok(())
}
