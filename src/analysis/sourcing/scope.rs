//! The scope of attribution beyond a figure's own sentence (guideline §1.2
//! and §1.3): the next sentence of the paragraph naming the source ("This
//! was announced by …"), the article's subject reporting its own figures in
//! the lead, and sentences that report the observable record of the event
//! itself. Also the grouping of figures into claims (§1.5). Word lists are
//! data files under `data/`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Compiles a data file of one word or phrase per line (`#` comments) into
/// one case-insensitive, word-bounded alternation.
fn word_list(data: &str) -> Regex {
    let words: Vec<String> = crate::text::data_entries(data).map(regex::escape).collect();
    Regex::new(&format!(r"(?i)(?:^|[^\w&])(?:{})(?:$|[^\w&])", words.join("|"))).expect("word list compiles")
}

static EVENT_RECORD: LazyLock<Regex> = LazyLock::new(|| word_list(include_str!("../../../data/event_record.txt")));
static SUBJECT_TERMS: LazyLock<Regex> =
    LazyLock::new(|| word_list(include_str!("../../../data/lead_subject_terms.txt")));

static MARKET_LEAD: LazyLock<Regex> = LazyLock::new(|| word_list(include_str!("../../../data/market_lead.txt")));

/// A price move stated in a markets report, `data/market_moves.txt`.
static MARKET_MOVE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<&str> = crate::text::data_entries(include_str!("../../../data/market_moves.txt")).collect();
    Regex::new(&format!(r"(?ix)(?-u:\b)(?:{})", alternatives.join("\n|"))).expect("market moves compile")
});

/// Whether the lead reports a market session: it names a market ("the
/// Sensex", "palm oil futures", "the rupee").
pub fn lead_reports_market(lead: &str) -> bool {
    MARKET_LEAD.is_match(lead)
}

static MARKET_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<&str> = crate::text::data_entries(include_str!("../../../data/market_levels.txt")).collect();
    Regex::new(&format!(r"(?ix)(?-u:\b)(?:{})", alternatives.join("\n|"))).expect("market levels compile")
});

/// Whether the sentence moves a share price ("Stocks of DirecTV soared 6%
/// to $92.50"): the market's public record in any story.
pub fn is_share_move(sentence: &str) -> bool {
    static SHARES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:shares|stock|stocks|the\s+counter)(?-u:\b)").expect("shares compiles")
    });
    SHARES.is_match(sentence) && MARKET_MOVE.is_match(sentence)
}

/// Whether the sentence moves or states a price on an exchange ("Benchmark
/// cocoa futures hit a high of $2,999 a tonne", "prices on the Board of
/// Trade closed at $4.54", "The price dropped to $2,813 at 1103 GMT"): the
/// market's public record in any story, like a share price.
pub fn is_exchange_price(sentence: &str) -> bool {
    static EXCHANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i:(?-u:\b)(?:futures|board\s+of\s+trade|commodity\s+exchange|mercantile\s+exchange|at\s+\d{3,4}\s+gmt)(?-u:\b))|(?-u:\b)(?:ICE|CBOT|NYMEX|COMEX|LME|MCX|NCDEX)(?-u:\b)",
        )
        .expect("exchange compiles")
    });
    EXCHANGE.is_match(sentence) && is_market_move(sentence)
}

/// Whether a paragraph's first sentence opens an item of a round-up with
/// the name it is about and a colon ("Seatrium: The group on Monday
/// reported …", "Singapore Land Group (SingLand): …").
pub fn opens_roundup_item(sentence: &str) -> bool {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\W*\p{Lu}[\w&.’'()-]*(?:\s+[\p{Lu}(&][\w&.’'()-]*){0,5}:\s").expect("round-up item compiles")
    });
    ITEM.is_match(sentence)
}

/// Whether the sentence states a price move ("Boeing ended 3.3 percent
/// lower", "Gold gained 1.6%"): the record of a session a markets report
/// covers.
pub fn is_market_move(sentence: &str) -> bool {
    MARKET_MOVE.is_match(sentence) || MARKET_LEVEL.is_match(sentence)
}

static BUDGET_TERMS: LazyLock<Regex> = LazyLock::new(|| word_list(include_str!("../../../data/budget_terms.txt")));

