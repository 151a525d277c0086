//! `copydesk export`: the annotated corpus as JSON Lines or brat standoff.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use super::check::{fail, read_article};
use super::safe_write::{NewFile, write_new};
use super::{ExportArgs, ExportFormat, guard, record};
use crate::article::Article;
use crate::problem::{FileProblem, ProblemLevel};

use crate::text::shown_path;
use crate::workspace::{Workspace, plan_run};

/// Files exported in parallel at a time; each batch is written, in path
/// order, before the next is read (bounded memory, as in `check`).
const BATCH: usize = 256;

/// The file that marks a folder as an export: folder walks skip it, so an
/// export inside a workspace is never checked as articles.
pub const EXPORT_MARKER: &str = crate::workspace::EXPORT_MARKER;

pub(super) fn run(args: ExportArgs) -> ExitCode {
    if args.stdin_jsonl {
        if args.format != ExportFormat::Jsonl {
            eprintln!("copydesk: --stdin-jsonl writes JSON Lines to standard output; use --format jsonl");
            return ExitCode::from(2);
        }
        return super::stream::run(
            args.config.as_deref(),
            &args.registry,
            super::stream::Output::Record,
            None,
            args.max_file_size,
        );
    }
    let Some(out_dir) = args.output.clone() else {
        eprintln!("copydesk: export needs -o DIR (or --stdin-jsonl)");
        return ExitCode::from(2);
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    // The folder is created and marked first, so not even this run walks it.
    if let Err(e) = prepare_output(&out_dir) {
        eprintln!("copydesk: {}: cannot create the export folder: {e}", shown_path(&out_dir));
        return ExitCode::from(2);
    }
    let run = match plan_run(&paths, args.config.as_deref(), &args.registry, false) {
        Ok(run) => run,
        Err(problems) => return fail(&problems),
    };
    if let Some(note) = run.ungoverned_note() {
        eprintln!("copydesk: {note}");
    }
    let mut problems: Vec<FileProblem> = run.workspaces.iter().flat_map(|w| w.warnings.iter().cloned()).collect();
    problems.extend(run.walk_problems);
    let workspaces = run.workspaces;
    let mut files = run.files;
    if args.format == ExportFormat::Brat {
        files = without_collisions(&out_dir, files, &mut problems);
    }
    let mut jsonl = match args.format {
        ExportFormat::Jsonl => match NewFile::create(&out_dir.join("annotations.jsonl")) {
            Ok(file) => Some((file.path().to_path_buf(), std::io::BufWriter::new(file))),
            Err(e) => {
                eprintln!("copydesk: {}: cannot write: {e}", shown_path(&out_dir.join("annotations.jsonl")));
                return ExitCode::from(2);
            }
        },
        ExportFormat::Brat => None,
    };
    let mut written = 0;
    let mut write_error = None;
    super::safe_write::catch_interrupts();
    for batch in files.chunks(BATCH) {
        if super::safe_write::interrupted() {
            // The unfinished annotations.jsonl is dropped, and so removed.
            drop(jsonl);
            eprintln!(
                "copydesk: interrupted; {} not written (files exported so far are complete).",
                if args.format == ExportFormat::Jsonl { "annotations.jsonl" } else { "annotation.conf" }
            );
            return ExitCode::from(130);
        }
        let results: Vec<Result<(String, Vec<FileProblem>), FileProblem>> =
            batch.par_iter().map(|(group, path)| export_file(&workspaces[*group], &out_dir, path, &args)).collect();
        for result in results {
            match result {
                Ok((line, note)) => {
                    written += 1;
                    problems.extend(note);
                    if let Some((_, out)) = &mut jsonl {
                        if write_error.is_none() {
                            write_error = writeln!(out, "{line}").err();
                        }
                    }
                }
                Err(p) => problems.push(p),
            }
        }
    }
    let _keep = std::mem::ManuallyDrop::new(workspaces);
    let finished = match jsonl {
        Some((path, out)) => match write_error {
            Some(e) => Err(format!("{}: cannot write: {e}", shown_path(&path))),
            None => out
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(NewFile::commit)
                .map_err(|e| format!("{}: cannot write: {e}", shown_path(&path))),
        },
        None => write_brat_config(&out_dir),
    };
    if let Err(e) = finished {
        eprintln!("copydesk: {e}");
        return ExitCode::from(2);
    }
    for p in &problems {
        eprintln!("{p}");
    }
    eprintln!("Exported {written} article{} to {}.", if written == 1 { "" } else { "s" }, shown_path(&out_dir));
    if problems.iter().any(FileProblem::is_error) { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// Exports one article: its JSON line (empty for brat, whose files are
/// written here, after the guard) and notes: findings dropped, decisions
/// of the annotation store that could not be applied.
fn export_file(
    ws: &Workspace,
    out_dir: &Path,
    path: &Path,
    args: &ExportArgs,
) -> Result<(String, Vec<FileProblem>), FileProblem> {
    let text = read_article(path, args.max_file_size)?;
    // The pure part runs under the guard; files are written after it.
    let (exported, note) = guard::article(path, || {
        let article = Article::for_path(path, &text);
        let analysis = ws.analyze(path, &article);
        let mut note: Vec<FileProblem> =
            analysis.omitted.iter().map(|o| super::check::omitted_findings(path, article.text(), o)).collect();
        note.extend(ws.unapplied(path, &analysis));
        let exported = match args.format {
            ExportFormat::Jsonl => {
                let mut r = record::article(&article, &analysis, &ws.registry);
                r.path = Some(path.to_string_lossy().replace('\\', "/"));
                serde_json::to_string(&r).expect("a record always serialises")
            }
            ExportFormat::Brat => super::brat::annotations(&article, &analysis, &ws.registry),
        };
        (exported, note)
    })?;
    if args.format == ExportFormat::Brat {
        write_brat(out_dir, path, &text, &exported)?;
        return Ok((String::new(), note));
    }
    Ok((exported, note))
}

/// Creates the export folder and its marker.
fn prepare_output(out: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let marker = out.join(EXPORT_MARKER);
    if std::fs::symlink_metadata(&marker).is_err() {
        write_new(
            &marker,
            b"This folder is a copydesk export. copydesk skips it when it walks a workspace for articles.\n",
        )?;
    }
    Ok(())
}

/// Where an article's brat files go under `out`: its path, made relative
/// and without `..`, keeping its whole file name (`a.md` gives `a.md.txt`
/// and `a.md.ann`), so `a.md` and `a.txt` in one folder never share files.
fn brat_base(out: &Path, path: &Path) -> PathBuf {
    let clean: PathBuf = path.components().filter(|c| matches!(c, Component::Normal(_))).collect();
    out.join(clean)
}

fn brat_file(base: &Path, extension: &str) -> PathBuf {
    let mut name = base.as_os_str().to_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// The files minus any whose brat files would be another's (`../a.md` and
/// `a.md` both give `a.md.txt`): each of those is an error, not an
/// overwrite.
fn without_collisions(
    out: &Path,
    files: Vec<(usize, PathBuf)>,
    problems: &mut Vec<FileProblem>,
) -> Vec<(usize, PathBuf)> {
    let mut first: std::collections::HashMap<PathBuf, PathBuf> = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(files.len());
    for (group, path) in files {
        let base = brat_base(out, &path);
        match first.get(&base) {
            Some(other) => problems.push(FileProblem::whole_file(
                &path,
                ProblemLevel::Error,
                format!(
                    "not exported: its brat files would overwrite those of {} ({}.txt) — export the two in \
                     separate runs with different -o folders",
                    shown_path(other),
                    shown_path(&base)
                ),
            )),
            None => {
                first.insert(base, path.clone());
                kept.push((group, path));
            }
        }
    }
    kept
}

/// Writes `X.txt` (the article text: the file without a byte-order mark)
/// and `X.ann` for the article at `path`.
fn write_brat(out: &Path, path: &Path, file_text: &str, ann: &str) -> Result<(), FileProblem> {
    let base = brat_base(out, path);
    let error = |e: std::io::Error| FileProblem::whole_file(&base, ProblemLevel::Error, format!("cannot write: {e}"));
    if let Some(dir) = base.parent() {
        std::fs::create_dir_all(dir).map_err(error)?;
    }
    let text = file_text.strip_prefix('\u{feff}').unwrap_or(file_text);
    write_new(&brat_file(&base, "txt"), text.as_bytes()).map_err(error)?;
    write_new(&brat_file(&base, "ann"), ann.as_bytes()).map_err(error)
}

/// brat's `annotation.conf` and `tools.conf` for the exported types and
/// normalisation databases.
fn write_brat_config(out: &Path) -> Result<(), String> {
    let annotation = super::brat::ANNOTATION_CONF;
    let tools = "[normalization]\ncopydesk\t<URL>:actors.toml\nWikidata\t<URL>:https://www.wikidata.org/, <URLBASE>:https://www.wikidata.org/wiki/%s\n";
    for (name, body) in [("annotation.conf", annotation), ("tools.conf", tools)] {
        let path = out.join(name);
        write_new(&path, body.as_bytes()).map_err(|e| format!("{}: cannot write: {e}", shown_path(&path)))?;
    }
    Ok(())
}
