//! `copydesk export`: the annotated corpus as JSON Lines or brat standoff.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use super::check::{fail, group_by_config, read_article};
use super::{ExportArgs, ExportFormat, guard, record};
use crate::analysis::Analysis;
use crate::article::Article;
use crate::position::CodePoints;
use crate::problem::FileProblem;
use crate::registry::{ActorKind, Registry};
use crate::workspace::{Workspace, collect_articles};

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
    let groups = match group_by_config(&paths, args.config.as_deref()) {
        Ok(g) => g,
        Err(problems) => return fail(&problems),
    };
    let registry = args.registry.clone();
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        eprintln!("copydesk: {}: cannot create: {e}", crate::text::shown_path(&out_dir));
        return ExitCode::from(2);
    }
    let mut problems = Vec::new();
    let mut records = Vec::new();
    let mut written = 0;
    for (config, paths) in groups {
        let ws = match Workspace::load(config, &registry) {
            Ok(ws) => ws,
            Err(errors) => return fail(&errors),
        };
        let (files, walk) = collect_articles(&ws.config, &paths);
        problems.extend(walk);
        let results: Vec<Result<(PathBuf, String, Option<FileProblem>), FileProblem>> = files
            .par_iter()
            .map(|path| {
                let text = read_article(path, args.max_file_size)?;
                // The pure part runs under the guard; files are written after it.
                let (exported, note) = guard::article(path, || {
                    let article = Article::for_path(path, &text);
                    let analysis = ws.analyze(&article);
                    let note =
                        analysis.omitted.as_ref().map(|o| super::check::omitted_findings(path, article.text(), o));
                    let exported = match args.format {
                        ExportFormat::Jsonl => {
                            let mut r = record::article(&article, &analysis, &ws.registry);
                            r.path = Some(path.to_string_lossy().replace('\\', "/"));
                            serde_json::to_string(&r).expect("a record always serialises")
                        }
                        ExportFormat::Brat => brat_annotations(&article, &analysis, &ws.registry),
                    };
                    (exported, note)
                })?;
                if args.format == ExportFormat::Brat {
                    write_brat(&out_dir, path, &text, &exported)?;
                    return Ok((path.clone(), String::new(), note));
                }
                Ok((path.clone(), exported, note))
            })
            .collect();
        for r in results {
            match r {
                Ok((path, line, note)) => {
                    written += 1;
                    records.push((path, line));
                    problems.extend(note);
                }
                Err(p) => problems.push(p),
            }
        }
    }
    let finished = match args.format {
        ExportFormat::Jsonl => {
            records.sort();
            let path = out_dir.join("annotations.jsonl");
            let body: String = records.iter().map(|(_, line)| format!("{line}\n")).collect();
            std::fs::write(&path, body).map_err(|e| format!("{}: cannot write: {e}", crate::text::shown_path(&path)))
        }
        ExportFormat::Brat => write_brat_config(&out_dir),
    };
    if let Err(e) = finished {
        eprintln!("copydesk: {e}");
        return ExitCode::from(2);
    }
    for p in &problems {
        eprintln!("{p}");
    }
    eprintln!(
        "Exported {written} article{} to {}.",
        if written == 1 { "" } else { "s" },
        crate::text::shown_path(&out_dir)
    );
    if problems.iter().any(FileProblem::is_error) { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// Where an article's brat files go under `out`: its path, made relative
/// and without `..`, with the extension replaced.
fn brat_base(out: &Path, path: &Path) -> PathBuf {
    let clean: PathBuf = path.components().filter(|c| matches!(c, Component::Normal(_))).collect();
    out.join(clean)
}

fn brat_type(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Person",
        ActorKind::Organization => "Organization",
        ActorKind::Group => "Group",
        ActorKind::Place => "Place",
    }
}

/// The `.ann` file of an article: T and N lines, offsets in code points,
/// end exclusive; a name broken over lines becomes fragments.
fn brat_annotations(article: &Article, analysis: &Analysis, registry: &Registry) -> String {
    let text = article.text();
    let code_points = CodePoints::new(text);
    let mut ann = String::new();
    let (mut t, mut n) = (0, 0);
    for m in &analysis.mentions {
        let Some(idx) = m.actor else { continue };
        let actor = registry.actor(idx);
        t += 1;
        let mut fragments = Vec::new();
        let mut start = m.range.start;
        for piece in text[m.range.clone()].split_inclusive(['\n', '\r']) {
            let content = piece.trim_end_matches(['\n', '\r']);
            let content_start = start + (content.len() - content.trim_start().len());
            if !content.trim().is_empty() {
                let a = code_points.at(content_start);
                let b = code_points.at(start + content.len());
                fragments.push((a, b, &text[content_start..start + content.len()]));
            }
            start += piece.len();
        }
        let offsets: Vec<String> = fragments.iter().map(|(a, b, _)| format!("{a} {b}")).collect();
        let shown: Vec<&str> = fragments.iter().map(|(_, _, s)| *s).collect();
        ann.push_str(&format!("T{t}\t{} {}\t{}\n", brat_type(actor.kind), offsets.join(";"), shown.join(" ")));
        n += 1;
        ann.push_str(&format!("N{n}\tReference T{t} copydesk:{}\t{}\n", actor.id, actor.name));
        if let Some(q) = &actor.wikidata {
            n += 1;
            ann.push_str(&format!("N{n}\tReference T{t} Wikidata:{q}\t{}\n", actor.name));
        }
    }
    ann
}

/// Writes `X.txt` (the article text: the file without a byte-order mark)
/// and `X.ann` for the article at `path`.
fn write_brat(out: &Path, path: &Path, file_text: &str, ann: &str) -> Result<(), FileProblem> {
    let base = brat_base(out, path);
    let error = |e: std::io::Error| {
        FileProblem::whole_file(&base, crate::problem::ProblemLevel::Error, format!("cannot write: {e}"))
    };
    if let Some(dir) = base.parent() {
        std::fs::create_dir_all(dir).map_err(error)?;
    }
    let text = file_text.strip_prefix('\u{feff}').unwrap_or(file_text);
    std::fs::write(base.with_extension("txt"), text).map_err(error)?;
    std::fs::write(base.with_extension("ann"), ann).map_err(error)
}

/// brat's `annotation.conf` and `tools.conf` for the exported types and
/// normalisation databases.
fn write_brat_config(out: &Path) -> Result<(), String> {
    let annotation = "[entities]\nPerson\nOrganization\nGroup\nPlace\n\n[relations]\n\n[events]\n\n[attributes]\n";
    let tools = "[normalization]\ncopydesk\t<URL>:actors.toml\nWikidata\t<URL>:https://www.wikidata.org/, <URLBASE>:https://www.wikidata.org/wiki/%s\n";
    for (name, body) in [("annotation.conf", annotation), ("tools.conf", tools)] {
        let path = out.join(name);
        let mut file = std::fs::File::create(&path)
            .map_err(|e| format!("{}: cannot write: {e}", crate::text::shown_path(&path)))?;
        file.write_all(body.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", crate::text::shown_path(&path)))?;
    }
    Ok(())
}
