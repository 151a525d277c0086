//! `copydesk eval` and `copydesk agree`: measuring with annotation stores.
//!
//! Both read the stores named on the command line (they may lie anywhere,
//! like `--registry` files), resolve each decision's anchor against the
//! article as it is now (paths relative to the workspace folder of the
//! governing `copydesk.toml`), and report; the scoring is
//! `annotations::score`. Stale anchors are listed with their store line and
//! left out of the figures.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};

use super::check::{fail, read_article};
use crate::annotations::Store;
use crate::annotations::score::{self, Agreement, Case, Evaluation, Item};
use crate::article::Article;
use crate::input::ARTICLE_CAP;
use crate::position::ColumnUnit;
use crate::problem::{FileProblem, ProblemLevel};
use crate::text::shown_path;
use crate::workspace::Workspace;

/// Output of `eval` and `agree`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// A table, then the cases, one a line.
    Text,
    /// One JSON document (for CI).
    Json,
}

#[derive(Debug, clap::Args)]
pub(super) struct EvalArgs {
    /// The gold annotation store (JSON Lines, docs/annotations.md).
    #[arg(long, value_name = "STORE")]
    gold: PathBuf,
    /// The configuration whose folder the store's paths are relative to
    /// (default: the `copydesk.toml` governing the current folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

#[derive(Debug, clap::Args)]
pub(super) struct AgreeArgs {
    /// Annotator A's store.
    a: PathBuf,
    /// Annotator B's store.
    b: PathBuf,
    /// The configuration whose folder the stores' paths are relative to
    /// (default: the `copydesk.toml` governing the current folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

/// The workspace the stores' paths are relative to.
fn workspace(config: Option<&Path>) -> Result<Workspace, Vec<FileProblem>> {
    // The same search for a governing configuration as `check` makes.
    let (config, _) = crate::workspace::config_for_folder(Path::new("."), config)?;
    Workspace::load(config, &[])
}

/// An article a store decides on, read and parsed.
struct Read {
    key: String,
    article: Article,
}

/// Reads the article of each key; a missing or unreadable one is a
/// problem at the store's first line about it.
fn read_articles<'s>(
    ws: &Workspace,
    store: &'s Store,
    problems: &mut Vec<FileProblem>,
) -> Vec<(Read, &'s [crate::annotations::Decision])> {
    let mut out = Vec::new();
    for (key, decisions) in store.articles() {
        let path = if ws.config.root == Path::new(".") { PathBuf::from(key) } else { ws.config.root.join(key) };
        match read_article(&path, ARTICLE_CAP) {
            Ok(text) => out.push((Read { key: key.to_string(), article: Article::for_path(&path, &text) }, decisions)),
            Err(e) => {
                let mut problem = FileProblem::whole_file(
                    store.path.as_deref().unwrap_or(Path::new("")),
                    ProblemLevel::Warning,
                    format!("{} decision(s) about {key} not scored: {}", decisions.len(), e.message),
                );
                problem.line = decisions[0].line;
                problems.push(problem);
            }
        }
    }
    out
}

/// The items of one article's decisions; stale ones become problems.
fn items_of(
    store: &Store,
    read: &Read,
    decisions: &[crate::annotations::Decision],
    problems: &mut Vec<FileProblem>,
) -> Vec<Item> {
    let (items, stale) = score::items(read.article.text(), decisions);
    let at = store.path.as_deref().unwrap_or(Path::new(""));
    for d in stale {
        let u = crate::analysis::human::Unapplied {
            line: d.line,
            text: d.anchor.text.clone(),
            reason: "its text and the text around it are no longer in the article; not scored".to_string(),
        };
        problems.push(crate::annotations::unapplied_problem(at, Path::new(&read.key), &u));
    }
    items
}

fn load_store(path: &Path, ws: &Workspace) -> Result<Store, Vec<FileProblem>> {
    if !path.is_file() {
        return Err(vec![FileProblem::whole_file(path, ProblemLevel::Error, "no such annotation store")]);
    }
    Store::load(path, &ws.config.root).map_err(|e| e.0)
}

/// `path:line:column` of a span's start in an article.
fn place(read: &Read, range: &std::ops::Range<usize>) -> (String, u32, u32) {
    let text = read.article.text();
    let at = read.article.lines().position(text, range.start, ColumnUnit::Scalar);
    (read.key.clone(), at.line + 1, at.col + 1)
}

pub(super) fn eval(args: EvalArgs) -> ExitCode {
    let ws = match workspace(args.config.as_deref()) {
        Ok(ws) => ws,
        Err(problems) => return fail(&problems),
    };
    let gold = match load_store(&args.gold, &ws) {
        Ok(store) => store,
        Err(problems) => return fail(&problems),
    };
    let mut problems = Vec::new();
    let mut evaluation = Evaluation::default();
    let mut cases: Vec<(bool, Value, String)> = Vec::new();
    for (read, decisions) in read_articles(&ws, &gold, &mut problems) {
        let items = items_of(&gold, &read, decisions, &mut problems);
        // The tool's own annotations: no store applied.
        let analysis = crate::analysis::analyze(&read.article, &ws.registry, &ws.lexicon, &ws.config.options);
        let (misses, alarms) = (evaluation.misses.len(), evaluation.false_alarms.len());
        score::evaluate(&mut evaluation, &read.key, &items, &analysis, &ws.registry);
        for (miss, case) in evaluation.misses[misses..]
            .iter()
            .map(|c| (true, c))
            .chain(evaluation.false_alarms[alarms..].iter().map(|c| (false, c)))
        {
            cases.push((miss, case_json(&read, case), case_text(&read, case)));
        }
    }
    evaluation.finish();
    let stale: Vec<Value> = problems.iter().map(problem_json).collect();
    match args.format {
        ReportFormat::Json => {
            let report = json!({
                "gold": shown_path(&args.gold),
                "links": evaluation.links,
                "speakers": evaluation.speakers,
                "rules": evaluation.rules,
                "misses": cases.iter().filter(|c| c.0).map(|c| &c.1).collect::<Vec<_>>(),
                "false_alarms": cases.iter().filter(|c| !c.0).map(|c| &c.1).collect::<Vec<_>>(),
                "stale": stale,
            });
            println!("{report:#}");
        }
        ReportFormat::Text => {
            println!("{:<24} {:>4} {:>4} {:>4}  {:>9}  {:>6}", "", "tp", "fp", "fn", "precision", "recall");
            let rows = [("links", &evaluation.links), ("speakers", &evaluation.speakers)];
            for (name, s) in rows.into_iter().chain(evaluation.rules.iter().map(|(r, s)| (r.as_str(), s))) {
                println!(
                    "{name:<24} {:>4} {:>4} {:>4}  {:>9}  {:>6}",
                    s.true_positives,
                    s.false_positives,
                    s.false_negatives,
                    figure(s.precision),
                    figure(s.recall)
                );
            }
            for (title, misses) in [("Misses:", true), ("False alarms:", false)] {
                let lines: Vec<&String> = cases.iter().filter(|c| c.0 == misses).map(|c| &c.2).collect();
                if !lines.is_empty() {
                    println!("\n{title}");
                    for line in lines {
                        println!("  {line}");
                    }
                }
            }
            for p in &problems {
                eprintln!("{p}");
            }
        }
    }
    ExitCode::SUCCESS
}

pub(super) fn agree(args: AgreeArgs) -> ExitCode {
    let ws = match workspace(args.config.as_deref()) {
        Ok(ws) => ws,
        Err(problems) => return fail(&problems),
    };
    let (a, b) = match (load_store(&args.a, &ws), load_store(&args.b, &ws)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(mut pa), Err(pb)) => {
            pa.extend(pb);
            return fail(&pa);
        }
        (Err(p), _) | (_, Err(p)) => return fail(&p),
    };
    let mut problems = Vec::new();
    let reads_a = read_articles(&ws, &a, &mut problems);
    let reads_b = read_articles(&ws, &b, &mut problems);
    let mut articles: Vec<(&Read, Vec<Item>, Vec<Item>)> = Vec::new();
    for (read, decisions) in &reads_a {
        let items_a = items_of(&a, read, decisions, &mut problems);
        let items_b = match reads_b.iter().find(|(r, _)| r.key == read.key) {
            Some((rb, db)) => items_of(&b, rb, db, &mut problems),
            None => Vec::new(),
        };
        articles.push((read, items_a, items_b));
    }
    for (read, decisions) in reads_b.iter().filter(|(r, _)| !reads_a.iter().any(|(ra, _)| ra.key == r.key)) {
        let items_b = items_of(&b, read, decisions, &mut problems);
        articles.push((read, Vec::new(), items_b));
    }
    let agreement = score::agree(articles.iter().map(|(r, ia, ib)| (r.key.as_str(), ia.clone(), ib.clone())));
    let disagreements: Vec<(Value, String)> = agreement
        .disagreements
        .iter()
        .map(|d| {
            let read = articles.iter().find(|(r, _, _)| r.key == d.path).map(|(r, _, _)| *r).expect("a scored article");
            let (path, line, column) = place(read, &d.range);
            let text = &read.article.text()[d.range.clone()];
            (
                json!({"path": path, "line": line, "column": column, "category": d.category, "text": text, "a": d.a, "b": d.b}),
                format!("{path}:{line}:{column}: {} ‘{}’: A {}, B {}", d.category, shown(text), d.a, d.b),
            )
        })
        .collect();
    match args.format {
        ReportFormat::Json => {
            let report = json!({
                "a": shown_path(&args.a),
                "b": shown_path(&args.b),
                "categories": agreement.categories,
                "only_a": agreement.only_a,
                "only_b": agreement.only_b,
                "disagreements": disagreements.iter().map(|d| &d.0).collect::<Vec<_>>(),
                "stale": problems.iter().map(problem_json).collect::<Vec<_>>(),
            });
            println!("{report:#}");
        }
        ReportFormat::Text => print_agreement(&agreement, &disagreements, &problems),
    }
    ExitCode::SUCCESS
}

