//! `copydesk registry suggest [PATHS]`: the corpus's unregistered people,
//! most mentioned first, as registry entries to review (TOML with the
//! evidence in comments, or JSON Lines).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

use super::registry::{SuggestArgs, SuggestFormat};
use crate::analysis::unknown_names;
use crate::article::Article;
use crate::input::ARTICLE_CAP;
use crate::registry::suggest::{Suggestions, to_json, to_toml};
use crate::workspace::plan_run;

pub(super) fn run(args: SuggestArgs) -> ExitCode {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    if let Some(missing) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
        eprintln!("copydesk: {}: no such file or folder", crate::text::shown_path(missing));
        return ExitCode::from(2);
    }
    let run = match plan_run(&paths, args.config.as_deref(), &[], false) {
        Ok(run) => run,
        Err(problems) => return super::check::fail(&problems),
    };
    for problem in &run.walk_problems {
        eprintln!("{problem}");
    }
    let workspaces = &run.workspaces;
    let suggestions = run
        .files
        .par_iter()
        .fold(Suggestions::default, |mut found, (w, path)| {
            match super::check::read_article(path, ARTICLE_CAP) {
                Ok(text) => {
                    let article = Article::for_path(path, &text);
                    let workspace = &workspaces[*w];
                    found.add(path, &unknown_names(&article, &workspace.registry, &workspace.lexicon));
                }
                Err(problem) => eprintln!("{problem}"),
            }
            found
        })
        .reduce(Suggestions::default, |mut a, b| {
            a.merge(b);
            a
        });
    let mut ranked = suggestions.ranked(args.min_mentions);
    if let Some(limit) = args.limit {
        ranked.truncate(limit);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut written = Ok(());
    for (i, suggestion) in ranked.iter().enumerate() {
        let text = match args.format {
            SuggestFormat::Toml if i == 0 => to_toml(suggestion),
            SuggestFormat::Toml => format!("\n{}", to_toml(suggestion)),
            SuggestFormat::Jsonl => format!("{}\n", to_json(suggestion)),
        };
        written = written.and_then(|()| out.write_all(text.as_bytes()));
    }
    written = written.and_then(|()| out.flush());
    // A reader that went away (`| head`) is not an error.
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("copydesk: cannot write the suggestions: {e}");
        return ExitCode::from(2);
    }
    eprintln!("copydesk: {} unregistered people in {} articles.", ranked.len(), run.files.len());
    ExitCode::SUCCESS
}