/// Whether the lead reports a budget (proposed, presented, adopted): its
/// lines are the figures of that document.
pub fn lead_reports_budget(lead: &str) -> bool {
    BUDGET_NOUN.find_iter(lead).any(|m| {
        let lower = m.as_str().to_lowercase();
        !lower.contains(char::is_whitespace) || lower.starts_with("spending") || lower.starts_with("council")
    })
}

/// "budget" as the document, not "budget airline", "budgeted" or
/// "budgetary"; a tariff or fare schedule a regulator sets, and a council
/// tax or precept a council sets, are decided like one ("approved up to 12%
/// increase in power tariff", "agreed to increase council tax by 4.9%").
static BUDGET_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:budget|spending\s+plan|tariffs?|fares|council\s+tax|precept)(?-u:\b)(?:\s+(?:airline|carrier|hotel|hotels|airlines|carriers|brand|chain|option|travel))?")
        .expect("budget noun compiles")
});

/// A decision on the budget: adopted, approved, ratified, voted.
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    let words = super::alternation(include_str!("../../../data/decision_verbs.txt"));
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})(?-u:\b)")).expect("decision compiles")
});

/// A figure stated as a projection: "are projected to increase by …".
static PROJECTION: LazyLock<Regex> = LazyLock::new(|| {
    let words = super::alternation(include_str!("../../../data/projection_words.txt"));
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})\s+(?:to|at)(?-u:\b)")).expect("projection compiles")
});

/// Whether the sentence states a figure as a projection ("is expected to
/// reach", "are projected to increase").
pub fn states_projection(sentence: &str) -> bool {
    PROJECTION.is_match(sentence)
}

/// Whether the lead reports a decision on a budget ("City Council adopted
/// the budget", "council members voted 5-0 for … a budget of …"): the
/// budget's exact lines and rates are then the record of that decision.
pub fn lead_reports_budget_decision(lead: &str) -> bool {
    // "will vote", "failed to pass": no decision taken yet.
    let taken = |m: &regex::Match<'_>| {
        let before = lead[..m.start()].split_whitespace().next_back().unwrap_or("").to_lowercase();
        !matches!(before.as_str(), "will" | "to" | "would" | "could" | "may" | "might" | "not" | "cannot" | "shall")
    };
    lead_reports_budget(lead) && DECISION.find_iter(lead).any(|m| taken(&m))
}

/// Whether a claim is a line of an adopted budget: an exact sum, rate or
/// share (not "more than 30%", nor a crowd outside the chamber) in a
/// sentence about the budget's lines (`budget_terms`: "The airline lost $40
/// million" is not one), stated as decided (`projection`: the sentence says
/// "are projected to increase by …").
pub fn is_budget_line(claim: &str, projection: bool, budget_terms: bool) -> bool {
    let lower = claim.to_lowercase();
    let money_or_share = super::numbers::written_as_money(claim)
        || claim.contains('%')
        || lower.contains("percent")
        || lower.contains("per cent");
    // "about $1,023.30" is a bill worked out to the cent, not an estimate.
    let worked_out = || numbers_in(claim).any(|n| n.chars().filter(char::is_ascii_digit).count() >= 5);
    money_or_share && budget_terms && (!super::numbers::is_approximate(claim) || worked_out()) && !projection
}

/// Whether the sentence speaks of a budget's lines (`data/budget_terms.txt`:
/// revenue, spending, a tax rate, a fund).
pub fn states_budget_terms(sentence: &str) -> bool {
    BUDGET_TERMS.is_match(sentence)
}

/// The numbers written in `text` ("0.3", "171,000"), for
/// [`restates_earlier`].
pub fn numbers_in(text: &str) -> impl Iterator<Item = &str> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d(?:[\d.,]*\d)?").expect("number compiles"));
    NUMBER.find_iter(text).map(|m| m.as_str())
}

/// The numbers of the figures an article gave so far, each with the last
/// paragraph (counted from the first) that gave it.
pub type EarlierNumbers<'a> = rustc_hash::FxHashMap<&'a str, usize>;