fn print_agreement(agreement: &Agreement, disagreements: &[(Value, String)], problems: &[FileProblem]) {
    println!("{:<10} {:>5} {:>6} {:>8} {:>8} {:>6}", "", "items", "agreed", "observed", "expected", "kappa");
    for (name, c) in &agreement.categories {
        println!(
            "{name:<10} {:>5} {:>6} {:>8} {:>8} {:>6}",
            c.items,
            c.agreed,
            figure(c.observed),
            figure(c.expected),
            figure(c.kappa)
        );
    }
    println!("\nDecided by one annotator only: A {}, B {}.", agreement.only_a, agreement.only_b);
    println!("\nPer label (A, B, both, specific agreement):");
    for (name, c) in agreement.categories.iter().filter(|(n, _)| **n != "all") {
        for l in &c.labels {
            println!("  {name:<10} {:<24} {:>3} {:>3} {:>3}  {:.3}", shown(&l.label), l.a, l.b, l.both, l.specific);
        }
    }
    if !disagreements.is_empty() {
        println!("\nDisagreements:");
        for (_, line) in disagreements {
            println!("  {line}");
        }
    }
    for p in problems {
        eprintln!("{p}");
    }
}

/// A figure to three decimals, `-` when undefined.
fn figure(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |v| format!("{v:.3}"))
}

/// Article text on one line, control characters escaped.
fn shown(text: &str) -> String {
    crate::text::terminal::escape_controls(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

fn case_json(read: &Read, case: &Case) -> Value {
    let (path, line, column) = place(read, &case.range);
    let text = &read.article.text()[case.range.clone()];
    json!({"path": path, "line": line, "column": column, "kind": case.kind, "text": text,
           "expected": case.expected, "found": case.found})
}

fn case_text(read: &Read, case: &Case) -> String {
    let (path, line, column) = place(read, &case.range);
    let text = &read.article.text()[case.range.clone()];
    format!("{path}:{line}:{column}: {} ‘{}’: expected {}, found {}", case.kind, shown(text), case.expected, case.found)
}

fn problem_json(p: &FileProblem) -> Value {
    json!({"path": shown_path(&p.path), "line": p.line, "message": p.message})
}
