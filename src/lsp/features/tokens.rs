//! Semantic tokens: mentions by actor kind, unregistered people and
//! statistics, layered by editors over the TextMate grammar.
//!
//! Legend (documented in the README): types `person`, `organization`,
//! `group`, `place`, `statistic`; modifiers `variant` (a non-house
//! spelling), `unknown` (not in the registry), `ambiguous` (a shared name
//! not resolved), `unsourced` (a figure with no source).

use std::ops::Range as ByteRange;

use tower_lsp_server::ls_types::*;

use crate::analysis::sourcing::numbers::statistics;
use crate::lsp::convert::Lines;
use crate::lsp::server::Backend;
use crate::registry::ActorKind;

/// Token types, in legend order.
pub const TOKEN_TYPES: &[&str] = &["person", "organization", "group", "place", "statistic"];
/// Token modifiers, in legend order (bit i = modifier i).
pub const TOKEN_MODIFIERS: &[&str] = &["variant", "unknown", "ambiguous", "unsourced"];

/// The legend sent at initialisation.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.iter().map(|t| SemanticTokenType::new(t)).collect(),
        token_modifiers: TOKEN_MODIFIERS.iter().map(|m| SemanticTokenModifier::new(m)).collect(),
    }
}

impl Backend {
    pub(crate) fn semantic_tokens(&self, uri: &Uri, range: Option<Range>) -> Option<SemanticTokens> {
        let encoding = self.encoding();
        let (doc, snapshot) = self.current_analysis(uri)?;
        let text = doc.article.text();
        let lines = Lines { text, index: doc.article.lines() };
        let window = match range {
            Some(r) => lines.offset(r.start, encoding)..lines.offset(r.end, encoding),
            None => 0..text.len(),
        };
        let mut spans: Vec<(ByteRange<usize>, u32, u32)> = Vec::new();
        for m in &doc.analysis.mentions {
            let kind = m
                .actor
                .or_else(|| snapshot.lexicon.form(m.form).targets.first().map(|t| t.actor))
                .map(|a| snapshot.registry.actor(a).kind);
            let ty = match kind {
                Some(ActorKind::Person) | None => 0,
                Some(ActorKind::Organization) => 1,
                Some(ActorKind::Group) => 2,
                Some(ActorKind::Place) => 3,
            };
            let mut mods = 0;
            if !m.kind.is_house_style() {
                mods |= 1;
            }
            if m.actor.is_none() {
                mods |= 4;
            }
            spans.push((m.range.clone(), ty, mods));
        }
        let unsourced: Vec<ByteRange<usize>> =
            doc.analysis.findings.iter().filter(|f| f.rule == "unsourced-statistic").map(|f| f.range.clone()).collect();
        for name in &doc.analysis.unknown_people {
            spans.push((name.clone(), 0, 2));
        }
        for sentence in doc.article.sentences() {
            let prose = &doc.article.prose()[sentence.range.clone()];
            for stat in statistics(prose, sentence.range.start, &snapshot.config.options.sourcing) {
                let mods = if unsourced.contains(&stat.range) { 8 } else { 0 };
                spans.push((stat.range, 4, mods));
            }
        }
        spans.retain(|(r, _, _)| r.start < window.end && window.start < r.end);
        spans.sort_by_key(|(r, _, _)| r.start);
        // Tokens may not overlap: the first (a name before a figure) wins.
        let mut taken = 0;
        spans.retain(|(r, _, _)| {
            let keep = r.start >= taken;
            if keep {
                taken = r.end;
            }
            keep
        });
        let mut data = Vec::new();
        let (mut last_line, mut last_col) = (0u32, 0u32);
        for (range, ty, mods) in spans {
            // Tokens may not span lines: split a name broken over two.
            let mut start = range.start;
            while start < range.end {
                let line = doc.article.lines().line_of(start);
                let line_end = doc.article.lines().line_range(text, line).end.min(range.end);
                if line_end > start {
                    let a = lines.position(start, encoding);
                    let b = lines.position(line_end, encoding);
                    let delta_line = a.line - last_line;
                    let delta_start = if delta_line == 0 { a.character - last_col } else { a.character };
                    data.push(SemanticToken {
                        delta_line,
                        delta_start,
                        length: b.character - a.character,
                        token_type: ty,
                        token_modifiers_bitset: mods,
                    });
                    last_line = a.line;
                    last_col = a.character;
                }
                start = doc.article.lines().line_range(text, line).end + 1;
                while start < range.end && text[start..].starts_with(['\n', '\r']) {
                    start += 1;
                }
                if start <= line_end {
                    break;
                }
            }
        }
        Some(SemanticTokens { result_id: None, data })
    }
}
