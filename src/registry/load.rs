//! Reading and validating registry files.
//!
//! Loading never stops at the first problem: every file is read, every
//! entry is checked, and all problems are returned together with the actors
//! that were valid, so an editor can show every error at once and keep
//! working with the good entries.

use rustc_hash::FxHashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::raw::{RawActor, RawRole, RawTerm, RawTomlFile};
use super::{Actor, Registry, RegistrySource, Term};
use crate::position::LineIndex;
use crate::problem::{FileProblem, ProblemLevel};
use entry::{Checked, Written};

/// The outcome of loading a registry: the valid actors and every problem.
#[derive(Debug)]
pub struct RegistryLoad {
    /// The actors that passed validation.
    pub registry: Registry,
    /// Errors and warnings, in file order.
    pub problems: Vec<FileProblem>,
}

impl RegistryLoad {
    /// Whether any problem is an error (the registry is not as written).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(FileProblem::is_error)
    }
}

/// Reads and validates the registry files at `paths`.
pub fn load_registry(paths: &[PathBuf]) -> RegistryLoad {
    let (files, mut problems) = read_registry_files(paths);
    let mut load = parse_registry_text(files.iter().map(|(p, t)| (p.as_path(), t.as_str())));
    problems.append(&mut load.problems);
    load.problems = problems;
    load
}

/// Reads the registry files at `paths` as text: the files that could be
/// read, and an error for each that could not (missing, too large, not
/// UTF-8).
pub fn read_registry_files(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<FileProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match crate::input::read_capped(path, crate::input::REGISTRY_CAP) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push((path.clone(), text)),
                Err(e) => problems.push(FileProblem::whole_file(
                    path,
                    ProblemLevel::Error,
                    format!("registry file is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
                )),
            },
            Err(e) => problems.push(FileProblem::whole_file(
                path,
                ProblemLevel::Error,
                match e {
                    crate::input::ReadError::Io(e) => format!("cannot read registry file: {e}"),
                    // The cap is per file: splitting the registry gets past it.
                    too_large => format!("registry file {too_large}; split it into several files"),
                },
            )),
        }
    }
    (files, problems)
}

/// Validates registry files already in memory (as an editor holds them),
/// given as `(path, text)` pairs. The format follows the extension:
/// `.jsonl`/`.ndjson` are JSON Lines, anything else TOML.
pub fn parse_registry_text<'a>(files: impl IntoIterator<Item = (&'a Path, &'a str)>) -> RegistryLoad {
    let mut builder = Builder::default();
    for (path, text) in files {
        builder.add_file(path, text);
    }
    builder.finish()
}

/// A JSON Lines entry parsed and checked on its own, or why it does not
/// parse.
type Parsed = Result<Checked, serde_json::Error>;

/// How many JSON Lines entries are parsed at a time, on all cores, while
/// the batch before is admitted.
const JSONL_BATCH: usize = 8192;

#[derive(Default)]
struct Builder<'a> {
    /// The texts of the files read so far, with their line indexes once a
    /// message needed one: most loads report nothing, and indexing the
    /// lines of an 11 MB registry is a cost on every load.
    texts: Vec<(&'a str, OnceLock<LineIndex>)>,
    actors: Vec<Actor>,
    sources: Vec<RegistrySource>,
    problems: Vec<FileProblem>,
    /// id → location of its first definition, for duplicate reports.
    ids: FxHashMap<String, Place>,
    /// alias/variant text → (actor id, where it was claimed).
    claimed: FxHashMap<String, (usize, Place)>,
    terms: Vec<Term>,
    /// avoided spelling → where a term first avoided it.
    avoided: FxHashMap<String, Place>,
}

/// Where something was written: enough to name `file:line:column` in a
/// later message, without keeping a formatted problem for every actor.
#[derive(Clone, Copy)]
struct Place {
    source: usize,
    offset: usize,
    /// For a value of a JSON Lines entry, which records no spans: the end
    /// of its line, which starts at `offset`. The value is found in the
    /// line only when a message names it (most never are, and searching
    /// every line of a million-actor file for its id took a tenth of a
    /// second).
    line_end: Option<usize>,
}

/// The file being read, for locating problems in it.
struct FileCx<'a> {
    path: &'a Path,
    text: &'a str,
    /// Computed for the first problem, if any.
    lines: OnceLock<LineIndex>,
    source: usize,
}

impl FileCx<'_> {
    fn place(&self, offset: usize) -> Place {
        Place { source: self.source, offset, line_end: None }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }

    fn problem(&self, span: Range<usize>, level: ProblemLevel, message: String) -> FileProblem {
        FileProblem::with_index(self.path, self.text, self.lines(), span, level, message)
    }
}

