//! Symbols: the actors of an article, the registry's actors by fuzzy name,
//! and mention counts as code lenses on registry entries.

use std::collections::HashSet;

use tower_lsp_server::ls_types::*;

use crate::config::normalize;
use crate::lsp::convert::{Lines, uri_to_path};
use crate::lsp::server::Backend;
use crate::lsp::state::read;
use crate::position::LineIndex;
use crate::registry::{ActorIdx, ActorKind};

fn symbol_kind(kind: ActorKind) -> SymbolKind {
    match kind {
        ActorKind::Person => SymbolKind::OBJECT,
        ActorKind::Organization => SymbolKind::NAMESPACE,
        ActorKind::Group => SymbolKind::ENUM,
        ActorKind::Place => SymbolKind::STRUCT,
    }
}

/// Whether every character of `query` appears in `name` in order (case
/// insensitive); the score prefers matches at word starts.
fn fuzzy_score(name: &str, query: &str) -> Option<u32> {
    let mut score = 0;
    let mut chars = name.char_indices().peekable();
    let mut previous: Option<char> = None;
    for q in query.chars().flat_map(char::to_lowercase) {
        loop {
            let (_, c) = chars.next()?;
            let at_word_start = previous.is_none_or(|p| !p.is_alphanumeric());
            previous = Some(c);
            if c.to_lowercase().eq(std::iter::once(q)) {
                score += if at_word_start { 3 } else { 1 };
                break;
            }
        }
    }
    Some(score)
}

impl Backend {
    #[allow(deprecated)]
    pub(crate) fn document_symbols(&self, uri: &Uri) -> Option<DocumentSymbolResponse> {
        let encoding = self.encoding();
        let (doc, snapshot) = self.current_analysis(uri)?;
        let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
        let mut seen: HashSet<ActorIdx> = HashSet::new();
        let mut symbols = Vec::new();
        for m in &doc.analysis.mentions {
            let Some(idx) = m.actor else { continue };
            if !seen.insert(idx) {
                continue;
            }
            let actor = snapshot.registry.actor(idx);
            let count = doc.analysis.mentions.iter().filter(|o| o.actor == Some(idx)).count();
            let range = lines.range(&m.range, encoding);
            symbols.push(DocumentSymbol {
                name: actor.name.clone(),
                detail: Some(format!("{} · {count} mention{}", actor.kind.as_str(), if count == 1 { "" } else { "s" })),
                kind: symbol_kind(actor.kind),
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children: None,
            });
        }
        Some(DocumentSymbolResponse::Nested(symbols))
    }

    #[allow(deprecated)]
    pub(crate) fn workspace_symbols(&self, query: &str) -> Vec<SymbolInformation> {
        let workspaces = read(&self.inner.workspaces).clone();
        let mut scored = Vec::new();
        for ws in workspaces {
            let snapshot = ws.snapshot();
            for (idx, actor) in snapshot.registry.actors().iter().enumerate() {
                let best =
                    std::iter::once(&actor.name).chain(&actor.aliases).filter_map(|n| fuzzy_score(n, query)).max();
                if let Some(score) = best
                    && let Some(location) = self.definition_of(&snapshot, idx as ActorIdx)
                {
                    scored.push((
                        score,
                        SymbolInformation {
                            name: actor.name.clone(),
                            kind: symbol_kind(actor.kind),
                            tags: None,
                            deprecated: None,
                            location,
                            container_name: actor.description.clone(),
                        },
                    ));
                }
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
        scored.into_iter().take(200).map(|(_, s)| s).collect()
    }

    /// One lens above each entry of a registry file; the count and the
    /// locations are filled in by [`Backend::resolve_code_lens`] for the
    /// lenses the editor shows (a registry can have 100k entries).
    pub(crate) fn code_lenses(&self, uri: &Uri) -> Option<Vec<CodeLens>> {
        let path = normalize(&uri_to_path(uri)?);
        let ws = self.find_workspace(Some(&path))?;
        let snapshot = ws.snapshot();
        let text = snapshot.registry_texts.get(&path)?.clone();
        let index = LineIndex::new(&text);
        let lines = Lines { text: &text, index: &index };
        let encoding = self.encoding();
        let mut lenses = Vec::new();
        for actor in snapshot.registry.actors() {
            if normalize(&snapshot.registry.sources()[actor.origin.source].path) != path {
                continue;
            }
            let start = actor.origin.span.start;
            let range = lines.range(&(start..start + text[start..].find('\n').unwrap_or(0)), encoding);
            lenses.push(CodeLens {
                range,
                command: None,
                data: Some(serde_json::json!({"uri": uri.as_str(), "actor": actor.id})),
            });
        }
        Some(lenses)
    }

    /// "N mentions in M articles", with the locations as the command's
    /// arguments (`copydesk.showMentions`: uri, position, locations).
    pub(crate) fn resolve_code_lens(&self, mut lens: CodeLens) -> CodeLens {
        let data = lens.data.clone().unwrap_or_default();
        let (Some(uri), Some(id)) = (data["uri"].as_str(), data["actor"].as_str()) else { return lens };
        let Some(ws) = uri
            .parse::<Uri>()
            .ok()
            .and_then(|u| uri_to_path(&u))
            .and_then(|p| self.find_workspace(Some(&normalize(&p))))
        else {
            return lens;
        };
        let snapshot = ws.snapshot();
        let Some(actor) = snapshot.registry.by_id(id) else { return lens };
        let mentions = self.mentions_of(&ws, &snapshot, actor);
        let articles: HashSet<&Uri> = mentions.iter().map(|m| &m.uri).collect();
        let title = format!(
            "{} mention{} in {} article{}",
            mentions.len(),
            if mentions.len() == 1 { "" } else { "s" },
            articles.len(),
            if articles.len() == 1 { "" } else { "s" }
        );
        let locations: Vec<serde_json::Value> =
            mentions.iter().map(|m| serde_json::json!({"uri": m.uri.as_str(), "range": m.range})).collect();
        lens.command = Some(Command {
            title,
            command: "copydesk.showMentions".to_string(),
            arguments: Some(vec![
                serde_json::json!(uri),
                serde_json::json!(lens.range.start),
                serde_json::json!(locations),
            ]),
        });
        lens
    }
}

#[cfg(test)]
mod tests {
    use super::fuzzy_score;

    #[test]
    fn fuzzy_matching() {
        assert!(fuzzy_score("Volodymyr Zelenskyy", "vzel").is_some());
        assert!(fuzzy_score("Volodymyr Zelenskyy", "zv").is_none());
        assert!(fuzzy_score("Lena Marković", "lm").unwrap() > fuzzy_score("Lena Marković", "ea").unwrap());
    }
}
