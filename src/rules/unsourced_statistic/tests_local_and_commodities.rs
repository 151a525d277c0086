//! Tests of `unsourced-statistic` on the structures of council decisions,
//! commodity prices and farm-gate reports, in passages written for them
//! (the first test file, `tests.rs`, holds the rest).

use crate::rules::testing::flagged;

const RULE: &str = "unsourced-statistic";

#[test]
fn what_a_council_decision_costs_the_typical_owner_is_worked_out_from_it() {
    // The rate adopted, the bill it makes for a typical home (to the cent,
    // "about" or not), what that bill rises by, the fee the council set and
    // the wage adjustment it granted are the decision's; a count of
    // protesters outside is not.
    let text = "The Dunmore council on Monday approved a $23.3 million budget with a 2.4 percent property tax increase.\n\n\
                The new tax rate of $3.41 per $1,000 of assessed value means the owner of a $350,000 home will pay about $1,023.30. \
                That's $78.30 more than this year.\n\n\
                The rate also raises the levy to $10.73 per $1,000. That will cost the average homeowner about $21 more.\n\n\
                The fire fee will rise by $5 to $85 per household to raise $435,000.\n\n\
                The council also granted a 1.5 percent wage adjustment for part-time staff.\n\n\
                About 40 residents protested outside.";
    assert_eq!(flagged(RULE, text), ["About 40 residents"]);
}

#[test]
fn prices_on_an_exchange_are_its_record_and_a_named_board_sources_them() {
    let text = "Wheat growers in the county face their slimmest crop in decades.\n\n\
                Benchmark wheat futures closed at $4.54 a bushel on Thursday.\n\n\
                Based on the Lanthe Board of Grain, prices reached a high of $4.58 on Thursday. \
                Last year, the high was $3.36 and the low was $3.20.\n\n\
                The price dropped to $4.49 at 1103 GMT on Friday.\n\n\
                Growers expect to harvest 2.5 million pounds.";
    assert_eq!(flagged(RULE, text), ["2.5 million pounds"]);
}

#[test]
fn a_figure_compared_with_another_is_one_claim_and_francs_are_money() {
    let text = "Cocoa sold for 700 CFA francs per kg in the bush compared with between 640 and 670 francs.";
    let seen = crate::rules::testing::check(RULE, text, None);
    let claims: Vec<(&str, &str)> = seen.iter().map(|f| (f.text.as_str(), f.message.as_str())).collect();
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].0, "700 CFA francs per kg in the bush compared with between 640 and 670 francs");
    assert!(claims[0].1.starts_with("sum of money with no source"), "{}", claims[0].1);
}

#[test]
fn addresses_and_emergency_numbers_are_no_figures() {
    // (The count of marchers shows figures in these sentences are read.)
    let text = "Crews were sent to 497 CR 31 at noon. A neighbour called 911 to report a fight in the 2700 block of \
                Route 132.\n\nThe couple live at 12 Bloor Street. About 300 people marched past it.";
    assert_eq!(flagged(RULE, text), ["About 300 people"]);
}

#[test]
fn a_closing_credit_for_the_data_sources_the_whole_story() {
    let text = "Harbour City (41-30) visits Lanthe (38-33) on Friday.\n\n\
                Harbour City's lineup has 201 home runs this season. Ana Velmoor leads them with 24.\n\n\
                The Daily Lanthe created this story using technology provided by Statwire, and data from Scorelane.";
    assert_eq!(flagged(RULE, text), Vec::<String>::new());
    // Without the credit the season's totals need their source.
    let bare = "Harbour City (41-30) visits Lanthe (38-33) on Friday.\n\n\
                Harbour City's lineup has 201 home runs this season.";
    assert_eq!(flagged(RULE, bare), ["201 home runs"]);
}

#[test]
fn each_item_of_a_company_round_up_is_that_company_s_release() {
    let text = "These companies had news that may move their shares on Monday:\n\n\
                Velmar Ports: The group on Monday reported a 13 per cent fall in profit to S$337.4 million. \
                Earnings per share stood at S$0.71, down from S$0.82. The counter closed Friday down 0.3 per cent \
                or S$0.05 to S$18.24.\n\n\
                Some 4,000 dockers are expected to strike next week.";
    assert_eq!(flagged(RULE, text), ["Some 4,000 dockers"]);
}

