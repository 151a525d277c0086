//! Tests of `unsourced-statistic` on passages written for them, one
//! structure each.

use crate::rules::testing::{check, flagged, flagged_with};

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
        flagged(RULE, "Velmar Foods reported a higher profit on Monday.\n\nQuarterly revenue rose to $4.1 billion."),
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
    assert_eq!(flagged(RULE, "The ministry said 30 people died. It also found 12 more missing."), Vec::<String>::new());
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
        flagged(RULE, "At least 23 pupils and four adults were killed. Roughly 500 rescuers and 14 boats were sent."),
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
    let found: Vec<String> = flagged_with(registry, RULE, text);
    assert_eq!(found, ["4 million units", "$2"]);
    // The organisation that says what it plans just after a lead about
    // someone else's reaction.
    let text = "A union will fight plans to close two mills.\n\n\
                Velmar Foods has said it intends to close its mills in Sarvo.\n\n\
                The group, which employs 42,000 people, also wants to cut 150 jobs in Tarn.";
    let found: Vec<String> = flagged_with(registry, RULE, text);
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

#[test]
fn rugby_an_exchange_rate_note_and_a_fine_handed_down() {
    let text = "Canada lost to Italy in a rugby Test on Saturday.\n\n\
                The scores were tied on 9-all at the break, and Canada finished with just 14 men.";
    assert_eq!(flagged(RULE, text), Vec::<String>::new());
    assert_eq!(
        flagged(RULE, "Revenue was C$2.6 billion, the company said. (1 US dollar = 1.1434 Canadian dollar)"),
        Vec::<String>::new()
    );
    let text = "A man was fined S$3,500 on Monday for breaking the rules.\n\nHe must pay the S$3,500 fine by May.";
    assert_eq!(flagged(RULE, text), Vec::<String>::new());
}

#[test]
fn a_budget_tabled_after_a_lead_about_what_it_means() {
    // The lead is about the end of a freeze; the budget comes two
    // paragraphs on. From there its lines and its size are the figures of
    // the document laid before the council; the lead's own story before it
    // is not.
    let text = "The long freeze on water charges in Dunmore is over.\n\n\
                After nine years of holding the line, councillors on Monday said they could no longer keep it.\n\n\
                The finance committee has tabled a draft operating budget of $412 million, partly funded by a 4.2 per cent increase in property taxes.\n\n\
                The city's operating budget totalled $388.1 million in 2021.\n\n\
                Nearly 3,000 residents signed a petition against the rise.";
    assert_eq!(flagged(RULE, text), ["Nearly 3,000 residents"]);
    // A budget first named in the fourth paragraph is no longer the story's
    // opening: its figures need their source.
    let late = "The long freeze on water charges in Dunmore is over.\n\n\
                Councillors on Monday said they could no longer keep it.\n\n\
                Residents were angry.\n\n\
                The finance committee has tabled a draft operating budget of $412 million.";
    assert_eq!(flagged(RULE, late), ["$412 million"]);
}

#[test]
fn a_distinctive_figure_said_again_is_the_same_claim() {
    // "3.5" and "2.9" were the lead's; said again they are no new claims,
    // and "the new $1.3 million" refers back to a figure given before. A
    // round "30" said again is not distinctive enough to be the same.
    let text = "The mayor used his casting vote to cut the rate rise from 3.5 to 2.9 per cent, council records show.\n\n\
                Staff had recommended a rise of 3.5, in line with the cap.\n\n\
                A councillor moved that it be dropped to 2.9 instead.\n\n\
                The council, which says it will spend $40 million more on roads, met on Monday. The new $40 million was welcomed.\n\n\
                It hired 1,000 workers, the mayor said. Later 1,000 nurses walked out.\n\n\
                Harbour trade reached 1.5 million tonnes, the port said. Nearly 1.5 million people lack water.";
    // A round number ("1,000") or an approximation ("Nearly 1.5 million")
    // said again is a new claim.
    assert_eq!(flagged(RULE, text), ["1,000 nurses", "Nearly 1.5 million people lack water"]);
}