impl<'a> Builder<'a> {
    fn add_file(&mut self, path: &Path, text: &'a str) {
        let source = self.sources.len();
        self.sources.push(RegistrySource { path: path.to_path_buf() });
        let cx = FileCx { path, text, lines: OnceLock::new(), source };
        let is_jsonl = matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"));
        if is_jsonl {
            self.add_jsonl(&cx);
        } else {
            self.add_toml(&cx);
        }
        self.texts.push((text, cx.lines));
    }

    fn add_toml(&mut self, cx: &FileCx<'_>) {
        let file: RawTomlFile = match parse_toml_in_parallel(cx.text).map_or_else(|| toml::from_str(cx.text), Ok) {
            Ok(file) => file,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = format!("invalid registry: {}", e.message());
                self.problems.push(cx.problem(span, ProblemLevel::Error, message));
                return;
            }
        };
        for term in file.term {
            self.add_term(cx, term.into_inner());
        }
        let headers: Vec<Range<usize>> = file.actor.iter().map(toml::Spanned::span).collect();
        for (i, entry) in file.actor.into_iter().enumerate() {
            let next = headers.get(i + 1).map_or(cx.text.len(), |h| h.start);
            let span = entry_span(cx.text, headers[i].start, next);
            let raw = entry.into_inner();
            let locate = |_: &str| span.clone();
            let checked = entry::check(cx, raw, span.clone(), &locate);
            self.admit(cx, checked, span.clone(), &locate);
        }
    }

    fn add_jsonl(&mut self, cx: &FileCx<'_>) {
        use rayon::prelude::*;
        let mut start = 0;
        let mut lines = Vec::new();
        for line in cx.text.split_inclusive('\n') {
            let line_span = start..start + line.trim_end_matches(['\n', '\r']).len();
            start += line.len();
            if !cx.text[line_span.clone()].trim().is_empty() {
                lines.push(line_span);
            }
        }
        // Parsing and checking an entry on its own are independent per
        // line, on all cores; admitting entries (duplicate ids, claimed
        // aliases) must then run in file order. Done a batch of lines at a
        // time, the next batch parsed while this one is admitted: the
        // parsed entries of a million lines are half a gigabyte of fresh
        // memory when held all at once, and admitting them one core's work.
        let parse = |spans: &[Range<usize>]| -> Vec<(Range<usize>, Parsed)> {
            spans
                .par_iter()
                .map(|span| {
                    let content = &cx.text[span.clone()];
                    let locate = |value: &str| locate_json_value(content, value, span.clone());
                    let checked = serde_json::from_str::<RawActor<String>>(content)
                        .map(|raw| entry::check(cx, raw, span.clone(), &locate));
                    (span.clone(), checked)
                })
                .collect()
        };
        let _phase = crate::timing::Phase::start("registry-parse-and-admit");
        self.ids.reserve(lines.len());
        self.actors.reserve(lines.len());
        let mut batches = lines.chunks(JSONL_BATCH);
        let mut ready = batches.next().map(parse);
        while let Some(parsed) = ready {
            let next = batches.next();
            ready = rayon::join(|| self.admit_lines(cx, parsed), || next.map(parse)).1;
        }
    }

    /// Admits parsed JSON Lines entries in file order, or reports why a
    /// line is not one.
    fn admit_lines(&mut self, cx: &FileCx<'_>, parsed: Vec<(Range<usize>, Parsed)>) {
        for (line_span, result) in parsed {
            let content = &cx.text[line_span.clone()];
            match result {
                Ok(checked) => {
                    let locate = |value: &str| locate_json_value(content, value, line_span.clone());
                    self.admit(cx, checked, line_span.clone(), &locate);
                }
                Err(e) => {
                    let offset = json_error_offset(content, e.line(), e.column());
                    let at = line_span.start + offset;
                    let message = format!("invalid registry line: {}", crate::problem::json_message(&e));
                    self.problems.push(cx.problem(at..at, ProblemLevel::Error, message));
                }
            }
        }
    }

    /// Admits an entry checked on its own (`entry::check`): a duplicate id
    /// is an error; an entry with errors is reported and left out; else
    /// its aliases and variants are claimed and the actor added.
    fn admit(&mut self, cx: &FileCx<'_>, checked: Checked, span: Range<usize>, locate: &dyn Fn(&str) -> Range<usize>) {
        // Where a value whose text is `text` is written.
        let at = |written: &Written, text: &str| {
            written.span.clone().unwrap_or_else(|| locate(written.untrimmed.as_deref().unwrap_or(text)))
        };
        let Checked { entry, id_at, id_ok, problems, claims } = checked;
        let duplicate = |this: &Self, id: &str, first: Place| {
            let message = format!("duplicate actor id `{id}`; it is first defined at {}", this.describe(cx, first, id));
            cx.problem(at(&id_at, id), ProblemLevel::Error, message)
        };
        let actor = match entry {
            Ok(actor) => actor,
            Err(id) => {
                if id_ok && let Some(&first) = self.ids.get(&id) {
                    self.problems.push(duplicate(self, &id, first));
                }
                self.problems.extend(problems);
                return;
            }
        };
        // One lookup of the id: a duplicate, or the first definition.
        let id_entry = match self.ids.entry(actor.id.clone()) {
            std::collections::hash_map::Entry::Occupied(first) => Err(*first.get()),
            std::collections::hash_map::Entry::Vacant(vacant) => Ok(vacant),
        };
        // Where a value is, found in its line only if a message needs it.
        let place_of = |written: &Written, text: &str| match &written.span {
            Some(span) => cx.place(span.start),
            None if written.untrimmed.is_none() => {
                Place { source: cx.source, offset: span.start, line_end: Some(span.end) }
            }
            None => cx.place(at(written, text).start),
        };
        match id_entry {
            Ok(vacant) => {
                vacant.insert(place_of(&id_at, &actor.id));
            }
            Err(first) => {
                self.problems.push(duplicate(self, &actor.id, first));
                self.problems.extend(problems);
                return;
            }
        }
        for (written, form) in claims.iter().zip(actor.aliases.iter().chain(&actor.variants)) {
            self.claim(cx, &actor.id, form, place_of(written, form), &|| at(written, form));
        }
        self.actors.push(actor);
    }

    /// Validates a `[[term]]` table: a non-empty `use`, at least one
    /// spelling to avoid, none of them the `use` itself; a spelling another
    /// term already avoids is a warning.
    fn add_term(&mut self, cx: &FileCx<'_>, raw: RawTerm<toml::Spanned<String>>) {
        let preferred = raw.preferred.get_ref().trim().to_string();
        let before = self.problems.len();
        if preferred.is_empty() {
            self.problems.push(cx.problem(
                raw.preferred.span(),
                ProblemLevel::Error,
                "term with an empty `use`".into(),
            ));
        }
        if raw.avoid.is_empty() {
            let message = format!("term `{preferred}` lists nothing to `avoid`; add the spellings to flag");
            self.problems.push(cx.problem(raw.preferred.span(), ProblemLevel::Error, message));
        }
        for spelling in &raw.avoid {
            let text = spelling.get_ref().trim();
            if text.is_empty() || text == preferred {
                let message = format!("term `{preferred}` avoids `{text}`, which is empty or the `use` itself");
                self.problems.push(cx.problem(spelling.span(), ProblemLevel::Error, message));
            } else if let Some(first) = self.avoided.get(text) {
                let message = format!(
                    "`{text}` is avoided by two terms (first at {}); the first wins",
                    self.describe(cx, *first, text)
                );
                self.problems.push(cx.problem(spelling.span(), ProblemLevel::Warning, message));
            }
        }
        if self.problems[before..].iter().any(FileProblem::is_error) {
            return;
        }
        for spelling in &raw.avoid {
            self.avoided.entry(spelling.get_ref().trim().to_string()).or_insert(cx.place(spelling.span().start));
        }
        self.terms.push(Term {
            preferred,
            avoid: raw.avoid.iter().map(|a| a.get_ref().trim().to_string()).collect(),
            ignore_case: raw.ignore_case,
            note: raw.note.map(|n| n.get_ref().trim().to_string()).filter(|n| !n.is_empty()),
            source: cx.source,
        });
    }

    /// Records that actor `id` claims `form`, written at `place` (`at`: its
    /// span), warning when another did first.
    fn claim(&mut self, cx: &FileCx<'_>, id: &str, form: &str, place: Place, at: &dyn Fn() -> Range<usize>) {
        let me = self.actors.len();
        match self.claimed.get(form) {
            Some(&(other, first)) if other != me => {
                let other_id = self.actors.get(other).map_or("", |a| a.id.as_str());
                let message = format!(
                    "`{form}` is claimed by actors `{other_id}` ({}) and `{id}`; mentions of it are ambiguous",
                    self.describe(cx, first, form)
                );
                self.problems.push(cx.problem(at(), ProblemLevel::Warning, message));
            }
            Some(_) => {}
            None => {
                self.claimed.insert(form.to_string(), (me, place));
            }
        }
    }

    /// `file:line:column` of `place`, where `value` is written, in the file
    /// being read (`cx`) or an earlier one.
    fn describe(&self, cx: &FileCx<'_>, place: Place, value: &str) -> String {
        let (text, lines) = match self.texts.get(place.source) {
            Some((text, lines)) => (*text, lines.get_or_init(|| LineIndex::new(text))),
            None => (cx.text, cx.lines()),
        };
        let offset = match place.line_end {
            Some(end) => locate_json_value(&text[place.offset..end], value, place.offset..end).start,
            None => place.offset,
        };
        let pos = lines.position(text, offset, crate::position::ColumnUnit::Scalar);
        format!("{}:{}:{}", self.sources[place.source].path.display(), pos.line + 1, pos.col + 1)
    }

    fn finish(self) -> RegistryLoad {
        let mut problems = self.problems;
        problems.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
        RegistryLoad { registry: Registry::new(self.actors, self.sources).with_terms(self.terms), problems }
    }
}

