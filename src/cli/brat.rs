//! brat standoff annotations of one article: its linked mentions (T and N
//! lines) and its quotations with their speakers (T, A and R lines); a
//! mention or quotation whose link or speaker a person decided has an
//! `AnnotatorNotes` line (`#`) saying so and who (the others are copydesk's).
//! Offsets count code points, ends exclusive; a span broken over lines
//! becomes fragments.

use std::ops::Range;

use crate::analysis::{Analysis, QuoteKind};
use crate::article::Article;
use crate::position::CodePoints;
use crate::registry::{ActorKind, Registry};

/// brat's `annotation.conf` for what [`annotations`] writes.
pub const ANNOTATION_CONF: &str = "[entities]\nPerson\nOrganization\nGroup\nPlace\nQuotation\nSpeaker\n\n\
    [relations]\nSaid-by\tArg1:Quotation, Arg2:<ENTITY>\nRefers-to\tArg1:Speaker, Arg2:<ENTITY>\n\n\
    [events]\n\n[attributes]\nKind\tArg:Quotation, Value:Direct|Partial|Indirect\n";

fn brat_type(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Person",
        ActorKind::Organization => "Organization",
        ActorKind::Group => "Group",
        ActorKind::Place => "Place",
    }
}

/// The `.ann` file of an article.
pub fn annotations(article: &Article, analysis: &Analysis, registry: &Registry) -> String {
    let text = article.text();
    let code_points = CodePoints::new(text);
    let mut ann = String::new();
    let (mut t, mut n, mut notes) = (0, 0, 0);
    // Each linked mention's T id, by its byte range (mentions are in order).
    let mut mention_ids: Vec<(Range<usize>, usize)> = Vec::new();
    for m in &analysis.mentions {
        let Some(idx) = m.actor else { continue };
        let actor = registry.actor(idx);
        t += 1;
        mention_ids.push((m.range.clone(), t));
        let (offsets, shown) = fragments(text, &code_points, &m.range);
        ann.push_str(&format!("T{t}\t{} {offsets}\t{shown}\n", brat_type(actor.kind)));
        note(&mut ann, &mut notes, t, analysis.human.mention(&m.range));
        n += 1;
        let name = one_field(&actor.name);
        ann.push_str(&format!("N{n}\tReference T{t} copydesk:{}\t{name}\n", one_field(&actor.id)));
        if let Some(q) = &actor.wikidata {
            n += 1;
            ann.push_str(&format!("N{n}\tReference T{t} Wikidata:{}\t{name}\n", one_field(q)));
        }
    }
    let mention_at = |range: &Range<usize>| {
        let i = mention_ids.partition_point(|(r, _)| r.start < range.start);
        mention_ids.get(i).filter(|(r, _)| r == range).map(|(_, id)| *id)
    };
    let (mut a, mut r) = (0, 0);
    for quote in &analysis.quotes {
        t += 1;
        let quote_id = t;
        let (offsets, shown) = fragments(text, &code_points, &quote.range);
        ann.push_str(&format!("T{quote_id}\tQuotation {offsets}\t{shown}\n"));
        a += 1;
        let kind = match quote.kind {
            QuoteKind::Direct => "Direct",
            QuoteKind::Partial => "Partial",
            QuoteKind::Indirect => "Indirect",
        };
        ann.push_str(&format!("A{a}\tKind T{quote_id} {kind}\n"));
        note(&mut ann, &mut notes, quote_id, analysis.human.quote(&quote.range));
        let Some(speaker) = &quote.speaker else { continue };
        // The speaker words: a linked mention, else a Speaker span of their
        // own that refers to the mention a pronoun stands for.
        let speaker_id = match mention_at(&speaker.range) {
            Some(id) => id,
            None => {
                t += 1;
                let (offsets, shown) = fragments(text, &code_points, &speaker.range);
                ann.push_str(&format!("T{t}\tSpeaker {offsets}\t{shown}\n"));
                if speaker.referent != speaker.range
                    && let Some(referent) = mention_at(&speaker.referent)
                {
                    r += 1;
                    ann.push_str(&format!("R{r}\tRefers-to Arg1:T{t} Arg2:T{referent}\t\n"));
                }
                t
            }
        };
        r += 1;
        ann.push_str(&format!("R{r}\tSaid-by Arg1:T{quote_id} Arg2:T{speaker_id}\t\n"));
    }
    ann
}

/// An `AnnotatorNotes` line on entity `T{t}` when a person made the
/// decision behind it (entities without one are copydesk's own).
fn note(ann: &mut String, notes: &mut usize, t: usize, human: Option<&crate::analysis::human::Mark>) {
    let Some(mark) = human else { return };
    *notes += 1;
    let why = mark.reason.as_deref().map(|r| format!("; {}", one_field(r))).unwrap_or_default();
    ann.push_str(&format!(
        "#{notes}\tAnnotatorNotes T{t}\tsource: human; annotator: {}{why}\n",
        one_field(&mark.annotator)
    ));
}

/// The offsets (`a b;c d`) and shown text of a span, one fragment per line.
fn fragments(text: &str, code_points: &CodePoints<'_>, range: &Range<usize>) -> (String, String) {
    let mut pieces = Vec::new();
    let mut start = range.start;
    for piece in text[range.clone()].split_inclusive(is_line_break) {
        let content = piece.trim_end_matches(is_line_break);
        let content_start = start + (content.len() - content.trim_start().len());
        if !content.trim().is_empty() {
            let a = code_points.at(content_start);
            let b = code_points.at(start + content.len());
            pieces.push((a, b, &text[content_start..start + content.len()]));
        }
        start += piece.len();
    }
    let offsets: Vec<String> = pieces.iter().map(|(a, b, _)| format!("{a} {b}")).collect();
    let shown: Vec<String> = pieces.iter().map(|(_, _, s)| one_field(s)).collect();
    (offsets.join(";"), shown.join(" "))
}

/// Whether `c` ends a line for some reader of `.ann` files (Python's
/// `splitlines` splits at all of these): a mention is cut into fragments
/// there.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `text` as one tab-separated field of one line: every control character
/// (TAB among them) and line separator becomes a space, one character for
/// one, so the field still has the length of the text it stands for.
fn one_field(text: &str) -> String {
    text.chars().map(|c| if c.is_control() || is_line_break(c) { ' ' } else { c }).collect()
}