/// Whether the claim at `claim` restates a figure the article already gave
/// (`earlier`; the claim is in paragraph `paragraph`): a definite reference
/// ("The 0.3% increase was from December to January", "the new $40 million
/// fund", at most one word between), or an exact number too particular to
/// be another figure's by chance ("16,005", or "3.5" within two paragraphs:
/// "cut the rise from 3.5 to 2.9 per cent" … "staff had recommended 3.5").
/// A round number ("1,000", "1.5") or an approximation ("nearly 1.5
/// million people") said again is a new claim.
pub fn restates_earlier(prose: &str, earlier: &EarlierNumbers<'_>, claim: &Range<usize>, paragraph: usize) -> bool {
    let claim_text = &prose[claim.clone()];
    let mut numbers = numbers_in(claim_text);
    let Some(first) = numbers.next() else { return false };
    let distinctive = |n: &str| {
        let digits = n.replace([',', '.'], "");
        let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
        earlier
            .get(n)
            .is_some_and(|&at| significant >= 3 || (significant == 2 && n.contains('.') && paragraph <= at + 2))
    };
    if !super::claims::is_estimated(claim_text) && distinctive(first) && numbers.all(distinctive) {
        return true;
    }
    let before = crate::text::tail(prose, claim.start, 24).to_lowercase();
    let mut words = before.split_whitespace().rev();
    let definite = |w: Option<&str>| matches!(w, Some("the" | "that" | "this"));
    let (last, second) = (words.next(), words.next());
    let adjective = last.is_some_and(|w| w.chars().all(char::is_alphabetic));
    (definite(last) || (adjective && definite(second))) && first.len() >= 2 && earlier.contains_key(first)
}

/// Whether a claim is the size of a budget ("$84.6 million general fund
/// budget", "a $12 million capital budget").
pub fn is_budget_size(claim: &str) -> bool {
    let lower = claim.to_lowercase();
    lower.contains("budget") || lower.contains("spending plan")
}

/// A penalty a defendant faces, not one handed down: "faces up to 20 years
/// in prison", "could get life".
static POTENTIAL_PENALTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:faces?|facing|could\s+(?:face|get|receive)|risks?|would\s+face)\s+(?:a\s+(?:maximum|minimum)\s+(?:of\s+)?)?$")
        .expect("potential penalty compiles")
});

/// Whether the claim at `claim` in `prose` is a penalty only faced.
pub fn is_potential_penalty(prose: &str, claim: &Range<usize>) -> bool {
    POTENTIAL_PENALTY.is_match(crate::text::tail(prose, claim.start, 48))
}

static CASUALTY_TERMS: LazyLock<Regex> = LazyLock::new(|| word_list(include_str!("../../../data/casualty_terms.txt")));

/// Whether the sentence reports casualties or damage
/// (`data/casualty_terms.txt`).
pub fn reports_casualties(sentence: &str) -> bool {
    CASUALTY_TERMS.is_match(sentence)
}

/// Exact counts too small to be statistics: "two trials", "the top two
/// contenders", "four other parties" — unless the sentence reports
/// casualties or damage (`casualties`, [`reports_casualties`] of the
/// sentence), which always need a source, or the words just `before` the
/// claim make it a tally ("a total of 8 tugboats").
pub fn is_small_exact_count(claim: &str, before: &str, casualties: bool) -> bool {
    data_list!(SMALL, "small_counts.txt");
    // "A total of 8 tugboats": a tally someone made, however small.
    if before.to_lowercase().trim_end().ends_with("total of") {
        return false;
    }
    let first = claim.split_whitespace().next().unwrap_or("").to_lowercase();
    let digits = claim.chars().filter(char::is_ascii_digit).count();
    // How often ("stabbed five times") is no casualty count.
    let how_often = claim.ends_with(" times");
    // "4 million units" is no small count.
    let lower = claim.to_lowercase();
    if ["hundred", "thousand", "million", "billion", "trillion", "dozen"].iter().any(|m| lower.contains(m)) {
        return false;
    }
    SMALL.contains(&first.as_str())
        && digits <= 1
        && !claim.contains('%')
        && !super::numbers::written_as_money(claim)
        && (!casualties || how_often)
}