#[test]
fn an_organisation_the_lead_names_reports_its_own_figures() {
    let registry = "[[actor]]\nid = \"air-velmar\"\nname = \"Air Velmar\"\nkind = \"organization\"\n\n\
                    [[actor]]\nid = \"orbis-space\"\nname = \"Orbis Space\"\nkind = \"organization\"\n";
    // Air Velmar is named mid-lead, not as its subject: the sentences that
    // open with it or its possessive of what it counts are its own traffic
    // figures; "the airline" stands only for the lead's subject, so it is
    // no second reference here. A possessive of a thing ("Orbis Space's $40
    // million probe") is no figure it reports, and a sentence opening with
    // an organisation the lead does not name is not covered.
    let text = "The downturn has cut the number of passengers Air Velmar carries for a third month.\n\n\
                Air Velmar's passenger numbers fell 1.8 per cent in October. Air Velmar carried 97,000 passengers last month.\n\n\
                The airline's capacity was cut by 1.5 per cent.\n\n\
                Orbis Space's $40 million probe was delayed. Orbis Space sold 12 launches.";
    let seen: Vec<String> = flagged_with(registry, RULE, text);
    assert_eq!(seen, ["1.5 per cent", "$40 million probe", "12 launches"]);
}

#[test]
fn a_poll_showing_and_a_rough_duration() {
    assert_eq!(
        flagged(RULE, "Support is falling, with the poll showing that just over half of voters doubt it will work."),
        Vec::<String>::new()
    );
    assert_eq!(flagged(RULE, "The probe separated after 17-odd minutes of flight."), Vec::<String>::new());
    // "-odd" on a count is still an approximate count.
    assert_eq!(flagged(RULE, "Some 40-odd boats sank."), ["Some 40-odd boats sank"]);
}

#[test]
fn a_release_story_gives_the_releasing_organisations_figures() {
    let registry = "[[actor]]\nid = \"velmar-ports\"\nname = \"Velmar Ports Authority\"\nkind = \"organization\"\n\n\
                    [[actor]]\nid = \"harbour-police\"\nname = \"Harbour Police\"\nkind = \"organization\"\n\n\
                    [[actor]]\nid = \"orbis\"\nname = \"Orbis\"\nkind = \"organization\"\n";
    let seen = |text: &str| -> Vec<String> { flagged_with(registry, RULE, text) };
    // The lead gives the port's figures and the next paragraph names the
    // authority that released them: its exact figures after are its own.
    // Not an approximation, a casualty count, or another organisation's.
    let text = "The port of Dunmore handled 21.3 million tonnes of cargo in the first half.\n\n\
                That was a rise of 8.1 percent. Velmar Ports Authority, the operator, said it was on track.\n\n\
                Container traffic rose to 948,983 units, up 6.7 percent.\n\n\
                Over one million tonnes came by rail.\n\n\
                Two dockers died in an accident in March.\n\n\
                The Harbour Police precept will rise by 9.94 per cent.";
    assert_eq!(seen(text), ["Over one million tonnes came", "Two dockers died", "9.94 per cent"]);
    // The lead's organisation in the possessive is not its subject: the
    // figures of "Orbis’s $337 million telescope" are nobody's release.
    let possessive = "Orbis’s $337 million telescope has spotted two planets.\n\nThe planets are 49 light-years away.";
    assert_eq!(seen(possessive), ["$337 million telescope", "49 light-years away"]);
    // A lead that gives no figure and reports none makes no release story;
    // one that reports results does ("Cisco reported …", guideline §1.2).
    let no_figure = "Velmar Ports Authority has opened a new quay.\n\nThe quay cost $40 million.";
    assert_eq!(seen(no_figure), ["$40 million"]);
    let reported =
        "Velmar Ports Authority reported a record half-year on Monday.\n\nThe port handled 948,983 containers.";
    assert_eq!(seen(reported), Vec::<String>::new());
}

#[test]
fn an_age_range_a_room_and_an_inverted_attribution_after_a_passive() {
    assert_eq!(
        flagged(RULE, "Twelve people, including a driver, 10 women and a child aged between seven and 10, died."),
        ["Twelve people, including a driver, 10 women"]
    );
    assert_eq!(flagged(RULE, "Write to Room 2-D, Victoria Quay, or see the 3-D model."), Vec::<String>::new());
    // "were evacuated, said …": the verb after the comma attributes; it is
    // no passive "were said".
    assert_eq!(
        flagged(RULE, "Eight villages were evacuated, said Gabriela Ruiz, the regional head."),
        Vec::<String>::new()
    );
    assert_eq!(flagged(RULE, "Some 80 villages were said to be empty."), ["Some 80 villages"]);
}