#[test]
fn a_council_tax_decision_and_what_it_means_for_a_band_d_bill() {
    let text = "Lanthe County Council has approved a council tax rise of 4.9 per cent.\n\n\
                The increase means householders in an average Band D property will pay £847 next year, \
                a rise of 77p a week, or £40 a year.\n\n\
                Outside, 60 protesters gathered.";
    assert_eq!(flagged(RULE, text), ["60 protesters"]);
}

#[test]
fn what_the_police_did_as_the_subject_is_their_own_act() {
    let text = "Dunmore police have arrested two livestock theft suspects and impounded two vehicles used to move \
                meat from five stolen cows.\n\n\
                The suspects stole a cow valued at Ksh80,000, residents said.\n\n\
                Rustlers have taken 40 cows this year.";
    // (What residents say names no source.)
    assert_eq!(flagged(RULE, text), ["Ksh80,000", "40 cows"]);
}

#[test]
fn shillings_ringgit_and_naira_written_short_are_sums_of_money() {
    let text = "Cattle prices rose this year.\n\n\
                A cow now sells at Ksh80,000, farmers said. A bag costs Kshs 1700, traders said. \
                The fund lost RM43.9 million, observers said. Fuel is ₦617 a litre, motorists said.";
    let seen = crate::rules::testing::check(RULE, text, None);
    let money: Vec<&str> =
        seen.iter().filter(|f| f.message.starts_with("sum of money with no source")).map(|f| f.text.as_str()).collect();
    assert_eq!(money, ["Ksh80,000", "Kshs 1700", "RM43.9 million", "₦617"]);
}

#[test]
fn a_bulleted_list_a_document_opens_is_that_documents() {
    let text = "Lanthe has published its spending plan for next year.\n\n\
                Key points from the Budget included:\n\n\
                – 90 million euros will be set aside for flood defences.\n\n\
                – VAT on hotels will rise to 11.5%, raising an extra 210 million euros.\n\n\
                Farmers were pleased.\n\n\
                Other changes welcomed by farmers:\n\n\
                – A grant of 400 euros per hectare.";
    // A list opened by no document and no source is the writer's.
    assert_eq!(flagged(RULE, text), ["400 euros"]);
}

#[test]
fn the_terms_a_named_body_asked_for() {
    let text = "Storms battered the coast of Lanthe on Monday and residents counted the damage.\n\n\
                Ferry operators were angry at Gridco's request for a 28% hike.\n\n\
                Bus drivers were angry at a request for a 31% hike.\n\n\
                The governors ordered at least 200,000 people to leave the coast.";
    // A request with no one named is no one's; an approximate count of
    // people is someone's estimate, whoever ordered them to leave.
    assert_eq!(flagged(RULE, text), ["31% hike", "at least 200,000 people"]);
}

#[test]
fn the_rates_a_central_banks_decision_sets_are_its_record() {
    let text = "The Reserve Bank of Lanthe on Wednesday decided to keep interest rates unchanged. \
                The repo rate remains at 4% and the reverse repo rate at 3.75%.\n\n\
                In August the bank had cut its benchmark rate by 25 basis points to 4% from 4.25%.\n\n\
                Mortgage arrears have risen 12% this year.";
    assert_eq!(flagged(RULE, text), ["12%"]);
}

#[test]
fn an_institutions_figures_in_the_lead_are_a_release_the_story_reports() {
    let text = "Lanthe's non-oil exports fell 17 per cent in November from a year earlier, the \
                government's trade agency said on Wednesday.\n\n\
                The drop was the largest in six years.\n\n\
                Total trade declined by 11 per cent to 67 billion dollars.\n\n\
                Some 50 dockworkers were laid off at the port.";
    // An estimate of people is not the release's.
    assert_eq!(flagged(RULE, text), ["Some 50 dockworkers"]);
}

#[test]
fn a_forecast_in_a_rate_decision_story_is_no_record() {
    let text = "The Reserve Bank of Lanthe kept interest rates unchanged on Thursday.\n\n\
                Inflation is expected to hit 9.5% by June, and the lending rate to reach 14%.";
    assert_eq!(flagged(RULE, text), ["9.5%", "14%"]);
}