/// A sentence whose subject is the figure before it: "That included …",
/// "The total excludes …", "This compares with …"; or what it works out to
/// ("That will cost the average homeowner $21 more", "That's $78 more than
/// this year", "That is an increase of $134,000").
static ABOUT_PREVIOUS_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:(?:that|this|the\s+(?:figure|total|amount|sum|tally))\s+(?:figure\s+|total\s+|amount\s+|sum\s+)?(?:included|includes|excluded|excludes|reflected|reflects|comprised|comprises|represented|represents|compared|compares|equals|equalled|equaled|amounted|amounts)(?-u:\b)|(?:that|this|the\s+(?:increase|rise|change|cut))\s+(?:will\s+|would\s+)?(?:cost|costs|means?|add|adds|save|saves|raise|raises|equates)(?-u:\b)|(?:that|this)(?:['’]s|\s+is|\s+was)\s+(?:an?\s+(?:increase|decrease|rise|drop|cut|jump|fall)\s+of(?-u:\b)|[$€£]?[\d.,]+\s+(?:more|less|higher|lower)(?-u:\b)))",
    )
    .expect("about-previous pattern compiles")
});

/// Whether `sentence` opens by saying what the figure of the sentence
/// before it holds or compares with ("That included $10.7 million from a tax
/// matter."): its figures break that one down, and are sourced as it was.
pub fn refers_to_previous_figure(sentence: &str) -> bool {
    ABOUT_PREVIOUS_FIGURE.is_match(sentence)
}

/// Whether a share is the writer's own arithmetic on the figures of the
/// sentence before ("38,520 votes were cast, out of a possible 51,681.
/// That’s about 75%."): a sentence that opens "That’s"/"That is"/"This is"
/// after a sentence with two figures or more restates them as a share.
pub fn is_writers_arithmetic(sentence: &str, claim: &str, figures_before: usize) -> bool {
    // Only the share itself: "This is a beginning …, more than 30% of …"
    // makes a new claim. Counted first, and at most seven words read: a
    // long sentence of many figures is not read again for each of them.
    let short = sentence.split_whitespace().take(7).count() <= 6;
    if !short || figures_before < 2 {
        return false;
    }
    let opening = sentence.trim_start().trim_start_matches(['(', '"', '“']).to_lowercase();
    let restates = ["that’s ", "that's ", "that is ", "this is ", "that was "].iter().any(|o| opening.starts_with(o));
    let share =
        claim.contains('%') || claim.to_lowercase().contains("percent") || claim.to_lowercase().contains("per cent");
    restates && share
}

/// A count followed by the people it counts, named: "Two officials,
/// athletic director Ana Ruiz and …", "three ministers: Ana Ruiz, …".
static NAMES_ITS_MEMBERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[,:]\s+(?:(?:the\s+)?[a-z][\w-]*\s+){0,3}\p{Lu}[\w’'-]+\s+\p{Lu}[\w’'-]+(?:\s+\p{Lu}[\w’'-]+)?\s*(?:,|\(|and\s)")
        .expect("member list compiles")
});

/// Whether the claim ending at `end` is a count whose members the sentence
/// then names: the names are the record, not a figure to source.
pub fn names_its_members(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = &rest[..crate::position::floor_char_boundary(rest, 160)];
    NAMES_ITS_MEMBERS.is_match(rest)
}

/// A score ("7-6", "6-1 lead", "61-39"): a match or tally being reported.
static SCORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)\d{1,2}(?:-| - | – |–)\d{1,2}(?-u:\b)").expect("score"));

/// A line of a results table: a name, a count and its share ("Ana Ruiz
/// 7286 (18.91%)").
static TALLY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:\p{Lu}[\w’'.-]*\s+){1,5}[\d,]+\s*\(\d+(?:\.\d+)?\s?%\)\W*$").expect("tally line compiles")
});

/// A sentence that names the source of the sentence before it.
static BACKWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:this|that|these|the\ (?:figures?|results?|data|numbers?))\s+(?:was|were|is|are|has\ been|have\ been)\s+(?:announced|reported|published|confirmed|released|stated|disclosed)\s+by(?-u:\b)",
    )
    .expect("backward cue compiles")
});

/// A lead whose subject reports or decides something itself ("Cisco
/// reported", "The central bank raised its rate").
static LEAD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    let words = super::alternation(include_str!("../../../data/lead_verbs.txt"));
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})(?-u:\b)")).expect("lead_verb compiles")
});

/// Whether the sentence reports the observable record of the event itself:
/// market moves, tallies, scores, verdicts.
pub fn is_event_record(sentence: &str) -> bool {
    EVENT_RECORD.is_match(sentence) || SCORE.is_match(sentence) || TALLY_LINE.is_match(sentence.trim())
}