#[test]
fn a_final_score_in_the_lead_makes_a_match_report_in_any_sport() {
    // No sport word the lists know, but a score beside the result it
    // decided: the match's figures are its record; a crowd is still a claim.
    let text = "A late kick from the replacement saw Dunmore snatch an emphatic 21-19 victory over Harwick on Sunday.\n\n\
                The scores were tied on 9-all at the break, and Harwick finished with just 14 men.\n\n\
                The match drew 12,400 fans.";
    assert_eq!(flagged(RULE, text), ["12,400 fans"]);
    // A year range is no score, and a result with no score is no match.
    let season = "Harwick won praise for its 2019-20 season.\n\nNearly 3,000 residents signed a petition.";
    assert_eq!(flagged(RULE, season), ["Nearly 3,000 residents"]);
}

#[test]
fn a_ballots_turnout_and_a_zone_named_by_a_number() {
    let ballot = "A ballot of nurses in the union has failed to meet the turnout threshold, despite support from those who did vote.\n\n\
                  Around nine in 10 members voting in the ballot backed strikes, but turnout was just 42 per cent.";
    assert_eq!(flagged(RULE, ballot), Vec::<String>::new());
    // "3K" after a capitalised label is a zone's name; "3k" is thousands.
    assert_eq!(flagged(RULE, "The quota drops in Area 3K. Sales reached 3k units."), ["3k units"]);
}

#[test]
fn what_the_lead_organisations_do_not_cover() {
    let registry = "[[actor]]\nid = \"air-velmar\"\nname = \"Air Velmar\"\nkind = \"organization\"\n\n\
                    [[actor]]\nid = \"dunmore-council\"\nname = \"Dunmore City Council\"\nkind = \"organization\"\n\n\
                    [[actor]]\nid = \"velmar-ports\"\nname = \"Velmar Ports Authority\"\nkind = \"organization\"\n";
    let seen = |text: &str| -> Vec<String> { flagged_with(registry, RULE, text) };
    // A casualty count needs its source even in a sentence about the
    // airline the lead names.
    let crash = "An Air Velmar jet crashed near Dunmore on Monday.\n\nThe airline's 12 crew members were killed, and 40 passengers were injured.";
    assert_eq!(seen(crash), ["12 crew members", "40 passengers"]);
    // "The bank" is no second reference to a council the lead names.
    let bank = "Protesters gathered outside the offices of Dunmore City Council on Monday.\n\nThe bank raised its rate to 6.5 per cent.";
    assert_eq!(seen(bank), ["6.5 per cent"]);
    // A release story covers its exact figures, not its approximations,
    // nor a sentence that opens with another organisation.
    let grant = "Dunmore City Council approved a $2 million grant on Monday.\n\n\
                 Nearly 1,240 families are on the waiting list. Air Velmar cut 300 jobs.";
    assert_eq!(seen(grant), ["Nearly 1,240 families", "300 jobs"]);
}

#[test]
fn what_is_no_match_report_and_no_age_range() {
    for lead in [
        "The motion was defeated 7-2 by councillors on Monday.",
        "Velmar Bank's quarterly earnings beat forecasts by 2-3 cents a share.",
        "The hospital's 50-50 draw raised money for a scanner.",
        "A media scrum greeted the minister on Monday.",
        "Councillors voted to let us open the pool early.",
    ] {
        let text = format!("{lead}\n\nThe town has 1,200 empty homes.");
        assert_eq!(flagged(RULE, &text), ["1,200 empty homes"], "{lead}");
    }
    assert_eq!(flagged(RULE, "A girl aged 7 and 30 other pupils were injured in the crash."), ["30 other pupils"]);
    assert_eq!(flagged(RULE, "Nurses in Dunmore earn 35K a year."), ["35K"]);
    let shortfall =
        "The budget shortfall presents a headache for Dunmore.\n\nSpending on schools fell by $4.2 million.";
    assert_eq!(flagged(RULE, shortfall), ["$4.2 million"]);
}

#[test]
fn a_crowd_in_the_sentence_of_an_events_record_and_a_produce_market() {
    let race = "Velmar Star won the $8 million Harbour Cup on Tuesday.\n\n\
                The horse won the race at Dunmore, where a crowd of 10,000 gathered.";
    assert_eq!(flagged(RULE, race), ["10,000 gathered"]);
    // A report of a wholesale market's prices: they are its record.
    let market = "Onion prices rose by almost 10 per cent on Sunday at the wholesale market.\n\n\
                  The price of tomatoes increased from ₹100-₹120 per 10 kg to ₹120-₹140 per 10 kg.";
    assert_eq!(flagged(RULE, market), Vec::<String>::new());
}
