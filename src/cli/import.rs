//! `copydesk registry import wikidata FILE... -o OUT`: a new registry
//! written as the entities stream by, or an existing one synced.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use super::registry::WikidataArgs;
use super::safe_write::{NewFile, replace_file};
use crate::input::{REGISTRY_CAP, read_capped};
use crate::registry::wikidata::sync::{Change, Sync};
use crate::registry::wikidata::write::{Ids, to_json_line, to_toml};
use crate::registry::wikidata::{ImportStats, Importer, Mapping, import};

pub(super) fn run(args: WikidataArgs) -> ExitCode {
    match run_import(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("copydesk: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_import(args: &WikidataArgs) -> Result<(), String> {
    let mapping = match &args.mapping {
        Some(path) => {
            let text = read_text(path)?;
            Mapping::parse(path, &text)?
        }
        None => Mapping::default(),
    };
    let mut importer = Importer::new(args.languages.clone(), mapping);
    let out = &args.output;
    if std::fs::symlink_metadata(out).is_ok() {
        return sync(args, &mut importer);
    }
    if args.dry_run {
        return Err(format!("--dry-run previews a sync, and {} does not exist yet", out.display()));
    }
    let jsonl = is_jsonl(out);
    let file = NewFile::create(out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let mut writer = BufWriter::with_capacity(1 << 16, file);
    let mut ids = Ids::default();
    let mut written = Ok(());
    if !jsonl {
        let header = format!(
            "# Imported from Wikidata by `copydesk registry import wikidata` ({}).\n# Edit freely: a later import into this file keeps your edits.\n",
            args.languages.join(", ")
        );
        written = writer.write_all(header.as_bytes());
    }
    let stats = import(&args.files, &mut importer, |actor| {
        if written.is_ok() {
            let id = ids.assign(&actor);
            let text = if jsonl { to_json_line(&actor, &id) } else { to_toml(&actor, &id) };
            written = writer.write_all(text.as_bytes());
        }
    })
    .map_err(|e| format!("{e}; {} was not written", out.display()))?;
    let cannot = |e: std::io::Error| format!("cannot write {}: {e}", out.display());
    written.map_err(cannot)?;
    let file = writer.into_inner().map_err(|e| cannot(e.into_error()))?;
    file.commit().map_err(cannot)?;
    let [people, organizations, groups, places] = stats.actors;
    let actors = people + organizations + groups + places;
    println!(
        "Imported {actors} actors ({people} people, {organizations} organizations, {places} places) with {} roles from {} entities into {}.",
        stats.roles,
        stats.entities,
        out.display()
    );
    warn_skipped(&stats, &args.languages);
    Ok(())
}

fn sync(args: &WikidataArgs, importer: &mut Importer) -> Result<(), String> {
    let out = &args.output;
    if is_jsonl(out) {
        return Err(format!(
            "{} exists and is JSON Lines; a sync edits TOML registries only (import into a new file instead)",
            out.display()
        ));
    }
    let original = read_text(out)?;
    let mut sync = Sync::parse(&original).map_err(|e| format!("{}:{e}", out.display()))?;
    let mut changes: Vec<Change> = Vec::new();
    let mut touched = rustc_hash::FxHashSet::default();
    let stats = import(&args.files, importer, |actor| {
        for change in sync.merge(actor) {
            if let Some(id) = changed_id(&change) {
                touched.insert(id.to_string());
            }
            changes.push(change);
        }
    })
    .map_err(|e| format!("{e}; {} was not changed", out.display()))?;
    let text = sync.finish();
    // The merged file must still load: a sync never leaves a broken registry.
    let load = crate::registry::parse_registry_text([(out.as_path(), text.as_str())]);
    if load.has_errors() {
        let first = load.problems.iter().find(|p| p.is_error()).map(|p| p.message.clone()).unwrap_or_default();
        return Err(format!("the synced registry would not load ({first}); {} was not changed", out.display()));
    }
    // Names and aliases come from the input: no control character
    // reaches a terminal raw.
    for change in &changes {
        println!("{}", crate::text::terminal::escape_controls(&change.to_string()));
    }
    let added = changes.iter().filter(|c| matches!(c, Change::Added { .. })).count();
    let verb = if args.dry_run { "Would sync" } else { "Synced" };
    println!(
        "{verb} {} from {} entities: {added} actors added, {} updated ({} changes).",
        out.display(),
        stats.entities,
        touched.len(),
        changes.len() - added
    );
    warn_skipped(&stats, &args.languages);
    if !args.dry_run && text != original {
        replace_file(out, original.as_bytes(), &[text.as_bytes()]).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}

fn changed_id(change: &Change) -> Option<&str> {
    match change {
        Change::Added { .. } => None,
        Change::Alias { id, .. } | Change::Role { id, .. } | Change::Dated { id, .. } | Change::Description { id } => {
            Some(id)
        }
    }
}

/// Notes on standard error for what the import left out, and how to get it.
fn warn_skipped(stats: &ImportStats, languages: &[String]) {
    if stats.untitled_roles > 0 {
        eprintln!(
            "copydesk: {} roles left out: their positions ({}) are not in the input; add those entities to it, or title them in a mapping file (--mapping)",
            stats.untitled_roles,
            stats.untitled_examples.join(", ")
        );
    }
    if stats.unlabelled > 0 {
        eprintln!(
            "copydesk: {} entities left out: they have no label in {}; name more languages with --lang",
            stats.unlabelled,
            languages.join(", ")
        );
    }
    if stats.undated_roles > 0 {
        eprintln!(
            "copydesk: {} roles imported without dates: Wikidata has them ending before they begin",
            stats.undated_roles
        );
    }
}

fn is_jsonl(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"))
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_capped(path, REGISTRY_CAP).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!("{} is not UTF-8 (invalid byte at offset {})", path.display(), e.utf8_error().valid_up_to())
    })
}