/// Parses a large TOML registry in pieces on all cores: the file is split
/// at `[[actor]]` header lines, each piece is parsed alone, and its spans
/// are shifted to offsets into the whole file. Returns `None` (parse the whole file instead, for exact error
/// messages) for small files, files with other top-level content, or any
/// piece that does not parse.
fn parse_toml_in_parallel(text: &str) -> Option<RawTomlFile> {
    use rayon::prelude::*;
    const MIN_PARALLEL: usize = 1 << 20;
    let first_header = if text.starts_with("[[actor]]") { 0 } else { text.find("\n[[actor]]\n")? + 1 };
    // House-style terms are few: a file with any is parsed whole.
    if text.len() < MIN_PARALLEL || text.contains("[[term]]") {
        return None;
    }
    // Anything but comments before the first header must be parsed whole.
    if text[..first_header].lines().any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')) {
        return None;
    }
    let target = text.len() / (rayon::current_num_threads().max(1) * 2);
    let mut cuts = vec![0];
    let mut search = first_header + target;
    while search < text.len() {
        let from = crate::position::floor_char_boundary(text, search);
        let Some(found) = text[from..].find("\n[[actor]]\n") else { break };
        cuts.push(from + found + 1);
        search = from + found + 1 + target;
    }
    cuts.push(text.len());
    let pieces: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    let parsed: Vec<Option<RawTomlFile>> = pieces
        .into_par_iter()
        .map(|(from, to)| {
            let piece: RawTomlFile = toml::from_str(&text[from..to]).ok()?;
            Some(RawTomlFile {
                actor: piece.actor.into_iter().map(|a| shift_actor(a, from)).collect(),
                term: Vec::new(),
            })
        })
        .collect();
    let mut actors = Vec::new();
    for piece in parsed {
        actors.extend(piece?.actor);
    }
    Some(RawTomlFile { actor: actors, term: Vec::new() })
}

