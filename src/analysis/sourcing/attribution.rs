//! Does a sentence say where its claims come from?

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Sourcing;
use crate::analysis::Context;

/// Cues that a sentence names its source.
static CUES: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = super::alternation(include_str!("../../../data/attribution_verbs.txt"));
    // A source's name glued to its verb where a web page dropped the space
    // after a link ("the China Dailyreported", "The New York Timesput"):
    // the last word of a capitalised name, then the verb.
    let glued = r"(?-i:\p{Lu}[\w&.-]*\ \p{Lu}\p{Ll}{2,}(?:said|says|reported|reports|told|estimated|wrote|put))";
    let named_document = NAMED_DOCUMENT;
    let based_on = BASED_ON;
    Regex::new(&format!(
        r"(?ix)(?-u:\b)(?:
            according\ to[\ \t]+\w+ | cit(?:ing|ed|es)
          | {based_on}
          | (?:{verbs})
          | (?:data|figures|statistics|numbers|estimates)\ (?:from|by|released\ by|published\ by|compiled\ by|provided\ by)
          | (?:data|figures|statistics|numbers|records|results)\ (?:show|announced|released|published|declared)
          | (?:released|announced|published|declared)\ (?:the\ )?(?:\w+\ ){{0,3}}(?:results|figures|data|statistics)
          | (?:a|an|the)\ (?:\w+\ ){{0,3}}(?:survey|study|report|poll|analysis|census|audit|review|assessment|investigation|paper)\ (?:by|from|of|for|at|published)
          | (?:a|an|the)\ (?:\w+\ ){{0,3}}(?:tally|count|estimate)\ by
          | in\ a\ (?:statement|report|letter|briefing|interview|post|filing)
          | (?:for|in|by|from)\ the\ (?:report|study|survey|poll|census|audit)
          | (?:the|that|this)\ (?:[\w’'-]+\ ){{0,3}}(?:poll|survey|study|report|census|audit)\ (?:gave|gives|showed|shows|showing|found|finds|put|puts|suggested|suggests|suggesting|indicated|indicates|indicating)
          | (?:targets?|goals?)\ (?:\w+\ ){{0,2}}(?:has|have|had)\ set
          | (?:put|puts|putting|raised|raises|raising|revised|revises|revising|lowered|lowers|lowering|updated|updates|updating)
            \ (?:the|its|their|his|her)\ (?:[\w-]+\ ){{0,2}}(?:toll|tally|count|estimates?|forecasts?|figures?|number|value|cost|damage|total|bill)
          | {glued}
          | {named_document}
        )(?-u:\b)",
    ))
    .expect("attribution cues compile")
});

/// Figures that rest on a named body's data: "Based on the Kansas City Board
/// of Trade, prices closed at …", "based on data from Statistics Lanthe"
/// (written for the verbose, case-insensitive cue pattern).
const BASED_ON: &str = r"based\ on\ (?:(?:data|figures|prices|numbers)\ (?:from|of)\ )?(?:the\ )?(?-i:\p{Lu})\w*";

static BASED_ON_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?ix)(?-u:\b){BASED_ON}")).expect("based-on compiles"));

/// A named source as the attribute of its document: "a Reuters estimate",
/// "a national Newspoll result", "the Gallup survey" (written for the
/// verbose, case-insensitive cue pattern; the name keeps its capital).
const NAMED_DOCUMENT: &str = r"(?:a|an|the)\ (?:(?:latest|new|national|recent|monthly|weekly|annual|median|consensus)\ )?(?-i:\p{Lu}[\w&-]*)\ (?:poll|survey|estimate|forecast|study|report|data|figures|count|tally|result|results|census|index)";

static NAMED_DOCUMENT_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?ix)(?-u:\b){NAMED_DOCUMENT}(?-u:\b)")).expect("named document compiles"));

/// "X’s report", "the ministry's figures".
static POSSESSIVE_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\w['’]s?\s+(?:\w+\s+){0,2}(?:report|study|survey|data|figures|estimates?|analysis|assessment|count|tally|census|poll|findings|statement|vision|plan|proposal|account|records|website|dashboard|registry)(?-u:\b)",
    )
    .expect("possessive cue compiles")
});

/// Whether a possessive plan or account is where money moves, not who
/// says: "received $7 million from the government's rescue plan".
fn pays_out(prose: &str, m: &regex::Match<'_>) -> bool {
    let noun = m.as_str().rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
    let before = prose[..m.start()].split_whitespace().rev().take(4).collect::<Vec<_>>();
    matches!(noun.as_str(), "plan" | "account" | "proposal" | "vision")
        && before.iter().any(|w| matches!(w.to_lowercase().as_str(), "from" | "into" | "to" | "through"))
}

