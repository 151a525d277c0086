//! Symbols: the actors of an article, the registry's actors by fuzzy name,
//! and mention counts as code lenses on registry entries.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::sync::Arc;

use tower_lsp_server::ls_types::*;

use crate::config::normalize;
use crate::lsp::cancel::{CHECK_EVERY, Cancel};
use crate::lsp::convert::{Lines, uri_to_path};
use crate::lsp::server::Backend;
use crate::lsp::state::{Snapshot, read};
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

/// How many actors `workspace/symbol` returns.
pub const WORKSPACE_SYMBOLS: usize = 200;

/// How well a name matches a query, best greatest: first the kind of
/// match, then the fuzzy score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    /// 3: the whole name; 2: a prefix of it; 1: a prefix of one of its
    /// words; 0: its letters in order (fuzzy).
    class: u8,
    /// [`fuzzy_score`].
    score: u32,
}

/// A match in the heap, greatest best: its rank, then its name in
/// alphabetical order, then its place (workspace, actor) in order.
type Candidate<'a> = (Rank, Reverse<&'a str>, Reverse<(usize, ActorIdx)>);

/// The rank of `name` for `query` (already lowercase), if it matches.
fn rank(name: &str, query: &str) -> Option<Rank> {
    let score = fuzzy_score(name, query)?;
    let name = name.to_lowercase();
    let class = if name == query {
        3
    } else if name.starts_with(query) {
        2
    } else if name.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(query)) {
        1
    } else {
        0
    };
    Some(Rank { class, score })
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

    /// The registry actors best matching `query`, at most
    /// [`WORKSPACE_SYMBOLS`] of them, best first (see [`Rank`]). One pass
    /// over the registry keeping the best in a bounded heap, O(n log k);
    /// locations are computed only for the actors returned. Stops early,
    /// with what it has, when `cancel` is raised.
    #[allow(deprecated)]
    pub(crate) fn workspace_symbols(&self, query: &str, cancel: &Cancel) -> Vec<SymbolInformation> {
        let query = query.to_lowercase();
        let snapshots: Vec<Arc<Snapshot>> = read(&self.inner.workspaces).iter().map(|ws| ws.snapshot()).collect();
        let mut best: BinaryHeap<Reverse<Candidate<'_>>> = BinaryHeap::new();
        'workspaces: for (w, snapshot) in snapshots.iter().enumerate() {
            for (idx, actor) in snapshot.registry.actors().iter().enumerate() {
                if idx % CHECK_EVERY == 0 && cancel.is_cancelled() {
                    break 'workspaces;
                }
                let Some(rank) =
                    std::iter::once(&actor.name).chain(&actor.aliases).filter_map(|n| rank(n, &query)).max()
                else {
                    continue;
                };
                let entry = Reverse((rank, Reverse(actor.name.as_str()), Reverse((w, idx as ActorIdx))));
                if best.len() < WORKSPACE_SYMBOLS {
                    best.push(entry);
                } else if best.peek().is_some_and(|worst| entry < *worst) {
                    best.pop();
                    best.push(entry);
                }
            }
        }
        // Ascending order of Reverse is best first.
        best.into_sorted_vec()
            .into_iter()
            .filter_map(|Reverse((_, _, Reverse((w, idx))))| {
                let snapshot = &snapshots[w];
                let actor = snapshot.registry.actor(idx);
                Some(SymbolInformation {
                    name: actor.name.clone(),
                    kind: symbol_kind(actor.kind),
                    tags: None,
                    deprecated: None,
                    location: self.definition_of(snapshot, idx)?,
                    container_name: actor.description.clone(),
                })
            })
            .collect()
    }

    /// One lens above each entry of a registry file; the count and the
    /// locations are filled in by [`Backend::resolve_code_lens`] for the
    /// lenses the editor shows (a registry can have 100k entries). While
    /// the workspace is being indexed, a client that supports
    /// `workspace/codeLens/refresh` gets no lenses (a count would be too
    /// low) and is asked to refresh when indexing ends; any other client
    /// gets them, and their resolution waits for the index.
    pub(crate) fn code_lenses(&self, uri: &Uri) -> Option<Vec<CodeLens>> {
        let path = normalize(&uri_to_path(uri)?);
        let ws = self.find_workspace(Some(&path))?;
        if ws.is_indexing() && read(&self.inner.flags).code_lens_refresh {
            return Some(Vec::new());
        }
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
    pub(crate) fn resolve_code_lens(&self, mut lens: CodeLens, cancel: &Cancel) -> CodeLens {
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
        // Never a partial count: wait for the index (the request runs off
        // the main loop, and cancelling it ends the wait).
        while ws.is_indexing() {
            if cancel.is_cancelled() {
                return lens;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let snapshot = ws.snapshot();
        let Some(actor) = snapshot.registry.by_id(id) else { return lens };
        let mentions = self.mentions_of(&ws, &snapshot, actor, cancel);
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
    use std::collections::HashMap;
    use std::path::Path;
    use std::sync::Arc;

    use super::{Rank, WORKSPACE_SYMBOLS, fuzzy_score, rank};
    use crate::config::Config;
    use crate::lsp::cancel::Cancel;
    use crate::lsp::state::{Snapshot, WorkspaceState, write};

    /// A server whose one workspace has `actors` generated actors.
    fn server_with(actors: usize) -> tower_lsp_server::LspService<crate::lsp::Backend> {
        let root = Path::new("/copydesk-test");
        let path = root.join("actors.toml");
        let mut text = String::new();
        for i in 0..actors {
            text.push_str(&format!("[[actor]]\nid = \"a{i}\"\nname = \"Ana{i} Marta\"\n\n"));
        }
        let load = crate::registry::parse_registry_text([(path.as_path(), text.as_str())]);
        assert!(!load.has_errors());
        let texts = HashMap::from([(path.clone(), Arc::from(text.as_str()))]);
        let ws = WorkspaceState::new(root.to_path_buf(), None);
        *write(&ws.snapshot) = Arc::new(Snapshot::new(1, Config::defaults(root), load.registry, texts));
        let (service, _) = crate::lsp::service();
        *write(&service.inner().inner.workspaces) = vec![Arc::new(ws)];
        service
    }

    #[test]
    fn the_best_200_and_cancellation_stops_the_pass() {
        let service = server_with(5000);
        let backend = service.inner();
        let found = backend.workspace_symbols("ana499", &Cancel::default());
        // Whole-name prefixes first (Ana499, then Ana4990-Ana4999 by name),
        // then the fuzzy matches (Ana1499, Ana4099, ...): every number with
        // the digits 4, 9, 9 in order.
        let in_order = |i: usize| {
            let mut rest = "499".chars().peekable();
            i.to_string().chars().for_each(|c| {
                if rest.peek() == Some(&c) {
                    rest.next();
                }
            });
            rest.peek().is_none()
        };
        assert_eq!(found.len(), (0..5000).filter(|&i| in_order(i)).count());
        assert_eq!(found[0].name, "Ana499 Marta");
        assert_eq!(found[1].name, "Ana4990 Marta");
        assert!(found[..11].iter().all(|s| s.name.starts_with("Ana499")));
        assert!(!found[11].name.starts_with("Ana499"));
        assert_eq!(found[0].location.range.start.line, 4 * 499);
        assert_eq!(backend.workspace_symbols("marta", &Cancel::default()).len(), WORKSPACE_SYMBOLS);
        let cancelled = Cancel::default();
        cancelled.cancel();
        assert!(backend.workspace_symbols("marta", &cancelled).is_empty());
    }

    #[test]
    fn exact_then_prefix_then_word_prefix_then_fuzzy() {
        let class = |name, query| rank(name, query).map(|r: Rank| r.class);
        assert_eq!(class("Ana Ruiz", "ana ruiz"), Some(3));
        assert_eq!(class("Ana Ruiz", "ana"), Some(2));
        assert_eq!(class("Ana Ruiz", "ruiz"), Some(1));
        assert_eq!(class("Ana Ruiz", "arz"), Some(0));
        assert_eq!(class("Ana Ruiz", "zz"), None);
        assert!(rank("Ana", "ana") > rank("Anastasia Kell", "ana"));
        assert!(rank("Anastasia Kell", "ana") > rank("Lena Anatol", "ana"));
    }

    #[test]
    fn fuzzy_matching() {
        assert!(fuzzy_score("Volodymyr Zelenskyy", "vzel").is_some());
        assert!(fuzzy_score("Volodymyr Zelenskyy", "zv").is_none());
        assert!(fuzzy_score("Lena Marković", "lm").unwrap() > fuzzy_score("Lena Marković", "ea").unwrap());
    }
}