/// Whether the sentence reports what the police did, with the police as
/// its subject ("Nyandarua police have arrested two suspects and impounded
/// two vehicles", "Police arrested three men"): the counts of that act are
/// the police's own report of it, as a body's decision is its own.
pub fn reports_police_act(sentence: &str) -> bool {
    static ACT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:the\s+)?(?:[\p{Lu}][\w-]*\s+){0,3}(?:police|detectives|officers)\s+(?:in\s+(?:[\p{Lu}][\w-]*\s+){1,3})?(?:have\s+|has\s+|had\s+)?(?:also\s+)?(?:arrested|detained|impounded|seized|recovered|charged|apprehended|nabbed)(?-u:\b)")
            .expect("police act compiles")
    });
    ACT.is_match(sentence)
}

/// A lead that reports an event with a public record: a result, a vote, a
/// verdict, a market session.
static EVENT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    let words = super::alternation(include_str!("../../../data/event_lead.txt"));
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})(?-u:\b)")).expect("event_lead compiles")
});

/// Whether the lead reports an event whose record needs no source.
pub fn lead_reports_event(lead: &str) -> bool {
    is_event_record(lead) || EVENT_LEAD.is_match(lead)
}

/// Whether `next` (the following sentence of the same paragraph) names the
/// source of the sentence before it.
pub fn names_source_of_previous(next: &str) -> bool {
    BACKWARD.is_match(next)
}

/// Whether a sentence can be the lead: four words or more, and not a
/// kicker, section heading or summary bullet ("What you need to know",
/// "* DAX falls 1.6 pct"), which has no closing punctuation, nor a byline.
pub fn can_be_lead(sentence: &str) -> bool {
    let trimmed = sentence.trim();
    let words = trimmed.split_whitespace().count();
    let closed = trimmed.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '!', '?']);
    let bullet = trimmed.starts_with(['*', '-', '•', '–']);
    let byline = trimmed.starts_with("By ") && words <= 6;
    words >= 4 && (closed || words >= 12) && !bullet && !byline
}

/// Whether the lead makes the article's subject the source of its own
/// figures.
pub fn lead_names_subject(lead: &str) -> bool {
    LEAD_VERB.is_match(lead)
}

/// The sentences of `sentences`, in the order given, up to the end of the
/// `paragraphs`-th paragraph they touch (paragraph numbers are not
/// consecutive: the changes are counted). Read forward from the lead, or
/// backward (`.rev()`) from a quotation to the speakers before it.
pub fn in_paragraphs<'a>(
    sentences: impl Iterator<Item = &'a crate::article::Sentence>,
    paragraphs: usize,
) -> impl Iterator<Item = &'a crate::article::Sentence> {
    let mut seen = 0;
    let mut current = None;
    sentences.take_while(move |s| {
        if current != Some(s.paragraph) {
            current = Some(s.paragraph);
            seen += 1;
        }
        seen <= paragraphs
    })
}