/// A passive with its agent named: "measured by the US Geological Survey",
/// "compiled by Ana Ruiz", "defined by the charity" (a body the story has
/// named, by what it is).
static PASSIVE_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:measured|recorded|reported|estimated|counted|calculated|compiled|published|released|confirmed|announced|given|provided|registered|tallied|surveyed|polled|interviewed|commissioned|conducted|presented|prepared|proposed|submitted|drafted|defined|quizzed|questioned|sampled)\s+(?:(?:to|before)\s+(?:the\s+)?[\w-]+\s+)?by\s+(?:the\s+)?(?:\p{Lu}|(?:charity|ministry|agency|company|government|council|board|commission|department|police|bank|institute|authority|authorities|report|study|survey)(?-u:\b))",
    )
    .expect("passive agent compiles")
});

/// "per Reuters", "per the ministry".
static PER_SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[Pp]er\s+(?:the\s+\w|\p{Lu})").expect("per cue compiles"));

/// Links and citations: "[1]", "(Source: ...)", a URL.
static CITATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\[\d+\]|\(source:|https?://|\]\(").expect("citation cue compiles"));

/// A sentence that carries on from an attributed one.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:also\ (?:said|says|found|finds|showed|shows|estimated|estimates|noted|notes|reported|reports|projected|projects|forecast|forecasts|expects|predicted|counted|recorded|indicated|added|warned|told|cited|listed)|additionally|moreover|the\ same\ (?:report|study|survey|data)|(?:the|that|this)\ (?:report|study|survey|data|figures|poll|analysis|census|audit|review)|(?:it|he|she|they)\ (?:found|said|showed|estimated|added|forecast|expects?|projected))(?-u:\b)",
    )
    .expect("continuation cue compiles")
});

/// Whether the sentence `range` of the article (prose and original text,
/// for links) attributes its claims.
pub fn sentence_is_attributed(cx: &Context<'_>, sourcing: &Sourcing, range: Range<usize>) -> bool {
    let prose = &cx.prose()[range.clone()];
    // A vague cue ("officials said", "experts estimate") covers no figure.
    let vague = vague_in(cx, &range);
    let base = range.start;
    // A cue is vague when it is part of a vague phrase or is the verb of
    // one a few words on ("One person familiar with the talks said").
    let is_vague = |m: &regex::Match<'_>| {
        let (start, end) = (base + m.start(), base + m.end());
        // The vague phrases are in text order: only the last one starting
        // before the cue ends can hold it or be its subject (one binary
        // search, so a sentence of many cues stays linear).
        let k = vague.partition_point(|v| v.start < end);
        vague[..k]
            .last()
            .is_some_and(|v| start < v.end || (start - v.end <= 64 && verb_of_vague_subject(&cx.prose()[v.end..start])))
    };
    let original = cx.text(range);
    CUES.find_iter(prose).any(|m| {
        !is_vague(&m)
            && !dated_document(m.as_str())
            && (m.as_str().contains(' ')
                || !(is_passive(prose, m.start()) || is_attributive(prose, m.start()) || is_negated(prose, m.start())))
    }) || POSSESSIVE_SOURCE.find_iter(prose).any(|m| !pays_out(prose, &m))
        || PER_SOURCE.is_match(prose)
        || PASSIVE_AGENT.is_match(prose)
        || CITATION.is_match(original)
        || sourcing.extra_attribution().is_some_and(|r| r.is_match(prose))
}

/// Whether a cue that names a document by a capitalised word ("the June
/// figures", "the Monday report") names it by a date, not by its source.
fn dated_document(cue: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let mut words = cue.split_whitespace().rev();
    let (Some(_noun), Some(name)) = (words.next(), words.next()) else { return false };
    let name = name.to_lowercase();
    name.chars().next().is_some_and(char::is_alphabetic)
        && (WEEKDAYS.contains(&name.as_str()) || super::numbers::is_month(&name))
}

/// Whether the words between a vague phrase and a cue make the phrase the
/// cue's subject: a short run with no clause break ("with the talks").
fn verb_of_vague_subject(gap: &str) -> bool {
    gap.split_whitespace().count() <= 4 && !gap.contains([',', ';', '.', ':', '“', '"'])
}

