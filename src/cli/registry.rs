//! `copydesk registry ...`: building and keeping the registry. Each
//! subcommand has its own module; the work is the core's
//! (`crate::registry`), this layer reads arguments and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};

/// `copydesk registry` subcommands.
#[derive(Debug, Subcommand)]
pub(super) enum RegistryCommand {
    /// Import actors into a registry file, or sync a registry with a newer
    /// export.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// List the people the articles name who are not in the registry,
    /// ranked by mentions, as registry entries to review.
    Suggest(SuggestArgs),
    /// Check the registry for duplicates, doubly claimed spellings, common
    /// word surnames, impossible role overlaps and roles without forms.
    Lint(LintArgs),
}

/// Where an import reads from.
#[derive(Debug, Subcommand)]
pub(super) enum ImportSource {
    /// Wikidata entity JSON: the dump (one entity a line, plain or gzip),
    /// `Special:EntityData` documents, or JSON Lines of entities.
    Wikidata(WikidataArgs),
}

#[derive(Debug, clap::Args)]
pub(super) struct WikidataArgs {
    /// Entity files (`.json`, `.jsonl`, either gzip-compressed).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The registry file to write. A new file is written whole (TOML, or
    /// JSON Lines for `.jsonl`/`.ndjson`); an existing TOML registry is
    /// synced: matched by Wikidata id, it gains roles, aliases and ends
    /// of office, and keeps every hand edit.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Language of names and aliases, in order of preference (repeatable;
    /// the first that has a label gives the name, the others aliases).
    #[arg(long = "lang", value_name = "CODE", default_value = "en")]
    pub languages: Vec<String>,
    /// TOML file of position titles and forms (`[positions.Q123]` with
    /// `title` and `forms`) and more classes (`[classes]`, `Q123 =
    /// "organization"`).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// With an existing registry: print what a sync would change, write
    /// nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Output formats of `registry suggest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum SuggestFormat {
    /// `[[actor]]` entries, with the evidence in comments.
    Toml,
    /// One JSON object a line: `{"entry": {...}, "mentions", "articles", "contexts"}`.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub(super) struct SuggestArgs {
    /// Files or folders of articles (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "toml")]
    pub format: SuggestFormat,
    /// Use this configuration file instead of discovering copydesk.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only people mentioned at least N times.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_mentions: usize,
    /// At most N people (the most mentioned).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// Output formats of `registry lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum LintFormat {
    /// `path:line:column: lint-id: message`.
    Text,
    /// One JSON object a line.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub(super) struct LintArgs {
    /// Registry files (default: the registry copydesk.toml names).
    pub files: Vec<PathBuf>,
    /// Use this configuration file instead of discovering copydesk.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: LintFormat,
}

pub(super) fn run(command: RegistryCommand) -> ExitCode {
    match command {
        RegistryCommand::Import { source: ImportSource::Wikidata(args) } => super::import::run(args),
        RegistryCommand::Suggest(args) => super::suggest::run(args),
        RegistryCommand::Lint(args) => super::lint::run(args),
    }
}
