//! Who says a quotation: its speaker on hover, and "go to definition" from
//! a quotation to the words that name its speaker.

use tower_lsp_server::ls_types::*;

use crate::analysis::QuoteRecord;
use crate::lsp::convert::Lines;
use crate::lsp::server::Backend;
use crate::registry::Registry;

impl Backend {
    /// The hover section of the quotation at `position`, if any.
    pub(crate) fn quote_hover(&self, uri: &Uri, position: Position) -> Option<(String, Range)> {
        let (doc, snapshot) = self.current_analysis(uri)?;
        let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
        if !lines.contains(position) {
            return None;
        }
        let offset = lines.offset(position, self.encoding());
        let quote = quote_at(&doc.analysis.quotes, offset)?;
        let mut section = describe(quote, doc.article.text(), &snapshot.registry);
        if let Some(mark) = doc.analysis.human.quote(&quote.range) {
            section.push_str(&format!(" (speaker decided by {}, annotation store)", escape(&mark.annotator)));
        }
        Some((section, lines.range(&quote.range, self.encoding())))
    }

    /// Where the speaker of the quotation at `position` is named.
    pub(crate) fn speaker_location(&self, uri: &Uri, position: Position) -> Option<Location> {
        let (doc, _) = self.current_analysis(uri)?;
        let lines = Lines { text: doc.article.text(), index: doc.article.lines() };
        if !lines.contains(position) {
            return None;
        }
        let offset = lines.offset(position, self.encoding());
        let speaker = quote_at(&doc.analysis.quotes, offset)?.speaker.as_ref()?;
        Some(Location { uri: uri.clone(), range: lines.range(&speaker.range, self.encoding()) })
    }
}

/// The quotation containing byte `offset` (quotations are sorted and
/// disjoint: a binary search).
fn quote_at(quotes: &[QuoteRecord], offset: usize) -> Option<&QuoteRecord> {
    let i = quotes.partition_point(|q| q.range.end < offset);
    quotes.get(i).filter(|q| q.range.start <= offset)
}

/// "**Quotation** (direct) — said by **Ana Ruiz** (`ana-ruiz`), cue “said”".
fn describe(quote: &QuoteRecord, text: &str, registry: &Registry) -> String {
    let kind = quote.kind.as_str();
    let what = if quote.kind == crate::analysis::QuoteKind::Indirect { "Reported speech" } else { "Quotation" };
    let Some(speaker) = &quote.speaker else {
        return format!("**{what}** ({kind}) — no speaker found in this or the adjacent sentence");
    };
    let name = match speaker.actor {
        Some(actor) => {
            let actor = registry.actor(actor);
            format!("**{}** (`{}`)", escape(&actor.name), actor.id)
        }
        None => format!("**{}**", escape(&text[speaker.referent.clone()])),
    };
    let words = &text[speaker.range.clone()];
    let via = if speaker.referent != speaker.range { format!(" (“{}”)", escape(words)) } else { String::new() };
    match &quote.cue {
        Some(cue) => format!("**{what}** ({kind}) — said by {name}{via}; cue “{}”", escape(&text[cue.clone()])),
        None => format!("**{what}** ({kind}) — said by {name}{via}, continuing the quotation before"),
    }
}

/// Article words shown in Markdown: characters that would format are
/// escaped, line breaks become spaces.
fn escape(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    for c in words.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