/// The vague phrases of the article ([`Context::vague`]) within `range`.
pub fn vague_in<'c>(cx: &Context<'c>, range: &Range<usize>) -> &'c [Range<usize>] {
    let from = cx.vague.partition_point(|v| v.end <= range.start);
    let to = cx.vague.partition_point(|v| v.start < range.end);
    &cx.vague[from..to.max(from)]
}

/// Whether a cue verb at `at` is passive ("were later found", "it was
/// said"), which names no source: a form of "be" in the two words before it.
/// Shared with reported speech.
pub fn is_passive(text: &str, at: usize) -> bool {
    // "Eight villages were evacuated, said the mayor": the verb after a
    // comma opens an inverted attribution, not a passive.
    if text[..at].trim_end().ends_with(',') {
        return false;
    }
    let before: Vec<&str> = text[..at].split_whitespace().rev().take(2).collect();
    before.iter().any(|w| matches!(w.to_lowercase().as_str(), "was" | "were" | "been" | "be" | "is" | "are" | "being"))
}

/// Whether a cue verb at `at` is denied ("did not say", "declined to
/// disclose", "never confirmed"): it names no source of what follows.
fn is_negated(text: &str, at: usize) -> bool {
    let before: Vec<String> = crate::text::tail(text, at, 32)
        .split_whitespace()
        .rev()
        .take(2)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'').to_lowercase())
        .collect();
    let denies = |w: &str| matches!(w, "not" | "never" | "to") || w.ends_with("n't") || w.ends_with("n’t");
    match before.as_slice() {
        [first, second, ..] => {
            denies(first)
                && (first != "to" || matches!(second.as_str(), "declined" | "refused" | "declining" | "refusing"))
        }
        [first] => first != "to" && denies(first),
        [] => false,
    }
}

/// Whether a cue word at `at` is a participle used as an adjective ("the
/// confirmed cases", "11 confirmed dead", "4,300 reported homeless", "an
/// estimated 300"): it describes a figure and names no source.
fn is_attributive(text: &str, at: usize) -> bool {
    // "six people reported missing", "a car reported stolen".
    let rest = crate::text::head(text, at, 48);
    let state = rest.split_whitespace().nth(1).is_some_and(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "missing" | "dead" | "killed" | "injured" | "wounded" | "homeless" | "stolen" | "lost"
        )
    });
    if state {
        return true;
    }
    text[..at].split_whitespace().next_back().is_some_and(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        matches!(w.as_str(), "the" | "a" | "an" | "of" | "newly" | "its" | "their" | "his" | "her")
            || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ','))
    })
}

/// A document as the source: "the budget presented to …", "a report by
/// …", "the ministry's figures", "data from …". Not "statement" or "plan":
/// "said in a statement that the plan was sound" cites no document whose
/// figures the next sentences give.
static DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    let words = super::alternation(include_str!("../../../data/document_nouns.txt"));
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})(?-u:\b)")).expect("document compiles")
});

/// Whether the attributed sentence `range` cites a document: the figures of
/// the sentences after it in the paragraph are derived from it (guideline
/// §1.2, "figures derived from it in the next sentences"), where a person's
/// statement covers only what it is said to cover.
pub fn cites_document(cx: &Context<'_>, range: Range<usize>) -> bool {
    let text = &cx.prose()[range];
    DOCUMENT.is_match(text) || BASED_ON_CUE.is_match(text)
}

/// Whether the sentence `range` credits the data of the whole story, as an
/// automated or data desk's story ends: "The Associated Press created this
/// story using technology provided by HERO Sports, and data from
/// Sportradar", "Data for this report came from Statistics Lanthe".
pub fn credits_data(cx: &Context<'_>, range: Range<usize>) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:(?:created|generated|produced|written|compiled|prepared)\s+(?:this|the)\s+(?:story|report|article)(?-u:\b)[^.]{0,120}?(?-u:\b)(?:data|statistics|figures|information)\s+(?:from|provided\s+by|supplied\s+by)|(?:data|figures|statistics)\s+(?:for|in)\s+this\s+(?:story|report|article)\s+(?:came|comes|are|is)\s+from)\s+(?-i:\p{Lu})",
        )
        .expect("data credit compiles")
    });
    CREDIT.is_match(&cx.prose()[range])
}

/// Documents a lead cites for the whole article (`data/source_documents.txt`).
static SOURCE_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    let words = super::alternation(include_str!("../../../data/source_documents.txt"));
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})(?-u:\b)")).expect("source documents compile")
});