type SpannedString = toml::Spanned<String>;

/// Moves every span of a parsed piece by `by` bytes, to offsets in the
/// whole file.
fn shift_actor(actor: toml::Spanned<RawActor<SpannedString>>, by: usize) -> toml::Spanned<RawActor<SpannedString>> {
    let span = actor.span();
    let s = |v: SpannedString| {
        let r = v.span();
        toml::Spanned::new(r.start + by..r.end + by, v.into_inner())
    };
    let raw = actor.into_inner();
    let shifted = RawActor {
        id: s(raw.id),
        name: s(raw.name),
        kind: raw.kind.map(s),
        aliases: raw.aliases.into_iter().map(s).collect(),
        variants: raw.variants.into_iter().map(s).collect(),
        wikidata: raw.wikidata.map(s),
        description: raw.description.map(s),
        roles: raw
            .roles
            .into_iter()
            .map(|r| RawRole {
                title: s(r.title),
                forms: r.forms.into_iter().map(s).collect(),
                from: r.from.map(s),
                to: r.to.map(s),
            })
            .collect(),
    };
    toml::Spanned::new(span.start + by..span.end + by, shifted)
}

/// The span of an `[[actor]]` entry: from its header (toml spans only the
/// header) to the next entry's header, without trailing blank lines.
fn entry_span(text: &str, header_start: usize, next_header: usize) -> Range<usize> {
    let body = &text[header_start..next_header];
    header_start..header_start + body.trim_end().len()
}

/// Finds `value`, written as a JSON string, inside a JSON Lines `line`.
fn locate_json_value(line: &str, value: &str, line_span: Range<usize>) -> Range<usize> {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    match line.find(&quoted) {
        Some(i) => line_span.start + i..line_span.start + i + quoted.len(),
        None => line_span,
    }
}

/// Byte offset within `line` of serde_json's 1-based (line, column).
fn json_error_offset(line: &str, err_line: usize, err_column: usize) -> usize {
    if err_line > 1 {
        return line.len();
    }
    line.char_indices().nth(err_column.saturating_sub(1)).map_or(line.len(), |(i, _)| i)
}

mod entry;
#[cfg(test)]
mod tests;
