//! Completion of actor names while a capitalised word is typed: house names
//! and aliases, never variants.

use tower_lsp_server::ls_types::*;

use crate::lsp::convert::Lines;
use crate::lsp::server::Backend;

const LIMIT: usize = 50;

impl Backend {
    pub(crate) fn completion_at(&self, uri: &Uri, position: Position) -> Option<CompletionResponse> {
        if let Some(ids) = self.registry_id_completion(uri, position) {
            return Some(ids);
        }
        let encoding = self.encoding();
        let (doc, snapshot) = self.current_analysis(uri)?;
        let text = doc.article.text();
        let lines = Lines { text, index: doc.article.lines() };
        if !lines.contains(position) {
            return None;
        }
        let offset = lines.offset(position, encoding);
        let before = &text[..offset];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-'))
            .last()
            .map_or(offset, |(i, _)| i);
        let prefix = &text[start..offset];
        if !prefix.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let replace = lines.range(&(start..offset), encoding);
        let items = snapshot
            .complete(prefix, LIMIT)
            .into_iter()
            .enumerate()
            .map(|(rank, (idx, form))| {
                let actor = snapshot.registry.actor(idx);
                let is_alias = form != actor.name;
                CompletionItem {
                    label: form.to_string(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(actor.description.clone().unwrap_or_else(|| actor.kind.as_str().to_string())),
                    label_details: is_alias.then(|| CompletionItemLabelDetails {
                        detail: None,
                        description: Some(format!("alias of {}", actor.name)),
                    }),
                    documentation: Some(Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: super::hover::actor_card(actor, doc.analysis.date, 0, 0, idx)
                            .split("\n\n**Mentions")
                            .next()
                            .unwrap_or_default()
                            .to_string(),
                    })),
                    filter_text: Some(form.to_string()),
                    sort_text: Some(format!("{rank:04}")),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit { range: replace, new_text: form.to_string() })),
                    ..CompletionItem::default()
                }
            })
            .collect();
        Some(CompletionResponse::List(CompletionList { is_incomplete: true, items }))
    }
}
