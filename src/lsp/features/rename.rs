//! Rename an actor: its house name changes in the registry and in every
//! mention written with it (and its surname, where that changes) across
//! the workspace, opened or not.

use std::collections::BTreeMap;
use std::ops::Range as ByteRange;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::*;

use crate::lexicon::{FormKind, surname_of};
use crate::lsp::convert::{Lines, path_to_uri};
use crate::lsp::server::Backend;
use crate::position::LineIndex;

/// The span of the quoted value of `name` inside a registry entry (TOML
/// `name = "..."` or JSON `"name": "..."`), without the quotes.
pub fn name_value_span(text: &str, entry: &ByteRange<usize>) -> Option<ByteRange<usize>> {
    let body = &text[entry.clone()];
    let key = body
        .find("\nname")
        .map(|i| i + 1)
        .or_else(|| body.starts_with("name").then_some(0))
        .or_else(|| body.find("\"name\""))?;
    let after_key = &body[key..];
    // For JSON the first quote pair is the key itself.
    let open = match after_key.strip_prefix("\"name\"") {
        Some(rest) => rest.find('"').map(|r| 6 + r)?,
        None => after_key.find('"')?,
    };
    let value_start = key + open + 1;
    let mut end = value_start;
    let bytes = body.as_bytes();
    while end < bytes.len() && bytes[end] != b'"' {
        end += if bytes[end] == b'\\' { 2 } else { 1 };
    }
    (end < bytes.len()).then(|| entry.start + value_start..entry.start + end)
}

impl Backend {
    pub(crate) fn prepare_rename_at(&self, uri: &Uri, position: Position) -> Option<PrepareRenameResponse> {
        let at = self.actor_at(uri, position)?;
        let actor = at.snapshot.registry.actor(at.actor);
        let in_registry = self.inner.documents.get(uri).is_some_and(|d| d.role == crate::lsp::document::Role::Registry);
        let range = if in_registry {
            let (_, text) = at.snapshot.actor_source(at.actor)?;
            let span = name_value_span(text, &actor.origin.span)?;
            let index = LineIndex::new(text);
            Lines { text, index: &index }.range(&span, self.encoding())
        } else {
            at.range
        };
        Some(PrepareRenameResponse::RangeWithPlaceholder { range, placeholder: actor.name.clone() })
    }

    pub(crate) fn rename_at(
        &self,
        uri: &Uri,
        position: Position,
        new_name: &str,
        cancel: &crate::lsp::cancel::Cancel,
    ) -> jsonrpc::Result<Option<WorkspaceEdit>> {
        let new_name = new_name.trim();
        if new_name.is_empty() || new_name.contains(['\n', '\r', '"']) {
            return Err(jsonrpc::Error::invalid_params("a name must be one line of text without double quotes"));
        }
        let Some(at) = self.actor_at(uri, position) else { return Ok(None) };
        let encoding = self.encoding();
        let actor = at.snapshot.registry.actor(at.actor);
        let old_surname = surname_of(&actor.name).into_iter().next();
        let new_surname = surname_of(new_name).into_iter().next();
        let mut edits: BTreeMap<String, (Uri, Option<i32>, Vec<TextEdit>)> = BTreeMap::new();

        let (path, text) = at.snapshot.actor_source(at.actor).ok_or_else(jsonrpc::Error::internal_error)?;
        let span = name_value_span(text, &actor.origin.span)
            .ok_or_else(|| jsonrpc::Error::invalid_params("cannot find the actor's name in the registry"))?;
        let index = LineIndex::new(text);
        let registry_uri = path_to_uri(path).ok_or_else(jsonrpc::Error::internal_error)?;
        let registry_version = self.inner.documents.get(&registry_uri).map(|d| d.version);
        let edit =
            TextEdit { range: Lines { text, index: &index }.range(&span, encoding), new_text: new_name.to_string() };
        edits.insert(registry_uri.as_str().to_string(), (registry_uri, registry_version, vec![edit]));

        for m in self.mentions_of(&at.workspace, &at.snapshot, at.actor, cancel) {
            let replacement = match m.kind {
                FormKind::Name if m.text.split_whitespace().eq(actor.name.split_whitespace()) => new_name.to_string(),
                FormKind::Surname if old_surname.as_deref() == Some(m.text.as_str()) && new_surname != old_surname => {
                    match &new_surname {
                        Some(s) => s.clone(),
                        None => continue,
                    }
                }
                _ => continue,
            };
            edits
                .entry(m.uri.as_str().to_string())
                .or_insert_with(|| (m.uri.clone(), m.version, Vec::new()))
                .2
                .push(TextEdit { range: m.range, new_text: replacement });
        }
        Ok(Some(self.multi_document_edit(edits.into_values().collect())))
    }
}

#[cfg(test)]
mod tests {
    use super::name_value_span;

    #[test]
    fn finds_the_name_value_in_toml_and_json() {
        let toml = "[[actor]]\nid = \"a\"\nname = \"Ana \\\"Q\\\" Ruiz\"\n";
        let span = name_value_span(toml, &(0..toml.len())).unwrap();
        assert_eq!(&toml[span], "Ana \\\"Q\\\" Ruiz");
        let json = "{\"id\": \"a\", \"name\": \"Ana Ruiz\"}";
        let span = name_value_span(json, &(0..json.len())).unwrap();
        assert_eq!(&json[span], "Ana Ruiz");
    }
}
