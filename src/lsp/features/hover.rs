//! Hover: the actor card on a mention, the rule's explanation on a finding,
//! the speaker of a quotation.

use tower_lsp_server::ls_types::*;

use crate::lsp::convert::Lines;
use crate::lsp::server::Backend;
use crate::registry::{Actor, ActorIdx};

impl Backend {
    pub(crate) fn hover_at(&self, uri: &Uri, position: Position) -> Option<Hover> {
        let encoding = self.encoding();
        let mut sections = Vec::new();
        let mut range = None;
        if let Some(at) = self.actor_at(uri, position) {
            let (mentions, articles) = self.mention_counts(&at.workspace, &at.snapshot, at.actor);
            let date = self.current_analysis(uri).and_then(|(doc, _)| doc.analysis.date);
            sections.push(actor_card(at.snapshot.registry.actor(at.actor), date, mentions, articles, at.actor));
            range = Some(at.range);
        }
        if let Some((doc, _)) = self.current_analysis(uri) {
            let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
            if lines.contains(position) {
                let offset = lines.offset(position, encoding);
                for f in doc.analysis.findings.iter().filter(|f| f.range.start <= offset && offset <= f.range.end) {
                    if let Some(rule) = crate::rules::by_id(f.rule) {
                        let meta = rule.meta();
                        sections.push(format!(
                            "**{}** ({}) — {}\n\n{}",
                            meta.id,
                            f.severity,
                            f.message,
                            meta.explanation_text()
                        ));
                        range.get_or_insert(lines.range(&f.range, encoding));
                    }
                }
            }
        }
        if let Some((section, quote_range)) = self.quote_hover(uri, position) {
            sections.push(section);
            range.get_or_insert(quote_range);
        }
        if sections.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
            }),
            range,
        })
    }
}

/// The actor card shown on hover.
pub fn actor_card(
    actor: &Actor,
    date: Option<crate::date::Date>,
    mentions: usize,
    articles: usize,
    _idx: ActorIdx,
) -> String {
    let mut card = format!("### {}\n*{}* · `{}`", actor.name, actor.kind.as_str(), actor.id);
    if let Some(d) = &actor.description {
        card.push_str(&format!("\n\n{d}"));
    }
    match date {
        Some(date) => {
            let held: Vec<String> = actor
                .roles_on(date)
                .map(|r| match r.from {
                    Some(from) => format!("{} (since {from})", r.title),
                    None => r.title.clone(),
                })
                .collect();
            if held.is_empty() {
                if !actor.roles.is_empty() {
                    card.push_str(&format!("\n\n**On {date}:** no registered role"));
                }
            } else {
                card.push_str(&format!("\n\n**On {date}:** {}", held.join("; ")));
            }
        }
        None if !actor.roles.is_empty() => {
            card.push_str("\n\n*The article has no date, so its roles are not checked.*")
        }
        None => {}
    }
    if !actor.aliases.is_empty() {
        card.push_str(&format!("\n\n**Aliases:** {}", actor.aliases.join(", ")));
    }
    if !actor.variants.is_empty() {
        card.push_str(&format!("\n\n**Variants (not house style):** {}", actor.variants.join(", ")));
    }
    if let Some(q) = &actor.wikidata {
        card.push_str(&format!("\n\n**Wikidata:** [{q}](https://www.wikidata.org/wiki/{q})"));
    }
    card.push_str(&format!(
        "\n\n**Mentions in workspace:** {mentions} in {articles} article{}",
        if articles == 1 { "" } else { "s" }
    ));
    card
}