/// Whether the attributed sentence `range` (a lead) cites a data release,
/// poll, study or report ("customs data showed", "a national Velpoll
/// result"): the article-level source of the figures after it.
pub fn cites_source_document(cx: &Context<'_>, range: Range<usize>) -> bool {
    let prose = &cx.prose()[range];
    SOURCE_DOCUMENT.is_match(prose) || NAMED_DOCUMENT_CUE.find_iter(prose).any(|m| !dated_document(m.as_str()))
}

/// Whether the lead `range` is about a document it opens with ("The poll
/// arrives on the heels of …", "A new survey of 2,000 nurses …"): the
/// article reports that document, whose figures the sentences after give.
pub fn opens_with_document(cx: &Context<'_>, range: Range<usize>) -> bool {
    static OPENING: LazyLock<Regex> = LazyLock::new(|| {
        let words = super::alternation(include_str!("../../../data/source_documents.txt"));
        Regex::new(&format!(r"(?i)^\W*(?:the|a|an|this|its)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{words})(?-u:\b)"))
            .expect("document opening compiles")
    });
    let opening = OPENING.find(&cx.prose()[range]);
    // "The figures were a shock to traders": only a subject doing or
    // showing something, not a clause that opens with a document noun in
    // passing, which the verb after would tell; the first few words suffice.
    opening.is_some_and(|m| m.as_str().split_whitespace().count() <= 5)
}

/// How an attributed lead releases the figures it gives, when it does: the
/// article reports that release, whose figures the sentences after it give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeadRelease {
    /// A statement or release ("Police arrested over 20 suspects and seized
    /// 12 firearms, it said in a statement").
    Statement,
    /// An institution's figures ("…, the government's trade-promotion agency
    /// said Wednesday"): an agency, ministry or bureau, not a person.
    Institution,
}

/// How the attributed lead `range` releases figures, if it does. A lead
/// that gives no figure ("The mayor said in a statement that the plan was
/// sound") releases none.
pub fn lead_release(cx: &Context<'_>, sourcing: &Sourcing, range: Range<usize>) -> Option<LeadRelease> {
    static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:statement|news\s+release|press\s+release|media\s+release)(?-u:\b)")
            .expect("release compiles")
    });
    static INSTITUTION_SAID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:agency|ministry|bureau|office|department|authority|commission|institute|administration)\s+(?:said|says|reported|announced)(?-u:\b)")
            .expect("institution said compiles")
    });
    let text = &cx.prose()[range.clone()];
    let kind = if RELEASE.is_match(text) {
        LeadRelease::Statement
    } else if INSTITUTION_SAID.is_match(text) {
        LeadRelease::Institution
    } else {
        return None;
    };
    (!super::numbers::statistics(text, range.start, sourcing).is_empty()).then_some(kind)
}

/// Whether the sentence `range` reads as a continuation of the one before.
pub fn continues_previous(cx: &Context<'_>, range: Range<usize>) -> bool {
    CONTINUATION.is_match(&cx.prose()[range])
}

/// Whether the sentence `range` reports, with no quotation marks, what a
/// named person said ("Dugan said officers saw a car leave"): the account
/// the next sentences of the paragraph carry on ("When police stopped it,
/// three people fled") is the speaker's. A vague speaker ("officials
/// said") names nobody to carry on from.
pub fn reports_named_speech(cx: &Context<'_>, range: &Range<usize>) -> bool {
    let k = cx.quotes.partition_point(|q| q.range.start < range.start);
    cx.quotes[k..].iter().take_while(|q| q.range.start < range.end).any(|q| {
        q.kind == crate::analysis::QuoteKind::Indirect
            && q.speaker.as_ref().is_some_and(|s| {
                // A person's name ("Dugan"), not a description that happens
                // to open the sentence ("The mayor") nor a body ("Lanthe
                // Regional Council said it would spend …"), whose statement
                // is what it says, not a story the paragraph goes on with.
                let words: Vec<&str> = cx.prose()[s.referent.clone()].split_whitespace().collect();
                let first = words.first().copied().unwrap_or("");
                let last = words.last().map_or("", |w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
                let person = match s.actor {
                    Some(actor) => cx.registry.actor(actor).kind == crate::registry::ActorKind::Person,
                    None => {
                        first.starts_with(char::is_uppercase)
                            && !crate::analysis::is_not_name_word(first)
                            && !crate::analysis::lists::NON_PERSON_HEADS.contains(&last)
                    }
                };
                person && vague_in(cx, &s.range).is_empty()
            })
    })
}
