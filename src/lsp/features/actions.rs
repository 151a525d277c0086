//! Code actions: quick fixes from findings, adding an unknown person to the
//! registry, recording a spelling as a variant, suppressing a rule on a
//! line, and (`annotate.rs`) recording a person's decisions. Every edit goes to the client as a WorkspaceEdit against the
//! document version it was computed for; the server writes no file.

use std::collections::HashMap;
use std::ops::Range as ByteRange;
use std::path::Path;

use tower_lsp_server::ls_types::*;

use crate::finding::{Applicability, FindingData};
use crate::lsp::convert::{Lines, path_to_uri};
use crate::lsp::server::Backend;
use crate::lsp::state::Snapshot;
use crate::position::LineIndex;
use crate::registry::ActorIdx;
use crate::registry::suggest::{Suggestion, to_json, to_toml};

impl Backend {
    pub(crate) fn code_actions(&self, uri: &Uri, range: Range) -> Option<CodeActionResponse> {
        let encoding = self.encoding();
        let (doc, snapshot) = self.current_analysis(uri)?;
        let text = doc.article.text();
        let lines = Lines { text, index: doc.article.lines() };
        let start = lines.offset(range.start, encoding);
        let end = lines.offset(range.end, encoding);
        let mut actions = Vec::new();
        // One diagnostic per finding, in the same order: computed once.
        let diagnostics = super::diagnostics::for_article(&doc, &snapshot, encoding);
        for (f, diagnostic) in doc.analysis.findings.iter().zip(diagnostics) {
            if !(f.range.start <= end && start <= f.range.end) {
                continue;
            }
            let diagnostic = Some(diagnostic);
            for fix in &f.fixes {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit { range: lines.range(&e.range, encoding), new_text: e.replacement.clone() })
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic.clone().map(|d| vec![d]),
                    edit: Some(self.document_edit(uri, Some(doc.version), edits)),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }));
            }
            if let Some(FindingData::NewActor(s)) = &f.data
                && let Some(edit) = self.add_actor_edit(&snapshot, &s.name, &s.id, s.role.as_deref())
            {
                actions.push(action(format!("Add {} to the registry", s.name), edit, diagnostic.clone()));
            }
            if let Some(FindingData::NewActor(s)) = &f.data
                && let Some(found) = self.corpus_suggestion(uri, &snapshot, &s.name)
            {
                let title = format!(
                    "Fill {}’s registry entry from the workspace ({} mention{} in {} article{})",
                    s.name,
                    found.mentions,
                    if found.mentions == 1 { "" } else { "s" },
                    found.article_count,
                    if found.article_count == 1 { "" } else { "s" },
                );
                if let Some(edit) = self.add_suggested_edit(&snapshot, found) {
                    actions.push(action(title, edit, diagnostic.clone()));
                }
            }
            if matches!(f.rule, "misspelled-name" | "inconsistent-name")
                && let Some(actor) = f.actor
            {
                let written = &text[f.range.clone()];
                if let Some(edit) = self.add_variant_edit(&snapshot, actor, written) {
                    let name = &snapshot.registry.actor(actor).name;
                    actions.push(action(
                        format!("Record ‘{written}’ as a variant of {name}"),
                        edit,
                        diagnostic.clone(),
                    ));
                }
            }
            let line = doc.article.lines().line_of(f.range.start);
            let line_start = doc.article.lines().line_range(text, line).start;
            let insert = lines.range(&(line_start..line_start), encoding);
            let comment = format!("<!-- copydesk-disable-next-line {} -->\n", f.rule);
            let edit = self.document_edit(uri, Some(doc.version), vec![TextEdit { range: insert, new_text: comment }]);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Disable {} on this line", f.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.map(|d| vec![d]),
                edit: Some(edit),
                ..CodeAction::default()
            }));
        }
        actions.extend(self.corpus_spelling_actions(uri, &doc, &snapshot, start..end));
        actions.extend(self.annotation_actions(uri, &doc, &snapshot, start..end));
        Some(actions)
    }

    /// A WorkspaceEdit of `edits` to one document, versioned when the
    /// client supports it.
    pub(crate) fn document_edit(&self, uri: &Uri, version: Option<i32>, edits: Vec<TextEdit>) -> WorkspaceEdit {
        self.multi_document_edit(vec![(uri.clone(), version, edits)])
    }

    /// A WorkspaceEdit over several documents.
    pub(crate) fn multi_document_edit(&self, changes: Vec<(Uri, Option<i32>, Vec<TextEdit>)>) -> WorkspaceEdit {
        if crate::lsp::state::read(&self.inner.flags).document_changes {
            let edits = changes
                .into_iter()
                .map(|(uri, version, edits)| TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                })
                .collect();
            WorkspaceEdit { document_changes: Some(DocumentChanges::Edits(edits)), ..WorkspaceEdit::default() }
        } else {
            let mut map: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
            for (uri, _, edits) in changes {
                map.entry(uri).or_default().extend(edits);
            }
            WorkspaceEdit { changes: Some(map), ..WorkspaceEdit::default() }
        }
    }

    /// A WorkspaceEdit creating the file at `path` (which does not exist)
    /// with `text`; `None` when the client cannot create files.
    pub(crate) fn create_file_edit(&self, path: &Path, text: &str) -> Option<WorkspaceEdit> {
        let uri = path_to_uri(path.parent()?)?;
        let file_uri: Uri =
            format!("{}/{}", uri.as_str().trim_end_matches('/'), path.file_name()?.to_str()?).parse().ok()?;
        if !crate::lsp::state::read(&self.inner.flags).create_files {
            return None;
        }
        let ops = vec![
            DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                uri: file_uri.clone(),
                options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                annotation_id: None,
            })),
            DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri: file_uri, version: None },
                edits: vec![OneOf::Left(TextEdit { range: Range::default(), new_text: text.to_string() })],
            }),
        ];
        Some(WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(ops)), ..WorkspaceEdit::default() })
    }

    /// The open version of the document at `path`, if the editor has it.
    pub(crate) fn open_version(&self, path: &Path) -> Option<i32> {
        path_to_uri(path).and_then(|uri| self.inner.documents.get(&uri).map(|d| d.version))
    }

    /// Appends a new actor to the workspace's first registry file.
    fn add_actor_edit(&self, snapshot: &Snapshot, name: &str, id: &str, role: Option<&str>) -> Option<WorkspaceEdit> {
        let unique = unique_id(snapshot, id);
        self.append_entry_edit(snapshot, toml_entry(&unique, name, role), json_entry(&unique, name, role))
    }

    /// Appends the entry `suggested` (gathered from the workspace's
    /// articles) to the workspace's first registry file: in TOML with the
    /// evidence in comments, in JSON Lines the entry alone.
    fn add_suggested_edit(&self, snapshot: &Snapshot, mut suggested: Suggestion) -> Option<WorkspaceEdit> {
        suggested.id = unique_id(snapshot, &suggested.id);
        let json = format!("{}\n", to_json(&suggested)["entry"]);
        self.append_entry_edit(snapshot, format!("\n{}", to_toml(&suggested)), json)
    }

    /// Appends `toml` or `json` (by the file's format) to the workspace's
    /// first registry file, creating the configured one if there is none.
    fn append_entry_edit(&self, snapshot: &Snapshot, toml: String, json: String) -> Option<WorkspaceEdit> {
        let (path, text) = match snapshot.registry_texts.iter().min_by_key(|(p, _)| p.as_os_str().len()) {
            Some((path, text)) => (path.clone(), text.to_string()),
            None => {
                // No registry yet: create the configured one.
                let first = snapshot.config.registry.first()?;
                let path = crate::config::normalize(&snapshot.config.root.join(&first.pattern));
                return self.create_file_edit(&path, toml.trim_start());
            }
        };
        let is_jsonl = matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"));
        let entry = if is_jsonl { json } else { toml };
        self.append_to(&path, &text, entry)
    }

    /// A WorkspaceEdit appending `entry` to the file at `path` whose text
    /// is `text` (after a line break if it does not end with one).
    pub(crate) fn append_to(&self, path: &Path, text: &str, mut entry: String) -> Option<WorkspaceEdit> {
        if !text.is_empty() && !text.ends_with('\n') {
            entry.insert(0, '\n');
        }
        let index = LineIndex::new(text);
        let lines = Lines { text, index: &index };
        let at = lines.range(&(text.len()..text.len()), self.encoding());
        let uri = path_to_uri(path)?;
        Some(self.document_edit(&uri, self.open_version(path), vec![TextEdit { range: at, new_text: entry }]))
    }

    /// Adds `spelling` to `actor`'s variants in its registry file.
    fn add_variant_edit(&self, snapshot: &Snapshot, actor: ActorIdx, spelling: &str) -> Option<WorkspaceEdit> {
        let (path, text) = snapshot.actor_source(actor)?;
        let entry = snapshot.registry.actor(actor);
        let span = entry.origin.span.clone();
        let quoted = serde_json::to_string(spelling).ok()?;
        let is_jsonl = matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"));
        let (range, new_text): (ByteRange<usize>, String) = if is_jsonl {
            let mut value: serde_json::Value = serde_json::from_str(&text[span.clone()]).ok()?;
            let variants = value.as_object_mut()?.entry("variants").or_insert_with(|| serde_json::json!([]));
            variants.as_array_mut()?.push(serde_json::json!(spelling));
            (span, serde_json::to_string(&value).ok()?)
        } else {
            let body = &text[span.clone()];
            match body.find("variants = [") {
                Some(i) => {
                    let at = span.start + i + "variants = [".len();
                    let empty = text[at..].trim_start().starts_with(']');
                    (at..at, if empty { quoted } else { format!("{quoted}, ") })
                }
                None => {
                    let name_line = body.find("\nname")?;
                    let line_end =
                        body[name_line + 1..].find('\n').map_or(span.end, |e| span.start + name_line + 1 + e);
                    (line_end..line_end, format!("\nvariants = [{quoted}]"))
                }
            }
        };
        let index = LineIndex::new(text);
        let lines = Lines { text, index: &index };
        let uri = path_to_uri(path)?;
        let edit = TextEdit { range: lines.range(&range, self.encoding()), new_text };
        Some(self.document_edit(&uri, self.open_version(path), vec![edit]))
    }
}

/// `id`, or `id-2`, `id-3`, ... if the registry has it.
fn unique_id(snapshot: &Snapshot, id: &str) -> String {
    let mut unique = id.to_string();
    let mut n = 2;
    while snapshot.registry.by_id(&unique).is_some() {
        unique = format!("{id}-{n}");
        n += 1;
    }
    unique
}

fn action(title: String, edit: WorkspaceEdit, diagnostic: Option<Diagnostic>) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(edit),
        ..CodeAction::default()
    })
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn toml_entry(id: &str, name: &str, role: Option<&str>) -> String {
    let mut entry = format!("\n[[actor]]\nid = {}\nname = {}\nkind = \"person\"\n", toml_string(id), toml_string(name));
    if let Some(role) = role {
        entry.push_str(&format!("description = {}\n", toml_string(role)));
    }
    entry
}

fn json_entry(id: &str, name: &str, role: Option<&str>) -> String {
    let mut value = serde_json::json!({"id": id, "name": name, "kind": "person"});
    if let Some(role) = role {
        value["description"] = serde_json::json!(role);
    }
    format!("{value}\n")
}
