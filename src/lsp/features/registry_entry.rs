//! Writing registry entries from the editor: the code action that fills an
//! unknown person's entry from what the whole workspace says of them
//! (`copydesk registry suggest`'s gathering, on the articles that name
//! them), and completion of the `id` of the entry being written in a
//! registry file.

use std::path::PathBuf;

use tower_lsp_server::ls_types::*;

use crate::analysis::unknown_names;
use crate::article::Article;
use crate::lsp::convert::{Lines, uri_to_path};
use crate::lsp::document::Role;
use crate::lsp::server::Backend;
use crate::lsp::state::{Snapshot, read};
use crate::position::LineIndex;
use crate::registry::suggest::{Suggestion, Suggestions};
use crate::text::slug::slugify;

/// Articles read at most to fill one entry (the workspace's first ones
/// that name the person).
const MAX_ARTICLES: usize = 20_000;

impl Backend {
    /// What the workspace's articles say of the unregistered person `name`:
    /// every article (the open text where the editor has it, else the file)
    /// that contains the name is analysed with the `unknown-actor` rule's
    /// detector and gathered as `registry suggest` does.
    pub(crate) fn corpus_suggestion(&self, uri: &Uri, snapshot: &Snapshot, name: &str) -> Option<Suggestion> {
        let path = uri_to_path(uri)?;
        let ws = self.find_workspace(Some(&path))?;
        let mut texts: Vec<(PathBuf, String)> = Vec::new();
        for doc in self.inner.documents.iter() {
            if doc.role == Role::Article
                && let Some(p) = uri_to_path(doc.key())
                && p.starts_with(&ws.root)
            {
                texts.push((p, doc.rope.to_string()));
            }
        }
        let mut on_disk: Vec<PathBuf> = read(&ws.index).keys().cloned().collect();
        on_disk.sort();
        for file in on_disk.into_iter().take(MAX_ARTICLES) {
            if texts.iter().any(|(p, _)| *p == file) {
                continue;
            }
            if let Ok(bytes) = crate::input::read_capped(&file, crate::input::ARTICLE_CAP)
                && let Ok(text) = String::from_utf8(bytes)
            {
                texts.push((file, text));
            }
        }
        texts.sort_by(|a, b| a.0.cmp(&b.0));
        let root = ws.root.clone();
        let mut found = Suggestions::default();
        for (file, text) in texts.iter().filter(|(_, t)| t.contains(name)) {
            let article = Article::for_path(file, text);
            let names = unknown_names(&article, &snapshot.registry, &snapshot.lexicon);
            let shown = file.strip_prefix(&root).unwrap_or(file);
            found.add(shown, &names);
        }
        found.ranked(1).into_iter().find(|s| s.name == name)
    }

    /// Completion of the `id` value of the entry under the cursor in a
    /// registry file: the id made from the entry's `name`, unique in the
    /// registry.
    pub(crate) fn registry_id_completion(&self, uri: &Uri, position: Position) -> Option<CompletionResponse> {
        let path = uri_to_path(uri)?;
        let ws = self.find_workspace(Some(&path))?;
        let text = {
            let doc = self.inner.documents.get(uri)?;
            if doc.role != Role::Registry {
                return None;
            }
            doc.rope.to_string()
        };
        let index = LineIndex::new(&text);
        let lines = Lines { text: &text, index: &index };
        let encoding = self.encoding();
        let offset = lines.offset(position, encoding);
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let typed = id_value_prefix(&text[line_start..offset])?;
        let name = entry_name(&text, offset)?;
        let snapshot = ws.snapshot();
        let base = slugify(&name);
        // The entry being written may already be in the registry (under
        // the id being replaced): its own id is not taken.
        let source = snapshot.registry.sources().iter().position(|s| s.path == path);
        let this = source.and_then(|s| snapshot.registry.actor_at(s, offset));
        let taken = |id: &str| snapshot.registry.by_id(id).is_some_and(|a| Some(a) != this);
        let id = std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|id| !taken(id))
            .expect("the candidates never end");
        let start = offset - typed.len();
        let item = CompletionItem {
            label: id.clone(),
            kind: Some(CompletionItemKind::VALUE),
            detail: Some(format!("id from the name {name}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: lines.range(&(start..offset), encoding),
                new_text: id,
            })),
            ..CompletionItem::default()
        };
        Some(CompletionResponse::Array(vec![item]))
    }
}

/// The id typed so far when `before` (a line up to the cursor) ends inside
/// an `id` value: `id = "ab` (TOML) or `"id": "ab` (JSON Lines).
fn id_value_prefix(before: &str) -> Option<&str> {
    let quote = before.rfind('"')?;
    let typed = &before[quote + 1..];
    if !typed.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return None;
    }
    let key = before[..quote].trim_end();
    let key = key.strip_suffix('=').or_else(|| key.strip_suffix(':'))?.trim_end();
    let toml = key.trim_start() == "id";
    let json =
        key.strip_suffix("\"id\"").is_some_and(|rest| rest.trim().is_empty() || rest.trim_end().ends_with(['{', ',']));
    (toml || json).then_some(typed)
}

/// The `name` of the entry that holds `offset`: in TOML, between the
/// `[[actor]]` headers around it; in JSON Lines, on its line.
fn entry_name(text: &str, offset: usize) -> Option<String> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    if line.trim_start().starts_with('{') {
        let at = line.find("\"name\"")?;
        let value = line[at + 6..].trim_start().strip_prefix(':')?.trim_start();
        return first_string(value);
    }
    let start = text[..offset].rfind("[[actor]]").unwrap_or(0);
    let end = text[offset..].find("[[actor").map_or(text.len(), |i| offset + i);
    text[start..end].lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("name")?.trim_start().strip_prefix('=')?.trim_start();
        first_string(rest)
    })
}

/// The JSON/TOML basic string at the start of `s`, unescaped.
fn first_string(s: &str) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(s).into_iter::<String>();
    de.next()?.ok().filter(|n| !n.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::{entry_name, id_value_prefix};

    #[test]
    fn the_id_value_under_the_cursor() {
        assert_eq!(id_value_prefix("id = \"ilse-v"), Some("ilse-v"));
        assert_eq!(id_value_prefix("id = \""), Some(""));
        assert_eq!(id_value_prefix("{\"id\": \"il"), Some("il"));
        assert_eq!(id_value_prefix("name = \"Il"), None);
        assert_eq!(id_value_prefix("id = \"Il"), None);
        assert_eq!(id_value_prefix("wikidata = \"q"), None);
    }

    #[test]
    fn the_entry_name_around_the_cursor() {
        let toml = "[[actor]]\nid = \"a\"\nname = \"Ana One\"\n\n[[actor]]\nid = \"\"\nname = \"Ilse Varnholt\"\n";
        let at = toml.rfind("id = \"").unwrap() + 6;
        assert_eq!(entry_name(toml, at).as_deref(), Some("Ilse Varnholt"));
        let jsonl = "{\"id\": \"\", \"name\": \"Dag Emmerich\"}\n";
        assert_eq!(entry_name(jsonl, 8).as_deref(), Some("Dag Emmerich"));
    }
}
