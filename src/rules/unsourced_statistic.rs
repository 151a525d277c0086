use crate::analysis::Context;
use crate::analysis::sourcing::attribution::{
    cites_document, cites_source_document, continues_previous, opens_with_document, releases_figures,
    reports_named_speech, sentence_is_attributed, vague_in,
};
use crate::analysis::sourcing::numbers::statistics;
use crate::analysis::sourcing::{claims, scope, subject};
use crate::finding::Finding;

declare_rule! {
    /// ## What it flags
    /// A quantitative claim — a number in digits or words ("27%", "€4.2
    /// billion", "thirty", "two dozen", "hundreds of") together with what it
    /// counts — in a sentence that does not say where it comes from.
    ///
    /// The message names the kind of claim (a count, a share, a sum of
    /// money, a measurement, an estimate, a record) and what source would do
    /// for it.
    ///
    /// ## Why
    /// Every figure a reader cannot trace is a figure a fact-checker has to
    /// chase. Approximations ("more than two dozen nations", "nearly 600")
    /// are claims too.
    ///
    /// A figure is sourced when its sentence has an attribution: "according
    /// to X", "X said/told/reported/estimated/found", "data from X", "a
    /// survey by X", "X’s report", "citing X", "per X", a link or a
    /// citation; when it sits inside a quotation whose speaker is named; or
    /// when the sentence continues an attributed one ("The report also
    /// found ...", "It added ..."); when the next sentence of the paragraph
    /// names the source ("This was announced by the commission"); when the
    /// lead makes the article's subject the source of its own results
    /// ("Cisco reported …": its profit, revenue and forecasts); or when the
    /// sentence reports the public record of the event the lead reports
    /// (scores, tallies, verdicts; in a markets report, every price move:
    /// "Velmar ended 3.3 percent lower"). A count whose members the
    /// sentence names ("Two officials, director Ana Ruiz and …") is not a
    /// figure to source. Figures inside a quotation
    /// are the speaker's. A range, a currency conversion or a per-share
    /// restatement is one claim and one finding. `[sourcing] attribution`
    /// in `copydesk.toml` adds cues; the word lists are in `data/`.
    ///
    /// Not statistics: dates, years, times, ages in a name line ("Ana Ruiz,
    /// 54,"), ordinals, durations that place events in time ("four years
    /// after"), numbers in names ("Article 5", "World War Three", "G7",
    /// "Flight 17"; `[sourcing] name_words` adds label words), definite
    /// references ("the two countries"), "one" as a pronoun ("one of"),
    /// headlines and front matter.
    ///
    /// The article-level source covers the figures after the lead: a lead
    /// that cites a data release, poll or study ("customs data showed", "a
    /// national Velpoll result") covers the exact figures of the article
    /// (not approximations or projections); an organisation that is the
    /// lead's subject, or that opens an attributed sentence just after it,
    /// covers the sentences that open with it or with "the company" ("Velmar
    /// has sold 100 million jars"), unless it declined to give the figure
    /// or the sentence is about another organisation's ("Harbour's jars
    /// sold 4 million units"). A source that revises a figure counts ("the
    /// sheriff raised the death toll", "the Times put the value at …"), as
    /// does a name glued to its verb where a web page lost the space ("the
    /// China Dailyreported"); a denied cue ("did not say") does not. A
    /// sentence about the figure before it ("That included …") is covered
    /// as that figure was.
    ///
    /// A document covers the rest of its paragraph ("The budget presented
    /// to the council projects $86.1 million. Property taxes would bring in
    /// $31 million."); in a story whose lead reports a budget adopted, the
    /// budget's exact lines and rates are the record of that decision (an
    /// approximation or a projection still needs a source). A definite
    /// figure the article gave before ("The 0.3% increase …") restates it.
    /// A penalty a defendant only faces ("up to 20 years in prison") is a
    /// claim even in a verdict story.
    ///
    /// The opening (the lead and the sentence after it) decides a budget
    /// decision and a sports report. In a match, race or round report
    /// (`data/sport_terms.txt`)
    /// the contest's figures are its record ("made 166 off 291 balls", "a
    /// season's best of 9.83"); a sum of money, the crowd
    /// (`data/crowd_words.txt`) and a record beyond the contest ("the
    /// sixth-fastest race of all time") stay claims. The exact terms of an
    /// agreement the lead reports ("agreed to cut output by 1.2 million
    /// barrels a day", `data/agreement_words.txt`) are its record. "Figures
    /// show", "results announced", a lead that opens with the poll or survey
    /// it reports, and a statement that gives figures in the lead ("…
    /// seized 12 firearms, it said in a statement") are article-level
    /// documents, as is a document cited anywhere in the opening ("Official
    /// figures show …" after a lead that states the headline figure), from
    /// the sentence that cites it on. A named person's account carries on through the paragraph
    /// ("Dugan said officers saw a car leave. When police stopped it, three
    /// people fled."). A list opened by an attributed sentence ("The
    /// assessments have found:") is that source's, and "…, the company
    /// said." closing the next sentence of the paragraph names the source.
    /// A markets wrap's levels ("a low of", "per barrel") are its record; a
    /// regulator's tariff decision is read like a budget decision. Charge counts ("two counts of assault") and halves of
    /// years ("the first half of 2019") are no figures.
    ///
    /// Measured on labelled news passages written for the project
    /// (`tests/sourcing_quality.rs` asserts precision ≥ 0.90 and recall ≥
    /// 0.85, and that eight whole articles in the shapes of wire and local
    /// copy come out exactly): on a held-out set of 109 passages, precision
    /// 0.98 and recall 0.89. On real published wire and local stories
    /// labelled by a fact-checking guideline: 23 stories, precision 1.00,
    /// recall 1.00; a second set of 31, precision 0.89, recall 0.80; a third
    /// set of 27 labelled blind, precision 0.97, recall 0.92 (0.49 and 0.50
    /// when first measured, unseen); eight more labelled blind: 26 stories,
    /// 0.85 / 0.85 (0.26 / 0.50 first); 26, 0.71 / 0.77 (0.28 / 0.54
    /// first); 25, 0.89 / 0.85 (0.55 / 0.82 first); 26, 0.81 / 0.76 (0.15 /
    /// 0.47 first); 26, 0.36 / 0.45 (0.09 / 0.45 first); 25, 0.57 / 0.65
    /// (0.37 / 0.65 first); 25, 0.60 / 0.60 (0.18 / 0.60 first); 25, 0.42 /
    /// 0.57 (0.14 / 0.57 first).
    ///
    /// ## Example
    /// ```text
    /// During the talks, approximately thirty Western leaders pledged support.
    ///                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ estimate with no source in the article (say who estimates or projects it)
    /// ```
    pub struct UnsourcedStatistic {
        id: "unsourced-statistic",
        severity: Warning,
        summary: "A figure whose sentence does not say where it comes from",
        fix: None,
    }
}