/// Whether the sentence is about the subject's own results (profit, rate,
/// cases, budget).
pub fn about_subject_results(sentence: &str) -> bool {
    SUBJECT_TERMS.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_cues() {
        assert!(names_source_of_previous("This was announced by the election commission."));
        assert!(!names_source_of_previous("This was a surprise."));
        assert!(is_event_record("The index fell 1.2% to 3,567.79."));
        assert!(is_event_record("He won 7-6 6-4."));
        assert!(is_event_record("Prop 12 passed 66 - 34%."));
        assert!(is_event_record("Ana Ruiz 7,286 (18.91%)"));
        assert!(!is_event_record("Some 300 families were moved."));
        assert!(lead_names_subject("Cisco reported a profit on Wednesday."));
        assert!(lead_reports_market("Stocks closed lower on Wall Street on Monday."));
        assert!(!lead_reports_market("The council passed the budget on Monday."));
        assert!(is_market_move("Velmar ended 3.3 percent lower after the recall."));
        assert!(is_market_move("Copper prices gained 1.6%."));
        assert!(is_market_move("The bank's shares closed up 2.1% on the news."));
        assert!(!is_market_move("Revenues are projected to increase by more than 20%."));
        assert!(is_small_exact_count("two trials", "", reports_casualties("He survived the strain of two trials.")));
        assert!(is_small_exact_count("four other parties", "", reports_casualties("The four other parties joined.")));
        assert!(!is_small_exact_count("two people", "", reports_casualties("Two people were killed.")));
        assert!(!is_small_exact_count(
            "more than two dozen nations",
            "",
            reports_casualties("More than two dozen nations signed.")
        ));
        assert!(!is_small_exact_count("12 boats", "", reports_casualties("12 boats sailed.")));
        assert!(!is_small_exact_count(
            "8 tugboats",
            "A total of ",
            reports_casualties("A total of 8 tugboats helped.")
        ));
        let text = "Two other officials, harbour director Ana Ruiz and her deputy Ivo Lind, were charged.";
        assert!(names_its_members(text, "Two other officials".len()));
        let text = "Two other officials, who were not named, were charged.";
        assert!(!names_its_members(text, "Two other officials".len()));
        assert!(about_subject_results("Revenue rose 12%."));
        assert!(lead_reports_budget("The council reviewed a proposed $84 million budget on Monday."));
        assert!(!lead_reports_budget("The council voted to rename the park on Monday."));
        assert!(is_budget_size("$84.6 million general fund budget"));
        assert!(can_be_lead("Stocks fell on Monday as yields rose."));
        let text = "Prices rose 0.3% in January, the bureau said.\n\nThe 0.3% increase was the largest.";
        let earlier: EarlierNumbers<'_> = numbers_in(&text[..text.find('\n').unwrap()]).map(|n| (n, 0)).collect();
        assert!(restates_earlier(text, &earlier, &(text.rfind("0.3%").unwrap()..text.len() - 16), 1));
        let text = "Prices rose 3% in January.\n\nThe 0.3% increase was the largest.";
        let earlier: EarlierNumbers<'_> = numbers_in(&text[..text.find('\n').unwrap()]).map(|n| (n, 0)).collect();
        assert!(!restates_earlier(text, &earlier, &(text.rfind("0.3%").unwrap()..text.len() - 16), 1));
        assert!(lead_reports_budget_decision("City Council adopted the fiscal year budget on Monday."));
        assert!(!lead_reports_budget_decision("The budget presentations to the council looked at revenues."));
        assert!(!lead_reports_budget_decision("The council will vote on the budget on Monday."));
        assert!(!lead_reports_budget_decision("Budget carrier Skyhop's shareholders voted to sell the airline."));
        assert!(!is_budget_line("$40 million", false, states_budget_terms("The airline lost $40 million last year.")));
        assert!(is_budget_line(
            "$32.48 million",
            false,
            states_budget_terms("- $32.48 million for capital projects and operating expenses")
        ));
        assert!(!is_budget_line("more than 30%", false, true));
        assert!(!is_budget_line("several hundred protesters", false, true));
        assert!(!is_budget_line("more than 20%", true, true));
        assert!(!is_budget_line("20%", states_projection("Revenues are projected to increase by 20%."), true));
        assert!(!can_be_lead("What you need to know"));
        assert!(!can_be_lead("* DAX falls 1.6 pct after unemployment rises"));
        assert!(!can_be_lead("By Ana Ruiz and Ivo Lind"));
        let at = |text: &str, claim: &str| text.find(claim).map(|k| k..k + claim.len()).unwrap();
        let text = "He faces up to 40 years in prison.";
        assert!(is_potential_penalty(text, &at(text, "up to 40 years in prison")));
        let text = "He was sentenced to 40 years in prison.";
        assert!(!is_potential_penalty(text, &at(text, "40 years in prison")));
        assert!(!is_budget_size("$31 million"));
        assert!(is_writers_arithmetic("That’s about 75%.", "about 75%", 2));
        assert!(!is_writers_arithmetic("That’s about 75%.", "about 75%", 1));
        assert!(!is_writers_arithmetic("Turnout was about 75%.", "about 75%", 2));
        assert!(!is_writers_arithmetic("This is a start, but it takes more than 30% of the fund.", "more than 30%", 3));
    }
}

static SPORT_TERMS: LazyLock<Regex> = LazyLock::new(|| word_list(include_str!("../../../data/sport_terms.txt")));
static CROWD_WORDS: LazyLock<Regex> = LazyLock::new(|| word_list(include_str!("../../../data/crowd_words.txt")));

/// Whether the opening of an article (its lead and the sentence after it)
/// reports a sporting contest (`data/sport_terms.txt`): the contest's
/// figures are its public record.
pub fn lead_reports_sport(opening: &str) -> bool {
    SPORT_TERMS.is_match(opening) || states_final_score(opening)
}

