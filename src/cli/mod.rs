//! The command line: `copydesk check`, `export`, `eval`, `agree`, `rules`,
//! `explain`, `lsp`.
//!
//! This is an edge layer: it turns arguments into calls on the core and the
//! core's findings into text, JSON and exit codes. Nothing in the core
//! depends on it.

mod annotate;
mod baseline;
mod brat;
mod check;
mod export;
mod files_from;
mod fix;
mod guard;
mod import;
mod init;
mod lint;
pub mod output;
mod registry;
use crate::record;
mod report;
mod safe_write;
mod sink;
mod statistics;
mod stream;
mod suggest;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::finding::Severity;
use crate::input::{ARTICLE_CAP_TEXT, parse_size};
use crate::rules;

/// Links actor mentions and checks names and sourcing in news articles.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check articles (files or folders; default: the current folder).
    Check(CheckArgs),
    /// Export the annotated corpus (mentions and findings) as JSON Lines or
    /// brat standoff.
    Export(ExportArgs),
    /// Write a starter copydesk.toml and actors.toml, with comments, in DIR
    /// (default: the current folder); existing files are kept.
    Init {
        /// The folder (created if needed).
        dir: Option<PathBuf>,
    },
    /// Build and keep the actor registry: import from Wikidata, suggest
    /// the unregistered people of a corpus, lint.
    Registry {
        #[command(subcommand)]
        command: registry::RegistryCommand,
    },
    /// Score copydesk's automatic annotations against a person's (gold)
    /// annotation store: precision and recall per rule, for links and for
    /// speakers, with every miss and false alarm.
    Eval(annotate::EvalArgs),
    /// Agreement between two annotators' stores: Cohen's kappa and
    /// per-label agreement on mentions, links, speakers, sourcing and
    /// findings, with every disagreement.
    Agree(annotate::AgreeArgs),
    /// List the rules with their default severities.
    Rules {
        /// Print every rule's full documentation as Markdown (docs/rules.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Run the language server over stdin/stdout (for editors).
    Lsp {
        /// Accepted and ignored: standard input and output are the only
        /// transport (many client setups pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Explain a rule: what it flags, why, and an example.
    Explain {
        /// The rule id, e.g. misspelled-name.
        rule: String,
    },
}

/// Output formats of `copydesk check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: severity[rule] message`, with the source excerpt.
    Text,
    /// One JSON document: `{"version": 1, "findings": [...], "summary": {...}}`.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

/// The lowest severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail (the default).
    Warning,
    /// Info and above fail.
    Info,
    /// Any finding fails.
    Hint,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Hint => Some(Severity::Hint),
            FailOn::Never => None,
        }
    }
}

/// When text output is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour output written to standard output, given the
    /// environment (<https://no-color.org>, CLICOLOR_FORCE).
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto => set("CLICOLOR_FORCE") || std::io::stdout().is_terminal(),
        }
    }
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or folders to check. Folders are walked honouring .gitignore
    /// and the configuration's include/exclude globs.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Colour in text output: `auto` colours a terminal unless NO_COLOR is
    /// set (CLICOLOR_FORCE=1 colours a pipe too); `always`; `never`.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    color: ColorChoice,
    /// Exit with status 1 when a finding of this severity or worse is reported.
    #[arg(long, value_enum, default_value = "warning")]
    fail_on: FailOn,
    /// Use this configuration file instead of discovering copydesk.toml
    /// above each path.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Also load this registry file (may be outside the workspace; repeatable).
    #[arg(long, value_name = "FILE")]
    registry: Vec<PathBuf>,
    /// Apply safe fixes (misspellings, variants, doubled words) in place.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, also the unsafe fixes (a name spelled to match
    /// the rest of the article, a title made to fit the date): they may
    /// change facts, so review the result. `copydesk rules` says which
    /// rules' fixes are unsafe.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Also check the paths listed in FILE (`-`: standard input), one a
    /// line or NUL-separated (`git diff -z`); an empty list checks nothing.
    /// For CI runs over the files a change touches.
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Named files too must be articles by the configuration's include and
    /// exclude globs; others are passed over (for pre-commit hooks and
    /// scripts that pass every changed file).
    #[arg(long)]
    articles_only: bool,
    /// Print the safe fixes as a unified diff instead of applying them.
    #[arg(long)]
    diff: bool,
    /// Record today's findings in FILE and exit 0 (for adopting copydesk
    /// on an existing corpus).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report only findings that are not in the baseline FILE.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Also print counts per rule, mentions per actor and spelling splits.
    #[arg(long)]
    statistics: bool,
    /// Read articles as JSON Lines from stdin and write one JSON line of
    /// findings per article, in input order.
    #[arg(long)]
    stdin_jsonl: bool,
    /// Skip (and report) any article, or `--stdin-jsonl` line, larger than
    /// SIZE (e.g. 64MiB, 500k; binary units). Protects the run from huge or
    /// endless inputs.
    #[arg(long, value_name = "SIZE", default_value = ARTICLE_CAP_TEXT, value_parser = parse_size)]
    max_file_size: u64,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per article in DIR/annotations.jsonl.
    Jsonl,
    /// brat standoff: X.txt and X.ann per article, plus annotation.conf.
    Brat,
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// Files or folders to export (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ExportFormat,
    /// Output folder (created if needed). Needed unless --stdin-jsonl,
    /// which writes to standard output.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Use this configuration file instead of discovering copydesk.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Read articles as JSON Lines from stdin and write records to stdout.
    #[arg(long)]
    stdin_jsonl: bool,
    /// Also load this registry file (may be outside the workspace; repeatable).
    #[arg(long, value_name = "FILE")]
    registry: Vec<PathBuf>,
    /// Skip (and report) any article, or `--stdin-jsonl` line, larger than
    /// SIZE (e.g. 64MiB, 500k; binary units). Protects the run from huge or
    /// endless inputs.
    #[arg(long, value_name = "SIZE", default_value = ARTICLE_CAP_TEXT, value_parser = parse_size)]
    max_file_size: u64,
}