impl crate::rules::Rule for UnsourcedStatistic {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let sentences = cx.article.sentences();
        let prose = cx.prose();
        // The article-level source: a lead whose subject reports its own
        // figures ("Cisco reported …", "The central bank raised …").
        // The lead: the first sentence of the body that is not a headline or
        // a dateline ("ANKARA, May 15.", "/TASS/.").
        let lead = sentences.iter().find(|s| {
            s.range.start >= cx.article.body_start()
                && !cx.names.in_headline(s.range.start)
                && scope::can_be_lead(&prose[s.range.clone()])
        });
        let lead_source = lead.is_some_and(|s| scope::lead_names_subject(&prose[s.range.clone()]));
        let lead_market = lead.is_some_and(|s| scope::lead_reports_market(&prose[s.range.clone()]));
        // A lead reporting an agreement: the terms it states are the record.
        let lead_agreement =
            lead.filter(|s| scope::lead_reports_agreement(&prose[s.range.clone()])).map(|s| s.range.clone());
        // The opening: the lead's paragraph (up to three sentences), or the
        // lead and the sentence after it when the lead stands alone; where
        // a story that opens on a scene or a comment says what it reports.
        let opening_sentences: &[crate::article::Sentence] = lead.map_or(&[], |l| {
            let from = sentences.partition_point(|s| s.range.start < l.range.start);
            let same = sentences[from..].iter().take(3).take_while(|s| s.paragraph == l.paragraph).count();
            &sentences[from..(from + same.max(2)).min(sentences.len())]
        });
        let opening = match (opening_sentences.first(), opening_sentences.last()) {
            (Some(first), Some(last)) => &prose[first.range.start..last.range.end],
            _ => "",
        };
        // A match, race or round report.
        let lead_sport = scope::lead_reports_sport(opening);
        // The event the article reports is the lead's: the record of that
        // event (tallies, scores, market moves) needs no source after it.
        // (Not the opening's: the sentence after a deal's lead speaks of
        // "stock" without reporting a market.)
        let lead_event = lead.is_some_and(|s| scope::lead_reports_event(&prose[s.range.clone()]));
        // A budget story: the budget's lines are the figures of the document
        // the lead reports (guideline: "the budget presented to the council").
        let lead_budget = lead.is_some_and(|s| scope::lead_reports_budget(&prose[s.range.clone()]));
        let lead_budget_decision = scope::lead_reports_budget_decision(opening);
        // A lead that cites a document (a data release, a poll, a study:
        // "customs data showed", "according to a study published on
        // Tuesday") makes it the article-level source of the figures after.
        // A lead about a document it opens with ("The poll arrives on the
        // heels of the Budget Bill") reports that document, whatever else it
        // names.
        let lead_about_document = lead.is_some_and(|s| opens_with_document(cx, s.range.clone()));
        // A document cited in the opening: "Official figures show" or
        // "according to data from the census" often come in the sentence
        // after a lead that states the headline figure.
        // Where the document is first cited: it covers the figures from
        // there on, not a lead that stated the headline figure before naming
        // its source (the labels mark that figure unsourced).
        let document_from = if lead_about_document {
            lead.map(|l| l.range.start)
        } else {
            opening_sentences
                .iter()
                .find(|s| {
                    // A statement is a release of figures only in the lead:
                    // later, it is one source's word on its own figures.
                    let is_lead = lead.is_some_and(|l| l.range.start == s.range.start);
                    sentence_is_attributed(cx, cx.sourcing, s.range.clone())
                        && (cites_source_document(cx, s.range.clone())
                            || (is_lead && releases_figures(cx, cx.sourcing, s.range.clone())))
                })
                .map(|s| s.range.start)
        };
        // An organisation that is the lead's subject gives its own figures
        // in the sentences that open with it; so does one that opens an
        // attributed sentence just after a lead about something else ("A
        // union is to fight plans … GKN has said it intends to close …").
        let lead_organisation = lead.and_then(|l| {
            subject::lead_organisation(cx, l.range.clone()).or_else(|| {
                let after = sentences.iter().skip_while(|s| s.range.start <= l.range.start).take(3);
                after
                    .filter(|s| sentence_is_attributed(cx, cx.sourcing, s.range.clone()))
                    .find_map(|s| subject::opening_organisation(cx, s.range.clone()))
            })
        });
        // In a whole article (more than one paragraph) the lead's own record
        // counts too; a lone passage has no event to be the record of.
        let whole_article = lead.is_some_and(|l| sentences.last().is_some_and(|s| s.paragraph > l.paragraph));
        let lead_end = if whole_article { 0 } else { lead.map_or(0, |s| s.range.end) };
        let quotes = cx.article.quotations();
        let mut previous_attributed = false;
        // The sentence before reported a named speaker's account with no
        // quotation marks, or carried one on: the paragraph's next
        // sentences tell the same account.
        let mut previous_account = false;
        let mut previous_paragraph = usize::MAX;
        // The paragraph whose sentence cited a document: the figures of the
        // sentences after it there are derived from that document.
        let mut document_paragraph = None;
        // The numbers of the figures of the sentences read so far (not their
        // dates or times): a definite figure among them is a restatement (a
        // set, so a long article stays linear).
        let mut earlier_numbers = rustc_hash::FxHashSet::default();
        let mut previous_figures: Vec<&str> = Vec::new();
        // How many findings there were before the sentence before: none
        // added since means its figures were all covered.
        let mut findings_before_previous = out.len();
        // Inside a list a colon opened ("Other highlights include:" and
        // then one line per item, with no closing period).
        let mut in_list = false;
        // The list was opened by an attributed sentence ("The assessments
        // have found:"): its lines are what that source found.
        let mut list_attributed = false;
        for (i, sentence) in sentences.iter().enumerate() {
            let figures_before = previous_figures.len();
            // "… were 65 cents a share. That included $10.7 million …": a
            // sentence about the figure before it is covered as that was.
            let previous_covered =
                figures_before > 0 && out.len() == findings_before_previous && previous_paragraph == sentence.paragraph;
            findings_before_previous = out.len();
            earlier_numbers.extend(previous_figures.drain(..));
            let range = sentence.range.clone();
            let text = &prose[range.clone()];
            // A lone abbreviation ("Approx.") opens a list line, not a
            // sentence that closes the list.
            let closed =
                text.trim_end().ends_with(['.', '!', '?', '”', '"']) && text.split_whitespace().nth(1).is_some();
            let list_item = in_list && !closed;
            in_list = text.trim_end().ends_with(':') || list_item;
            let figures = statistics(text, range.start, cx.sourcing);
            previous_figures.extend(figures.iter().filter_map(|f| scope::numbers_in(&prose[f.range.clone()]).next()));
            let attributed = sentence_is_attributed(cx, cx.sourcing, range.clone());
            // A vague cue ("critics say") makes the sentence the writer's own
            // claim; no document or story context covers it.
            let vague = !vague_in(cx, &range).is_empty();
            let continued = ((previous_attributed
                && previous_paragraph == sentence.paragraph
                && (continues_previous(cx, range.clone())
                    || document_paragraph == Some(sentence.paragraph)
                    || previous_account))
                || (list_item && list_attributed))
                && !vague;
            if text.trim_end().ends_with(':') {
                list_attributed = attributed || continued;
            }
            if attributed && cites_document(cx, range.clone()) {
                document_paragraph = Some(sentence.paragraph);
            }
            previous_attributed = attributed || continued;
            previous_account = (attributed && reports_named_speech(cx, &range)) || (continued && previous_account);
            previous_paragraph = sentence.paragraph;
            // "… rose 28.6%. This was announced by the election commission."
            let sourced_after = sentences.get(i + 1).is_some_and(|next| {
                let next_text = &prose[next.range.clone()];
                next.paragraph == sentence.paragraph
                    && (scope::names_source_of_previous(next_text)
                        || (scope::closes_with_attribution(next_text)
                            && sentence_is_attributed(cx, cx.sourcing, next.range.clone())
                            && vague_in(cx, &next.range).is_empty()))
            });
            let about_previous = previous_covered && !vague && scope::refers_to_previous_figure(text);
            if attributed || continued || sourced_after || about_previous || cx.names.in_headline(range.start) {
                continue;
            }
            // The record of the reported event: its figures need no source,
            // except a penalty the defendant only faces ("faces up to 20
            // years in prison"), which is no record but a claim.
            let record = range.start >= lead_end
                && ((lead_event && scope::is_event_record(text))
                    || (lead_market && scope::is_market_move(text))
                    || scope::is_share_move(text)
                    // A vague cue in the sentence ("one of the sources said")
                    // is where its figures come from, not the lead's subject.
                    || (lead_source
                        && !vague
                        && scope::about_subject_results(text)
                        && !lead_organisation.is_some_and(|o| subject::about_other_organisation(cx, range.clone(), o)))
                    || lead_organisation.is_some_and(|o| !vague && subject::opens_with(cx, range.clone(), o)));
            // Figures inside a quotation are the speaker's (guideline §1.4).
            let stats: Vec<_> = figures
                .into_iter()
                .filter(|stat| {
                    let q = quotes.partition_point(|q| q.range.end <= stat.range.start);
                    !quotes.get(q).is_some_and(|q| q.range.start <= stat.range.start)
                })
                .collect();
            // What the sentence says about all its claims, read once.
            let traits = claims::SentenceTraits::of(text);
            let casualties = scope::reports_casualties(text);
            let beyond_the_contest = lead_sport && scope::beyond_the_contest(text);
            // A line of the budget: it names a budget term, or it is an item
            // of the budget's list ("The adopted budget includes: - $32
            // million for …", "That figure includes $765,000 for …").
            let budget_terms = lead_budget_decision
                && (scope::states_budget_terms(text)
                    || text.trim_start().starts_with(['-', '*', '•'])
                    || list_item
                    || text.contains(" include"));
            for claim in scope::group_claims(prose, stats, casualties) {
                // The size of the budget a budget story reports ("a proposed
                // $84.6 million budget") is the record of the decision.
                let claim_text = &prose[claim.clone()];
                let budget_size = lead_budget && claim.start >= lead_end && scope::is_budget_size(claim_text);
                // The lines and rates of a budget the lead reports adopted
                // are the record of that decision, like a policy rate set.
                let budget_line = lead_budget_decision
                    && claim.start >= lead_end
                    && !vague
                    && scope::is_budget_line(claim_text, traits.projection, budget_terms);
                // The document the lead cites gives the figures; a
                // projection is the writer's or another's.
                // (A headline above the lead states what the body sources.)
                let document_figure = document_from
                    .is_some_and(|from| claim.start >= from || lead.is_some_and(|l| claim.start < l.range.start))
                    && claim.start >= lead_end
                    && !vague
                    // A budget's projections are the budget's own.
                    && (!traits.projection || lead_budget);
                // A casualty count is record only when exact: "over 100
                // people have been killed" is an estimate someone made.
                let estimated_toll = casualties && crate::analysis::sourcing::numbers::is_approximate(claim_text);
                let agreed_term = lead_agreement.as_ref().is_some_and(|l| l.contains(&claim.start))
                    && !crate::analysis::sourcing::numbers::is_approximate(claim_text);
                if (record && !estimated_toll && !scope::is_potential_penalty(prose, &claim))
                    || agreed_term
                    || document_figure
                    || budget_size
                    || budget_line
                    || scope::restates_earlier(prose, &earlier_numbers, &claim)
                    || scope::names_its_members(prose, claim.end)
                    || scope::is_small_exact_count(claim_text, casualties)
                    || scope::is_writers_arithmetic(text, claim_text, figures_before)
                {
                    continue;
                }
                let kind = claims::classify(claim_text, traits);
                if lead_sport && !vague && scope::is_sport_record(kind, &prose[..claim.start], beyond_the_contest) {
                    continue;
                }
                let message = format!("{} with no source in the article ({})", kind.as_str(), kind.source_hint());
                out.push(Finding::new(Self::META.id, Self::META.default_severity, claim, message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, check_with, flagged};

    const RULE: &str = "unsourced-statistic";

    #[test]
    fn unsourced_figures_are_flagged_with_what_they_count() {
        assert_eq!(
            flagged(RULE, "During the talks, approximately thirty Western leaders pledged support."),
            ["approximately thirty Western leaders"]
        );
        // The message names the kind of claim and what source would do.
        let message = |text: &str| check("unsourced-statistic", text, None)[0].message.clone();
        assert_eq!(
            message("Twelve wounded after the strike."),
            "count with no source in the article (say who counted it: “according to …”, “… said”)"
        );
        assert_eq!(
            message("The fund lost $4 million."),
            "sum of money with no source in the article (say who reported the sum: the budget, filing or official that gives it)"
        );
        assert_eq!(
            message("Nearly 40% of homes flooded."),
            "estimate with no source in the article (say who estimates or projects it)"
        );
    }

    #[test]
    fn attribution_in_the_sentence_the_quote_or_the_previous_sentence() {
        for text in [
            "Just 27% of pledges are honoured, according to a Chatham House report.",
            "The ministry said 300 families were moved.",
            "A survey by the Velgrad Institute found 40% support.",
            "Per Reuters, 12 boats sank.",
            "The VEC’s report counted 1,204 complaints.",
            "“We lost 40 boats,” said Ana Ruiz.",
            "A new audit by the board was published. It also found 14 missing ledgers.",
            "Costs rose 12% [1].",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn exclusion_classes() {
        for text in [
            "The war began in 2022.",
            "Talks resume on March 3 at 9:30.",
            "Radek Hollis, 61, disagreed.",
            "It was the second attempt.",
            "Four years after the war, little changed.",
            "Article 5 and World War Three were raised; the G7 met.",
            "One of the ministers resigned.",
            "On one hand, it helps.",
            "Talks between the two countries stalled.",
            "Ukraine Wins 3 Medals\nThe body follows.",
            "The court imposed a 10- to 12-year term.",
            "---\nrevision: 42 changes\n---\nBody.",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn scope_beyond_the_sentence() {
        // The next sentence of the paragraph names the source.
        assert_eq!(
            flagged(RULE, "The Harbour Party took 31.2% of the vote. This was announced by the electoral board."),
            Vec::<String>::new()
        );
        // The lead's subject reports its own results.
        assert_eq!(
            flagged(
                RULE,
                "Velmar Foods reported a higher profit on Monday.\n\nQuarterly revenue rose to $4.1 billion."
            ),
            Vec::<String>::new()
        );
        // The record of the event the lead reports.
        assert_eq!(
            flagged(RULE, "Stocks fell on Tuesday.\n\nThe Karvo index shed 40.12 points, or 1.3%, to 3,101.55."),
            Vec::<String>::new()
        );
        // Figures inside a quotation are the speaker's.
        assert_eq!(flagged(RULE, "“We lost 40 boats and 12 ferries,” one captain shouted."), Vec::<String>::new());
    }

    #[test]
    fn the_record_of_a_markets_report_and_a_verdict() {
        // Price moves in a markets report, stated with or without an index word.
        assert_eq!(
            flagged(
                RULE,
                "Stocks slipped on Wall Street on Friday.\n\nVelmar ended 3.3 percent lower after the recall. Copper gained 1.6%."
            ),
            Vec::<String>::new()
        );
        // A dateline's state abbreviation does not end the lead.
        assert_eq!(
            flagged(
                RULE,
                "HARTLEY, Pa. – Ivo Lind was found guilty on 12 of 14 counts on Friday.\n\nThe jury heard testimony from six witnesses."
            ),
            Vec::<String>::new()
        );
        // Outside a markets report a move is a claim.
        assert_eq!(
            flagged(
                RULE,
                "The council met on Monday.\n\nRevenues are projected to increase by more than 20% in the coming year."
            ),
            ["more than 20%"]
        );
    }

    #[test]
    fn counts_that_name_their_members_and_large_definite_counts() {
        assert_eq!(
            flagged(RULE, "Two other officials, harbour director Ana Ruiz and her deputy Ivo Lind, were charged."),
            Vec::<String>::new()
        );
        assert_eq!(flagged(RULE, "He waved to the 15,000 crowd."), ["15,000 crowd"]);
    }

    #[test]
    fn also_continues_a_source_only_with_a_verb_of_reporting() {
        assert_eq!(
            flagged(RULE, "The ministry said 30 people died. It also found 12 more missing."),
            Vec::<String>::new()
        );
        assert_eq!(
            flagged(RULE, "The board said costs rose. The port also received more than $7 million in aid."),
            ["more than $7 million"]
        );
    }

    #[test]
    fn a_date_is_no_earlier_figure_and_a_budget_needs_its_terms() {
        // "the 14 people" restates no figure: "Feb. 14" was a date.
        assert_eq!(
            flagged(RULE, "The quake struck on Feb. 14.\n\nFunerals for the 14 people killed were held Sunday."),
            ["14 people"]
        );
        // A budget lead covers the budget's lines, not an airline's losses.
        assert_eq!(
            flagged(
                RULE,
                "Budget carrier Skyhop's shareholders voted on Monday to sell the airline.\n\nThe airline lost $40 million last year."
            ),
            ["$40 million last year"]
        );
        // A statement names no document whose figures the paragraph gives.
        assert_eq!(
            flagged(
                RULE,
                "The mayor said in a statement that the plan was sound. About 4,000 households still lack power."
            ),
            ["About 4,000 households still lack"]
        );
    }

    #[test]
    fn the_writers_arithmetic_and_targets_a_body_has_set() {
        // A share the writer computes from the figures just given.
        assert_eq!(
            flagged(RULE, "Velmar took 3,120 of the 6,240 votes cast, the board said. That’s 50%."),
            Vec::<String>::new()
        );
        // A longer sentence opening "This is" makes a new claim.
        assert_eq!(
            flagged(
                RULE,
                "Velmar took 3,120 of the 6,240 votes cast, the board said. This is a start, but rents rose 30% in March."
            ),
            ["30%"]
        );
        // The setter of targets is named with them.
        assert_eq!(
            flagged(RULE, "The council put figures on the targets it has set, including a 20% cut in waiting times."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn vague_sources_cover_nothing_and_participles_name_no_source() {
        assert_eq!(
            flagged(RULE, "In Sarvo, 1,200 people were made homeless and 11 confirmed dead, an official said."),
            ["1,200 people", "11 confirmed"]
        );
        assert_eq!(
            flagged(RULE, "One person familiar with the talks said the banks would lend half of the cash."),
            ["half of the cash"]
        );
    }

    #[test]
    fn sources_that_revise_a_figure_or_lost_their_space() {
        // The source raises, revises or puts a figure at a value.
        for text in [
            "Sheriff Ana Ruiz raised the death toll from 9 as crews searched the river.",
            "The port authority put the cost of the repairs at $40 million.",
            "The agency revised its growth forecast to 2.1%.",
            // A web page dropped the space between a linked name and its verb.
            "The losses were expected to top 90 million crowns, the Harbour Gazettereported.",
            "The Velgrad Timesput the value of the deal at more than $3 billion.",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
        // "Unreported" is no glued verb.
        assert_eq!(flagged(RULE, "Unreported losses reached $3 million."), ["$3 million"]);
    }

    #[test]
    fn a_sentence_about_the_figure_before_is_covered_as_that_was() {
        let text = "Velmar Foods reported a higher profit on Monday.\n\nEarnings were 65 cents a share. \
                    That included $10.7 million from a tax refund.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // Not when the figure before was itself unsourced, nor in a new paragraph.
        let text = "Storms hit the coast on Monday.\n\nDamage reached $40 million. That included $9 million in crops.";
        assert_eq!(flagged(RULE, text), ["$40 million", "$9 million"]);
    }

    #[test]
    fn counts_in_a_casualty_breakdown() {
        assert_eq!(
            flagged(
                RULE,
                "Storms hit the coast on Monday.\n\nThe injured include 15 children under the age of ten, three \
                 teachers and one adult. All but one of the region's 14 fatalities were drivers."
            ),
            ["15 children", "three teachers and one adult", "All but one of the region's 14 fatalities"]
        );
        // A toll broken down is one claim; resources deployed are two.
        assert_eq!(
            flagged(
                RULE,
                "At least 23 pupils and four adults were killed. Roughly 500 rescuers and 14 boats were sent."
            ),
            ["At least 23 pupils and four adults", "Roughly 500 rescuers", "14 boats"]
        );
    }

    #[test]
    fn the_article_level_source_a_document_or_the_subject() {
        // A lead citing a data release, poll or study: the figures after
        // it are the document's; a projection is not.
        let text = "Velgrad's exports rose 3.3% in July, customs data showed on Thursday.\n\n\
                    Imports fell 5.6% from a year earlier. That left a surplus of more than $45 billion.\n\n\
                    Exports are expected to reach $50 billion next year.";
        assert_eq!(flagged(RULE, text), ["$50 billion next year"]);
        // A body named by what it is ("defined by the charity").
        assert_eq!(
            flagged(RULE, "Poverty is defined by the charity as less than 60% of the median."),
            Vec::<String>::new()
        );
        // A named poll or estimate is a source, a dated one is not.
        assert_eq!(flagged(RULE, "The Harbour Party is on 5% in a national Velpoll result."), Vec::<String>::new());
        assert_eq!(flagged(RULE, "Exports rose 15%, against a Reuters estimate of 12%."), Vec::<String>::new());
        assert_eq!(flagged(RULE, "Exports rose 15% in the June figures."), ["15%"]);
        // An organisation that is the lead's subject gives its own figures
        // in the sentences that open with it, not another's nor what it
        // declined to say.
        let text = "Velmar Foods is widening its rivalry with Harbour Mills.\n\n\
                    Velmar Foods has sold 100 million jars since 2019. \
                    The company plans to open 40 shops. \
                    Harbour Mills' jars have sold 4 million units. \
                    Velmar Foods did not say what the jar will cost, but it may start at $2.";
        let registry = "[[actor]]\nid = \"velmar\"\nname = \"Velmar Foods\"\nkind = \"organization\"\n\n\
                        [[actor]]\nid = \"harbour\"\nname = \"Harbour Mills\"\nkind = \"organization\"\n";
        let found: Vec<String> = check_with(registry, RULE, text, None).into_iter().map(|f| f.text).collect();
        assert_eq!(found, ["4 million units", "$2"]);
        // The organisation that says what it plans just after a lead about
        // someone else's reaction.
        let text = "A union will fight plans to close two mills.\n\n\
                    Velmar Foods has said it intends to close its mills in Sarvo.\n\n\
                    The group, which employs 42,000 people, also wants to cut 150 jobs in Tarn.";
        let found: Vec<String> = check_with(registry, RULE, text, None).into_iter().map(|f| f.text).collect();
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn the_record_of_a_london_markets_report_and_a_fuel_price() {
        let text = "The FTSE 100 closed down today as miners fell.\n\n\
                    Velmar was up 25.25p or 10% to 280.75p. Turnover was $115.3 million.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        let text = "Petrol prices in Velgrad were hiked by 25 paise per litre on Saturday.\n\nDiesel rose too.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // A lead that moves a price makes a markets report: ranges of moves,
        // volumes and price levels are its record.
        let text = "The Velgrad index closed 45.20 points higher at 33,724.\n\n\
                    Banks were among the gainers, closing between 0.3 per cent and 0.7 per cent higher. \
                    Trade volumes were 17,107 lots. Oil was steady above US$82.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // A share price move is public record in any story.
        assert_eq!(
            flagged(RULE, "Talks between the two firms went on.\n\nShares of Velmar soared 6% to $92.50 on Monday."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_lines_of_an_adopted_budget_listed_after_a_colon() {
        let text = "The council voted 5-0 to adopt the city's $39.1 million budget on Monday.\n\n\
                    Other highlights include:\n\n2.0% cost-of-living pay increase\n\n$220,000 for park repairs\n\n\
                    Officials said about 40 staff would be hired.";
        assert_eq!(flagged(RULE, text), ["about 40 staff"]);
    }

    #[test]
    fn a_toll_estimated_is_no_record_and_how_often_is_no_toll() {
        // The lead reports an election; "over 100 people" killed is a claim.
        let text =
            "Police dismissed reports that over 100 people were killed after the election results.\n\nCalm returned.";
        assert_eq!(flagged(RULE, text), ["over 100 people"]);
        assert_eq!(flagged(RULE, "The court heard that Ruiz was stabbed five times."), Vec::<String>::new());
    }

    #[test]
    fn the_record_of_a_match_race_or_round_report() {
        // The contest's figures are its record; a fee, the crowd and a
        // record beyond the contest are claims.
        let text = "Velgrad took a 107-run lead over Harbour before declaring on the fifth morning. \
                    The visitors took four wickets in 13.1 overs.\n\n\
                    Ruiz made 166 off 291 balls, with 22 fours, and Lind ran a season's best of 9.83. \
                    The match drew 19,851 to the ground. The club paid £40 million for Ruiz. \
                    It was the sixth-fastest 100m race of all time.";
        assert_eq!(flagged(RULE, text), ["19,851", "£40 million", "100m race"]);
        // Without a contest in the opening, the same figures are claims.
        assert_eq!(
            flagged(RULE, "The port reopened on Monday.\n\nRuiz made 166 off 291 balls, with 22 fours."),
            ["166 off 291 balls", "22 fours"]
        );
    }

    #[test]
    fn the_terms_of_an_agreement_the_lead_reports() {
        let text = "Harbour producers and 10 other nations agreed on Friday to cut output by 1.2 million barrels a day.\n\n\
                    Prices rose by about 5% after the deal.";
        assert_eq!(flagged(RULE, text), ["about 5%"]);
        // An approximation in the lead is still a claim.
        assert_eq!(
            flagged(RULE, "Velmar reached a deal with Harbour that values it at about £46bn.\n\nThe boards met."),
            ["about £46bn"]
        );
    }

    #[test]
    fn a_lead_about_a_poll_results_or_a_release_of_figures() {
        // A lead that opens with the poll it reports.
        let text = "The poll arrives after the Budget Bill passed.\n\n\
                    The Harbour Party would receive 38% of the vote. The Greens have 4%.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // "new figures show", "results announced".
        let text = "About 600,000 people are waiting for a hospital appointment, new figures show.\n\n\
                    By April, 624,773 people were waiting. Endoscopy lists reached 27,747 people.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        let text = "Girls did better than boys in the Class 12 results announced on Monday.\n\n\
                    The pass rate of girls stands at 87.56 per cent.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // A statement that gives figures in the lead is a release of them;
        // one that gives none is not.
        let text = "Police arrested 20 suspects and seized 12 firearms, they said in a statement on Saturday.\n\n\
                    Two more firearms were recovered in Sarvo.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        let text = "The mayor said in a statement that the plan was sound.\n\nAbout 4,000 households still lack power.";
        assert_eq!(flagged(RULE, text), ["About 4,000 households still lack"]);
    }

    #[test]
    fn a_document_cited_in_the_opening_covers_the_figures_after_it() {
        // The lead states the headline figure; the next sentence names the
        // release. The lead's figure stays unsourced, the rest is the
        // release's.
        let text = "Crime rose by 12% in the year to June.\n\n\
                    Official figures show that forces registered 5.6 million offences.\n\n\
                    Robberies were up 22% and burglaries 2%.";
        assert_eq!(flagged(RULE, text), ["12%"]);
        let text = "The council released the results of the exam on Wednesday.\n\n\
                    A total of 786,016 candidates passed, 49.98 per cent of those who sat.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // A markets report named by its exchange.
        let text = "At Thursday's close, the Harbour bourse was down.\n\n\
                    The index has dropped 27.87 points to 2,056.21 since the previous close.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
    }

    #[test]
    fn a_markets_wraps_levels_a_tariff_decision_and_a_budget_reviews_projections() {
        let text = "At Thursday's close, the Harbour bourse was down.\n\n\
                    During the day, the index reached a low of 1,984.43 points. 23 stocks on the index rose, 76 fell. \
                    Gold was quoted at $424.20 an ounce and crude was trading at around $88.50 per barrel.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // A regulator's tariff decision: its rates are the decision's record.
        let text = "The Velgrad Electricity Commission on Tuesday approved a 12% increase in the power tariff.\n\n\
                    Tariffs for homes have been increased to ₹6 per unit from ₹5.40, and 9% for farms.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // A budget review the opening cites: its forecasts are its own.
        let text = "The state has delayed its return to surplus.\n\n\
                    Releasing the half-yearly budget review on Thursday, the treasurer revealed a $423 million deficit. \
                    A $1.4 billion surplus is predicted in 2015.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
    }

    #[test]
    fn a_list_an_attributed_sentence_opens_and_a_source_closing_the_next_sentence() {
        let text = "The fire service finished its inspections on Monday.\n\n\
                    The assessments have found:\n\n64 homes destroyed, 23 damaged\n\n7 facilities destroyed\n\n\
                    About 40 crews remain.";
        assert_eq!(flagged(RULE, text), ["About 40 crews remain"]);
        // "…, the company said." just after the figure's sentence.
        let text = "Cars are being recalled over an airbag fault.\n\n\
                    Velmar is recalling 1.73 million cars, 580,000 of them in Europe. \
                    No injuries have been reported, the company said.";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
        // A vague closing source covers nothing.
        let text = "Cars are being recalled over an airbag fault.\n\n\
                    Velmar is recalling 1.73 million cars. No injuries have been reported, officials said.";
        assert_eq!(flagged(RULE, text), ["1.73 million cars"]);
    }

    #[test]
    fn a_named_speakers_account_carries_on_in_the_paragraph() {
        let text = "A man was shot on Sunday.\n\n\
                    Dugan said officers saw a car leave the area. When police stopped it, at least three people fled.\n\n\
                    About 40 officers searched the area.";
        assert_eq!(flagged(RULE, text), ["About 40 officers"]);
        // A vague speaker's account carries nothing on.
        let text = "A man was shot on Sunday.\n\n\
                    Officials said officers saw a car leave. When police stopped it, at least three people fled.";
        assert_eq!(flagged(RULE, text), ["at least three people fled"]);
    }

    #[test]
    fn charges_halves_of_years_and_list_lines_after_an_abbreviation() {
        assert_eq!(
            flagged(RULE, "Police arrested one person on two counts of assault and three charges of theft."),
            Vec::<String>::new()
        );
        assert_eq!(
            flagged(RULE, "The deal takes effect in the first half of 2019, after the second half of last year."),
            Vec::<String>::new()
        );
        let text = "Adopting a budget is the council's main duty each year.\n\n\
                    And in a 5-0 vote, it adopted the city's $39.1 million budget.\n\n\
                    Other highlights include:\n\nApprox. $389,005 for the retirement fund\n\n$220,000 for park repairs";
        assert_eq!(flagged(RULE, text), Vec::<String>::new());
    }

    #[test]
    fn one_claim_one_finding() {
        assert_eq!(flagged(RULE, "Growth will be 13 per cent to 16 per cent."), ["13 per cent to 16 per cent"]);
        // A figure and the one it changed from, or may rise to.
        assert_eq!(
            flagged(RULE, "Evacuees fell to 21,863 people on Tuesday, down from 43,406 the night before."),
            ["21,863 people on Tuesday, down from 43,406"]
        );
        assert_eq!(
            flagged(RULE, "The fee is an initial £44million but could rise to £49 million."),
            ["£44million but could rise to £49 million"]
        );
        assert_eq!(flagged(RULE, "The fund holds US$377 million."), ["US$377 million"]);
    }
}