/// A final score beside the result it decided, in any sport
/// (`data/score_results.txt`): "an emphatic 20-18 victory", "beat Leeds
/// 3-1", "won 6-2, 6-1". A year range ("2019-20") has four digits, and a
/// raffle's "50-50 draw" is no score.
static FINAL_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    let words = |kind: &str| -> String {
        crate::text::data_entries(include_str!("../../../data/score_results.txt"))
            .filter_map(|line| line.strip_prefix(kind))
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("|")
    };
    let (nouns, verbs) = (words("noun:"), words("verb:"));
    let score = r"(\d{1,3})-(\d{1,3})(?-u:\b)";
    Regex::new(&format!(
        r"(?-u:\b)(?:{score}\s+(?i:{nouns})|(?i:{verbs})\s+(?:\p{{Lu}}[\w'’.-]*\s+){{1,3}}{score}|(?i:won|lost)\s+{score},\s*\d{{1,3}}-\d{{1,3}})(?-u:\b)"
    ))
    .expect("final score compiles")
});

/// Whether `opening` states a final score ([`FINAL_SCORE`]).
fn states_final_score(opening: &str) -> bool {
    FINAL_SCORE.captures_iter(opening).any(|c| {
        let pair = (1..c.len()).step_by(2).find_map(|k| Some((c.get(k)?.as_str(), c.get(k + 1)?.as_str())));
        // A raffle's "50-50 draw": a tie only at a score a match can have.
        !pair.is_some_and(|(a, b)| a == b && a.len() > 1)
    })
}

/// What a sentence of a sports report says that makes its figures claims
/// after all: it speaks of the crowd watching (`data/crowd_words.txt`) or
/// of a record beyond the contest ("the sixth-fastest race of all time").
/// Read once per sentence, so a long sentence of figures stays linear.
pub fn beyond_the_contest(sentence: &str) -> bool {
    CROWD_WORDS.is_match(sentence) || super::claims::names_record(sentence)
}

/// Whether the sentence speaks of a crowd's size
/// (`data/crowd_size_words.txt`): it always needs its source (guideline
/// §1), in any story.
pub fn speaks_of_a_crowd(sentence: &str) -> bool {
    static CROWD_SIZE: LazyLock<Regex> =
        LazyLock::new(|| word_list(include_str!("../../../data/crowd_size_words.txt")));
    CROWD_SIZE.is_match(sentence)
}

/// Whether a figure of a sports report is its record: anything the contest
/// produced (runs, overs, goals, times, distances, a personal best), not a
/// sum of money (a transfer fee, prize money), a crowd ("the match drew
/// 19,851": `before` is the prose before the claim) or a figure of a
/// sentence [`beyond_the_contest`].
pub fn is_sport_record(kind: super::claims::ClaimKind, before: &str, beyond: bool) -> bool {
    kind != super::claims::ClaimKind::Money && !beyond && !before.ends_with("drew ")
}

static AGREEMENT: LazyLock<Regex> = LazyLock::new(|| word_list(include_str!("../../../data/agreement_words.txt")));

/// Whether the lead reports an agreement or decision taken
/// (`data/agreement_words.txt`, or a decision verb such as "approved"): the
/// exact terms it states in its own sentence are the decision's record.
pub fn lead_reports_agreement(lead: &str) -> bool {
    AGREEMENT.is_match(lead)
}

/// "…, the company said." closing the sentence after a figure's: a source
/// named for the statement the paragraph makes (guideline §1.2: "in a
/// sentence of the same paragraph that attributes the same statement …
/// just after it").
pub fn closes_with_attribution(next: &str) -> bool {
    static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i),\s+(?:the\s+|a\s+)?(?:[\w’'.-]+\s+){0,5}?(?:said|says|added|confirmed|told\s+[\w ]{1,30})\s*(?:on\s+\w+|in\s+a\s+statement)?[.”\x22]*\s*$")
            .expect("closing attribution compiles")
    });
    // Every match holds one of the verbs: a literal search (fast) rules out
    // most sentences before the reverse search (slow: it walks the whole
    // sentence back through a large Unicode automaton).
    static VERB: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)said|says|added|confirmed|told").expect("closing verbs compile"));
    VERB.is_match(next) && CLOSING.is_match(next)
}