/// Runs the CLI and returns the process exit code: 0 when no finding
/// reaches `--fail-on`, 1 when one does, 2 for usage, configuration,
/// registry or input errors.
pub fn main() -> ExitCode {
    main_with(std::env::args_os())
}

/// [`main`] with the arguments given (the program name first): the entry
/// point of the Python package's `copydesk` command, whose process
/// arguments are the interpreter's.
pub fn main_with<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Export(args) => export::run(args),
        Command::Init { dir } => init::run(dir),
        Command::Registry { command } => registry::run(command),
        Command::Eval(args) => annotate::eval(args),
        Command::Agree(args) => annotate::agree(args),
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", rules_markdown());
            } else {
                print_rules();
            }
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => explain(&rule),
        Command::Lsp { stdio: _ } => crate::lsp::run(),
    };
    // A registry built in this run is being saved to the compiled lexicon
    // cache meanwhile; exiting would cut the write short.
    crate::compiled::finish_writes();
    code
}

fn print_rules() {
    let width = rules::all().iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
    for rule in rules::all() {
        let meta = rule.meta();
        let fix = match meta.fix_safety {
            None => String::new(),
            Some(_) => format!("{} fix", meta.fix_safety_str()),
        };
        println!("{:<width$}  {:<7}  {fix:<10}  {}", meta.id, meta.default_severity.as_str(), meta.summary);
    }
}

/// Every rule's documentation as one Markdown page: the source of
/// `docs/rules.md`.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated by `copydesk rules --markdown` from the rules' doc comments; \
         `copydesk explain RULE` prints the same text. Set a rule's severity, or turn it off, \
         in the `[rules]` table of `copydesk.toml`. Safe fixes are applied by `check --fix`; unsafe ones \
         (they may change facts) only by `check --fix --unsafe-fixes`.\n\n| rule | default | fix | summary |\n|---|---|---|---|\n",
    );
    for rule in rules::all() {
        let meta = rule.meta();
        let fix = meta.fix_safety_str();
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {fix} | {} |\n",
            meta.id, meta.id, meta.default_severity, meta.summary
        ));
    }
    for rule in rules::all() {
        let meta = rule.meta();
        let body = meta.explanation_text().replace("\n## ", "\n### ");
        let body = body.strip_prefix("## ").map(|b| format!("### {b}")).unwrap_or(body);
        out.push_str(&format!("\n## {}\n\nDefault severity: {}.\n\n{}\n", meta.id, meta.default_severity, body));
    }
    out
}

fn explain(id: &str) -> ExitCode {
    if id == crate::problem::INTERNAL_ERROR {
        // Not a rule (it cannot be configured), but users meet its id.
        println!("# {id} (a problem, not a rule: copydesk failed on a file)\n");
        println!("{}", guard::EXPLANATION);
        return ExitCode::SUCCESS;
    }
    if id == crate::analysis::spellings::CORPUS_SPELLING {
        println!("# {id} (a language server diagnostic, not a rule of check; default info)\n");
        println!("{}", crate::analysis::spellings::EXPLANATION);
        return ExitCode::SUCCESS;
    }
    match rules::by_id(id) {
        Some(rule) => {
            let meta = rule.meta();
            println!("# {} ({}, default {})\n", meta.id, meta.summary, meta.default_severity);
            println!("{}", meta.explanation_text());
            ExitCode::SUCCESS
        }
        None => {
            let known: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
            eprintln!("copydesk: unknown rule `{id}`; the rules are: {}", known.join(", "));
            ExitCode::from(2)
        }
    }
}
