//! The command line: `copydesk check`, `rules`, `explain`.
//!
//! This is an edge layer: it turns arguments into calls on the core and the
//! core's findings into text, JSON and exit codes. Nothing in the core
//! depends on it.

mod check;
pub mod output;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::finding::Severity;
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
    /// List the rules with their default severities.
    Rules,
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

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or folders to check. Folders are walked honouring .gitignore
    /// and the configuration's include/exclude globs.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit with status 1 when a finding of this severity or worse is reported.
    #[arg(long, value_enum, default_value = "warning")]
    fail_on: FailOn,
    /// Use this configuration file instead of discovering copydesk.toml
    /// above each path.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// Runs the CLI and returns the process exit code: 0 when no finding
/// reaches `--fail-on`, 1 when one does, 2 for usage, configuration,
/// registry or input errors.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules => {
            print_rules();
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => explain(&rule),
    }
}

fn print_rules() {
    let width = rules::all().iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
    for rule in rules::all() {
        let meta = rule.meta();
        let fix = match meta.fix {
            rules::FixAvailability::None => "   ",
            _ => "fix",
        };
        println!("{:<width$}  {:<7}  {fix}  {}", meta.id, meta.default_severity.as_str(), meta.summary);
    }
}

fn explain(id: &str) -> ExitCode {
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
