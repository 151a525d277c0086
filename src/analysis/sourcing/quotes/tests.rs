//! Quote records on passages written for these tests, one structure each:
//! the structures wire and local copy use to attribute quotations.

use std::path::Path;

use crate::analysis::{Options, analyze};
use crate::article::{Article, Syntax};
use crate::lexicon::Lexicon;
use crate::registry::parse_registry_text;
use crate::rules::testing::REGISTRY;

/// One quote record as text: (quotation, kind, cue, speaker words, the
/// name they refer to, actor id).
type Row = (String, &'static str, Option<String>, Option<String>, Option<String>, Option<String>);

/// The analysis of `text` with the test registry, and that registry.
fn analyzed(text: &str) -> (crate::analysis::Analysis, crate::registry::Registry) {
    let load = parse_registry_text([(Path::new("actors.toml"), REGISTRY)]);
    let lexicon = Lexicon::new(&load.registry);
    let article = Article::new(text, Syntax::Markdown);
    (analyze(&article, &load.registry, &lexicon, &Options::default()), load.registry)
}

/// A record's speaker: (speaker words, name referred to, actor id).
pub(super) type Said = Option<(String, String, Option<String>)>;

/// Each record of `text` analysed with `registry` (TOML), reported speech
/// included: (its words, its speaker).
pub(super) fn speakers_with(registry: &str, text: &str) -> Vec<(String, Said)> {
    let load = parse_registry_text([(Path::new("actors.toml"), registry)]);
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    let lexicon = Lexicon::new(&load.registry);
    let article = Article::new(text, Syntax::Markdown);
    let analysis = analyze(&article, &load.registry, &lexicon, &Options::default());
    analysis
        .quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.as_ref().map(|s| {
                (
                    text[s.range.clone()].to_string(),
                    text[s.referent.clone()].to_string(),
                    s.actor.map(|a| load.registry.actor(a).id.clone()),
                )
            });
            (text[q.range.clone()].to_string(), speaker)
        })
        .collect()
}

/// The speaker of the record whose words start with `opening`.
pub(super) fn speaker_of(rows: &[(String, Said)], opening: &str) -> Said {
    let row = rows.iter().find(|(words, _)| words.trim_start_matches(['“', '"', '‘']).starts_with(opening));
    row.unwrap_or_else(|| panic!("no record opens with {opening:?} in {rows:?}")).1.clone()
}

fn quotes(text: &str) -> Vec<Row> {
    let (analysis, registry) = analyzed(text);
    // Quotations only: reported speech has its own tests below.
    analysis
        .quotes
        .iter()
        .filter(|q| q.kind != crate::analysis::QuoteKind::Indirect)
        .map(|q| {
            (
                text[q.range.clone()].to_string(),
                q.kind.as_str(),
                q.cue.clone().map(|c| text[c].to_string()),
                q.speaker.as_ref().map(|s| text[s.range.clone()].to_string()),
                q.speaker.as_ref().map(|s| text[s.referent.clone()].to_string()),
                q.speaker.as_ref().and_then(|s| s.actor).map(|a| registry.actor(a).id.clone()),
            )
        })
        .collect()
}

/// (speaker words, name referred to, actor) of each quotation.
fn speakers(text: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    quotes(text).into_iter().map(|(_, _, _, words, name, actor)| (words, name, actor)).collect()
}

fn named(words: &str, name: &str, actor: Option<&str>) -> (Option<String>, Option<String>, Option<String>) {
    (Some(words.to_string()), Some(name.to_string()), actor.map(str::to_string))
}

#[test]
fn the_name_after_an_inverted_cue() {
    let text = "“The ferries will run all winter,” said Ana Ruiz, a harbour pilot.";
    assert_eq!(
        quotes(text),
        [(
            "“The ferries will run all winter,”".to_string(),
            "direct",
            Some("said".to_string()),
            Some("Ana Ruiz".to_string()),
            Some("Ana Ruiz".to_string()),
            None
        )]
    );
}

#[test]
fn the_subject_before_the_cue_and_the_statement_going_on() {
    let text = "“Cases are down,” Vladimir Putin told reporters. “We will lift the curfew next week.”";
    let rows = quotes(text);
    assert_eq!(rows[0].2.as_deref(), Some("told"));
    assert_eq!(rows[1].2, None, "the second quotation carries the first one's speaker, with no cue of its own");
    assert_eq!(speakers(text), vec![named("Vladimir Putin", "Vladimir Putin", Some("vladimir-putin")); 2]);
}

#[test]
fn pronouns_resolve_to_the_nearest_fitting_name() {
    assert_eq!(
        speakers("Mira Horak spoke after the vote. “We have the numbers now,” she said."),
        [named("she", "Mira Horak", Some("mira-horak"))]
    );
    assert_eq!(
        speakers("The Harbour Board published its winter timetable.\n\n“Crossings resume on Monday,” it said."),
        [named("it", "Harbour Board", Some("harbour-board"))],
        "“it” is an organisation, never a person"
    );
    assert_eq!(
        speakers("Ben Wallace met Pavel Horak's family. “We are ready for the vote,” he said."),
        [named("he", "Ben Wallace", Some("ben-wallace"))],
        "a possessive names someone else's relation"
    );
}

#[test]
fn a_quotation_left_open_runs_on_to_the_paragraph_that_closes_it() {
    let text =
        "“The first ferry leaves at six in the morning.\n\n“The last one returns at ten,” the Harbour Board said.";
    assert_eq!(speakers(text), vec![named("Harbour Board", "Harbour Board", Some("harbour-board")); 2]);
}

#[test]
fn the_next_paragraph_continues_the_statement() {
    let text = "“We will sail at dawn,” said Ana Ruiz.\n\n“Nobody will stop the boats this week.”\n\nThe port stayed shut.\n\n“Who decided this?”";
    assert_eq!(
        speakers(text),
        [named("Ana Ruiz", "Ana Ruiz", None), named("Ana Ruiz", "Ana Ruiz", None), (None, None, None)],
        "a paragraph of the writer's own words ends the statement"
    );
}

#[test]
fn noun_phrases_titles_and_colons() {
    assert_eq!(speakers("«Go home now!» one fisherman shouted."), [named("one fisherman", "one fisherman", None)]);
    assert_eq!(speakers("“We will appeal the ruling,” prosecutors said."), [named("prosecutors", "prosecutors", None)]);
    assert_eq!(
        speakers("“The case is closed,” said Deputy Attorney General Lena Odum, who led the inquiry."),
        [named("Lena Odum", "Lena Odum", None)]
    );
    assert_eq!(
        speakers("Vladimir Putin was blunt: “We will not sign any such deal.”"),
        [named("Vladimir Putin", "Vladimir Putin", Some("vladimir-putin"))]
    );
    assert_eq!(quotes("Vladimir Putin was blunt: “We will not sign any such deal.”")[0].2.as_deref(), Some(":"));
}

#[test]
fn words_between_the_quotation_and_an_inverted_cue() {
    assert_eq!(
        speakers("“This is a fight over the budget” and not the boats, said Ben Wallace."),
        [named("Ben Wallace", "Ben Wallace", Some("ben-wallace"))]
    );
}

#[test]
fn partial_quotations_and_the_adjacent_sentence() {
    let rows = quotes("Ben Wallace said the plan was “dead on arrival” in its current form.");
    assert_eq!(rows[0].1, "partial");
    assert_eq!(rows[0].3.as_deref(), Some("Ben Wallace"));
    assert_eq!(
        speakers("“We will not sign any such deal.” Ana Ruiz said so in Paris."),
        [named("Ana Ruiz", "Ana Ruiz", None)]
    );
}

#[test]
fn quotations_nobody_says() {
    assert_eq!(
        speakers("The strike went on.\n“Nobody will sail tomorrow, not one boat,” read a sign on the quay."),
        [(None, None, None)]
    );
}

#[test]
fn the_nearest_cue_that_names_someone() {
    assert_eq!(
        speakers("Ben Wallace called the plan “a slow leak, not a storm” and said his party would vote against it."),
        [named("Ben Wallace", "Ben Wallace", Some("ben-wallace"))]
    );
    assert_eq!(
        speakers("Ben Wallace said crews were being asked to work longer shifts, “with the same boats and less rest.”"),
        [named("Ben Wallace", "Ben Wallace", Some("ben-wallace"))]
    );
    assert_eq!(
        speakers(
            "The review was ordered by Mira Horak, who has described the caps as “a relic of a frightened decade.”"
        ),
        [named("Mira Horak", "Mira Horak", Some("mira-horak"))]
    );
}

#[test]
fn documents_and_posts_are_not_speakers() {
    assert_eq!(
        speakers("The decree promised “a fair and open vote before the end of winter” but set no date."),
        [(None, None, None)]
    );
    assert_eq!(
        speakers("A viral post claimed that “the ferries have been sold to a rival port”."),
        [(None, None, None)]
    );
    assert_eq!(
        speakers("According to the board, 900 homes lost power. “We are working through the night on every line.”"),
        [(None, None, None)],
        "“according to” sources its own sentence, not the quotation after it"
    );
}

#[test]
fn an_apposition_before_the_cue_and_quotations_inside_the_writers_sentence() {
    let text = "Ben Wallace, whose party voted against the bill, said the plan “borrows from the next government.” \
                Outside, supporters waved placards with his name, “Бен Воллес”, in Cyrillic.";
    assert_eq!(speakers(text), [named("Ben Wallace", "Ben Wallace", Some("ben-wallace")), (None, None, None)]);
}

#[test]
fn appositions_and_firms_before_a_title() {
    assert_eq!(
        speakers("John Lindqvist, portfolio manager at Harbour Capital growth fund, said: “Strong numbers all round.”"),
        [named("John Lindqvist", "John Lindqvist", None)]
    );
    assert_eq!(
        speakers("“They were really good numbers,” said Harbour Capital analyst John Lindqvist."),
        [named("John Lindqvist", "John Lindqvist", None)]
    );
    assert_eq!(
        speakers("“We have the making of a correction,” proclaimed John Lindqvist, a strategist."),
        [named("John Lindqvist", "John Lindqvist", None)]
    );
}

#[test]
fn a_pronoun_agrees_with_the_given_name() {
    assert_eq!(
        speakers("Mira Horak hugged her brother, John Lindqvist. “I want the best for you,” she told him."),
        [named("she", "Mira Horak", Some("mira-horak"))]
    );
    assert_eq!(
        speakers("Ben Wallace stood up after Mary Lindqvist spoke. “I forgive you,” he told the court."),
        [named("he", "Ben Wallace", Some("ben-wallace"))]
    );
}

#[test]
fn an_abbreviated_title_between_the_cue_and_the_name() {
    // The period of "Dr." or "Gen." does not end the clause after the cue.
    for text in [
        "“The rains are coming,” said Dr. Mara Kossel, who leads the clinic in Tovik.",
        "“The rains are coming,” said Lt. Gen. Mara Kossel.",
    ] {
        assert_eq!(speakers(text), [named("Mara Kossel", "Mara Kossel", None)], "{text}");
    }
}

#[test]
fn it_said_refers_to_the_body_that_spoke_before() {
    let text = "The harbour authority said on Monday that the quay would reopen. “No ship will wait,” it said.";
    assert_eq!(speakers(text), [named("it", "harbour authority", None)]);
    // With nobody before it, "it" stays unresolved rather than guessing.
    let text = "“No ship will wait,” it said.";
    assert_eq!(speakers(text), [named("it", "it", None)]);
}

#[test]
fn a_pronoun_is_the_person_who_last_spoke_not_the_last_name() {
    // Mara Lind is named after Ana Ruiz spoke; "she said" is still Ana Ruiz.
    let text = "Ana Ruiz said the plan drawn up by Mara Lind would fail. “It will not work,” she said.";
    assert_eq!(speakers(text), [named("she", "Ana Ruiz", None)]);
    // The speaker two paragraphs back outranks a name merely present.
    let text = "Ana Ruiz said the quay would reopen.\n\nAlso present at the launch was Mara Lind.\n\n“The quay is ready,” she said.";
    assert_eq!(speakers(text), [named("she", "Ana Ruiz", None)]);
}

/// (statement, cue, speaker name) of each reported-speech record.
fn reported(text: &str) -> Vec<(String, String, String)> {
    let (analysis, _) = analyzed(text);
    analysis
        .quotes
        .iter()
        .filter(|q| q.kind == crate::analysis::QuoteKind::Indirect)
        .map(|q| {
            let speaker = q.speaker.as_ref().expect("reported speech always has a speaker");
            (
                text[q.range.clone()].to_string(),
                text[q.cue.clone().unwrap()].to_string(),
                text[speaker.referent.clone()].to_string(),
            )
        })
        .collect()
}

#[test]
fn reported_speech_is_a_record_of_its_own() {
    let row = |statement: &str, cue: &str, name: &str| (statement.to_string(), cue.to_string(), name.to_string());
    // The statement after the cue, with or without "that", past a hearer.
    assert_eq!(
        reported("Ana Ruiz said the ferries would sail on Monday."),
        [row("the ferries would sail on Monday", "said", "Ana Ruiz")]
    );
    assert_eq!(
        reported("Ana Ruiz told reporters that the quay would stay shut."),
        [row("the quay would stay shut", "told", "Ana Ruiz")]
    );
    // The statement before the speaker.
    assert_eq!(
        reported("The quay will stay shut all winter, Ana Ruiz said on Monday."),
        [row("The quay will stay shut all winter", "said", "Ana Ruiz")]
    );
    assert_eq!(
        reported("Forty boats stayed in port, according to the harbour board."),
        [row("Forty boats stayed in port", "according to", "the harbour board")]
    );
    // A hearer of two words; "that" after the verb is the statement's, a
    // later one a relative pronoun.
    assert_eq!(
        reported("Ana Ruiz told the BBC the port would close in May."),
        [row("the port would close in May", "told", "Ana Ruiz")]
    );
    assert_eq!(
        reported("Ana Ruiz said the plan that the council approved would cost too much."),
        [row("the plan that the council approved would cost too much", "said", "Ana Ruiz")]
    );
    // A parenthetical cue, and a dateline before the statement.
    assert_eq!(
        reported("The audit found 40 misfiled ballots, too few, Ana Ruiz said, to change the result."),
        [row("The audit found 40 misfiled ballots, too few", "said", "Ana Ruiz")]
    );
    assert_eq!(
        reported("TOVIK, May 2 (VPW) — The port will reopen on Friday, Ana Ruiz said."),
        [row("The port will reopen on Friday", "said", "Ana Ruiz")]
    );
    // "said Thursday during a call": the statement is before, not the adjunct.
    assert_eq!(
        reported("The quay will stay shut all winter, Ana Ruiz said Thursday during a call."),
        [row("The quay will stay shut all winter", "said", "Ana Ruiz")]
    );
}

#[test]
fn what_is_not_reported_speech() {
    for text in [
        // A verb of reporting with an object, not a statement.
        "Harvell Systems reported a higher profit on Monday.",
        "The mayor announced the school closures after the vote.",
        // An order is no statement.
        "The mayor told residents to leave their homes before dark.",
        // A passive names nobody; a quotation is a record of its own kind.
        "It was said the port would close within a week.",
        "“The port will close,” Ana Ruiz said.",
        // A line set in capitals.
        "THE PROPOSED BUDGET ADDS A SPLASH PAD TO THE PARK.",
    ] {
        assert_eq!(reported(text), Vec::<(String, String, String)>::new(), "{text}");
    }
}

#[test]
fn a_surname_alone_refers_to_the_full_name_given_before() {
    let text = "Mara Kossel, who runs the clinic, arrived on Monday.\n\n“We need rain,” Kossel said.";
    assert_eq!(speakers(text), [named("Kossel", "Mara Kossel", None)]);
}

#[test]
fn a_reach_that_ends_inside_a_character_is_taken_back_to_its_start() {
    // Found by fuzzing: a cue's reach of REACH bytes ended inside a Cyrillic
    // letter. "т" is two bytes; 5 falls inside the second one.
    let text = "said тт";
    let words = super::words_before(text, 0, 8);
    assert_eq!(words, [(0..4, "said"), (5..7, "т")]);
    // The same through the whole analysis: a statement after a cue, every
    // byte bound of the reach inside a multi-byte letter.
    for pad in 0..4 {
        let text = format!("Ana Ruiz said{} {}.", " ".repeat(pad), "тетт ".repeat(40));
        let _ = speakers(&text);
        let _ = reported(&text);
    }
}

#[test]
fn a_person_after_a_firm_and_its_capitalised_title() {
    let text = "“Sales held up,” said Harbour Board Chief Executive Pavel Horak in a statement.";
    assert_eq!(speakers(text), [named("Pavel Horak", "Pavel Horak", Some("pavel-horak"))]);
}

#[test]
fn a_name_before_an_unclosed_apposition_ending_in_an_institution() {
    // The laboratory is where the speaker works, not who speaks.
    let text = "“The cluster is old,” Ana Ruiz, a scientist at the Harbour Board said in a post.";
    assert_eq!(speakers(text), [named("Ana Ruiz", "Ana Ruiz", None)]);
    // With no name before it, the institution still speaks.
    let text = "“The cluster is old,” a scientist at the Harbour Board said.";
    assert_eq!(speakers(text), [named("Harbour Board", "Harbour Board", Some("harbour-board"))]);
}

#[test]
fn a_title_with_a_prefix_and_an_unnamed_official_of_an_office() {
    let text = "“It was solid,” stated co-CEO Pavel Horak.";
    assert_eq!(speakers(text), [named("Pavel Horak", "Pavel Horak", Some("pavel-horak"))]);
    let text = "“Twelve boats sank,” an official from the fisheries ministry said.";
    assert_eq!(
        speakers(text),
        [named("an official from the fisheries ministry", "an official from the fisheries ministry", None)]
    );
}

#[test]
fn the_subject_of_a_participle_cue() {
    let text = "Pavel Horak stood up and turned to his family, mouthing “I did nothing.”";
    assert_eq!(speakers(text), [named("Pavel Horak", "Pavel Horak", Some("pavel-horak"))]);
}

#[test]
fn who_is_told_is_not_who_speaks() {
    let text = "“We have received six bodies,” Ivo Stanek, a spokesman for the hospital, told Velgrad Radio.";
    assert_eq!(speakers(text), [named("Ivo Stanek", "Ivo Stanek", None)]);
}

#[test]
fn a_nationality_for_the_person_the_story_is_about() {
    let text = "On Monday, Peter Stanek beat Paul Lind in four sets.\n\n\
                “I did not know much about him,” said the Serbian.\n\n\
                The Serbian added: “It was a hard match.”";
    assert_eq!(speakers(text), [named("the Serbian", "Peter Stanek", None), named("Serbian", "Peter Stanek", None)]);
}

#[test]
fn speakers_described_at_length_quoted_as_saying_and_in_apposition() {
    let text = "“Supply is tight,” said one trader at a brokerage in Sarvo.";
    assert_eq!(
        speakers(text),
        [named("one trader at a brokerage in Sarvo", "one trader at a brokerage in Sarvo", None)]
    );
    let text = "“The search began at 6pm,” fire chief Ivo Stanek was quoted as saying by the Harbour Gazette.";
    assert_eq!(speakers(text), [named("Ivo Stanek", "Ivo Stanek", None)]);
    let text = "Her lawyer, Ivo Stanek, said the verdict was wrong. “She will appeal,” he said.";
    assert_eq!(speakers(text), [named("he", "Ivo Stanek", None)]);
    let text = "“The cluster is huge,” Ivo Stanek, a scientist at the Velgrad Observatory said in a post.";
    assert_eq!(speakers(text), [named("Ivo Stanek", "Ivo Stanek", None)]);
}

#[test]
fn quoted_as_saying_a_statement_after_a_colon_and_a_name_before_its_titles() {
    let text = "“The search is over,” state broadcaster VTV quoted city officials as saying.";
    assert_eq!(speakers(text), [named("city officials", "city officials", None)]);
    let text = "Harbour Board released the following statement:\n\n“We are pleased with the agreement.”";
    assert_eq!(speakers(text), [named("Harbour Board", "Harbour Board", Some("harbour-board"))]);
    let text = "Peter Stanek, CEO, Velgrad Forex Advisors, India said: “The rupee ended weak.”";
    assert_eq!(speakers(text), [named("Peter Stanek", "Peter Stanek", None)]);
}

#[test]
fn an_age_for_the_person_the_story_is_about() {
    let text = "On Sunday, Peter Stanek won the Harbour Open by a shot.\n\n\
                “It was about being patient,” the 33-year-old told reporters.\n\n\
                “I spent a century on this court,” said the 24-year-old Stanek, who plays next on Tuesday.";
    assert_eq!(speakers(text), [named("the 33-year-old", "Peter Stanek", None), named("Stanek", "Peter Stanek", None)]);
}

#[test]
fn a_rank_or_council_title_before_the_name() {
    let text = "“We add up the small bits,” Cr Wallace said.\n\n“Evacuate when advised,” said Gen. Ben Wallace.";
    assert_eq!(
        speakers(text),
        [named("Wallace", "Wallace", Some("ben-wallace")), named("Ben Wallace", "Ben Wallace", Some("ben-wallace"))]
    );
}

#[test]
fn a_chain_of_open_paragraphs_no_cue_closes_and_a_documents_words() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "Councillor Ines Varga echoed the concerns raised at the meeting.\n\n\
                \u{201c}Are we listening to anyone? Or are we ticking boxes?\n\n\
                \u{201c}Our seniors are on fixed incomes. They will not cope.\u{201d}\n\n\
                The Harbour Board issued new rules. \"Please do not travel,\" the statement reads.\n\n\
                \"We are proud of this store,\" commented Noor Vantage, the director.";
    let rows = speakers_with(SPEAKERS, text);
    let ines = Some(("Ines Varga".to_string(), "Ines Varga".to_string(), Some("ines-varga".to_string())));
    assert_eq!(speaker_of(&rows, "Are we listening"), ines);
    assert_eq!(speaker_of(&rows, "Our seniors"), ines);
    // The document is the speaker (not yet resolved to its issuer).
    let board = Some(("the statement".to_string(), "the statement".to_string(), None));
    assert_eq!(speaker_of(&rows, "Please do not travel"), board);
    let noor = Some(("Noor Vantage".to_string(), "Noor Vantage".to_string(), Some("noor-vantage".to_string())));
    assert_eq!(speaker_of(&rows, "We are proud"), noor);
}

#[test]
fn a_cueless_paragraph_quotation_after_a_bodys_statement() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "Meanwhile, the Harbour Board apologised for the flooded terminal.\n\n\
                \"We regret the delays and thank passengers for their patience.\"\n\n\
                The Harbour Board opened a terminal in 2019.\n\n\
                \"It was the busiest summer in years.\"";
    let rows = speakers_with(SPEAKERS, text);
    let board = Some(("Harbour Board".to_string(), "Harbour Board".to_string(), Some("harbour-board".to_string())));
    assert_eq!(speaker_of(&rows, "We regret"), board);
    // A body that only acts makes no statement to continue.
    assert_eq!(speaker_of(&rows, "It was the busiest"), None);
}

#[test]
fn an_unregistered_person_named_again_and_the_sentence_before_a_quotation() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "Grid spokesperson Tobiah Okonkwo-Lind confirmed the cuts on Sunday.\n\n\
                The grid lost two more units. Okonkwo-Lind made the announcement before dawn.\n\n\
                \u{201c}Two units tripped during the night.\u{201d}\n\n\
                Farmer Wendell Harkrader has sold half his herd. So Harkrader went looking for hay. \
                \"The man I buy hay from would not even price it.\"\n\n\
                Now he is selling the rest. \"We are out of grass.\"\n\n\
                The market was quiet. \"Prices will fall,\" one trader said.\n\n\
                Officials gave no figure. \"The roads are closed.\"";
    let rows = speakers_with(SPEAKERS, text);
    // The surname alone is the person first named with a title.
    let grid = Some(("Okonkwo-Lind".to_string(), "Tobiah Okonkwo-Lind".to_string(), None));
    assert_eq!(speaker_of(&rows, "Two units"), grid);
    // The sentence before, by name ("So Harkrader …") or pronoun ("Now he …").
    let farmer = Some(("Harkrader".to_string(), "Wendell Harkrader".to_string(), None));
    assert_eq!(speaker_of(&rows, "The man I buy"), farmer);
    assert_eq!(speaker_of(&rows, "We are out").map(|s| s.1), Some("Wendell Harkrader".to_string()));
    // A sentence that opens with no person names no speaker.
    assert_eq!(speaker_of(&rows, "The roads"), None);
}

#[test]
fn council_and_board_member_titles_and_more_verbs_of_saying() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "Coun Perpetua Vell raised her concerns: \u{201c}Nobody asked the tenants.\u{201d}\n\n\
                \u{201c}We worked hard on this,\u{201d} said school board member Orla Fenwick.\n\n\
                \u{201c}It is a budget, whatever he says,\u{201d} Fenwick fumed.";
    let rows = speakers_with(SPEAKERS, text);
    assert_eq!(speaker_of(&rows, "Nobody asked").map(|s| s.0), Some("Perpetua Vell".to_string()));
    assert_eq!(speaker_of(&rows, "We worked hard").map(|s| s.0), Some("Orla Fenwick".to_string()));
    assert_eq!(speaker_of(&rows, "It is a budget").map(|s| s.1), Some("Orla Fenwick".to_string()));
}

#[test]
fn a_bodys_spokesperson_opening_the_paragraph_before_and_a_contracted_pronoun() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "Harbour Board spokesperson Ilse Marrowby made the announcement before dawn.\n\n\
                \u{201c}Two berths are closed until further notice.\u{201d}\n\n\
                Farmer Wendell Harkrader has sold half his herd. So now he's selling the rest. \
                \"We are out of grass.\"";
    let rows = speakers_with(SPEAKERS, text);
    assert_eq!(speaker_of(&rows, "Two berths").map(|s| s.1), Some("Ilse Marrowby".to_string()));
    assert_eq!(speaker_of(&rows, "We are out").map(|s| s.1), Some("Wendell Harkrader".to_string()));
}

#[test]
fn post_nominal_letters_after_a_registered_name() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "Ines Varga AM, the shadow health minister, said, \u{201c}Patients wait far too long.\u{201d}\n\n\
                Harbour Data CEO said, \u{201c}The dollar has started to weaken.\u{201d}";
    let rows = speakers_with(SPEAKERS, text);
    let ines = Some(("Ines Varga".to_string(), "Ines Varga".to_string(), Some("ines-varga".to_string())));
    assert_eq!(speaker_of(&rows, "Patients wait"), ines);
    // "CEO" is a title, not letters after a name.
    assert_eq!(speaker_of(&rows, "The dollar").map(|s| s.0), Some("Harbour Data CEO".to_string()));
}

#[test]
fn a_partial_quotation_after_an_accusation() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "Ines Varga, secretary of the ferry workers' union, accused the operators of \
                \"using their route monopolies to raise fares\".";
    let rows = speakers_with(SPEAKERS, text);
    assert_eq!(speaker_of(&rows, "using their route").map(|s| s.0), Some("Ines Varga".to_string()));
}

#[test]
fn a_surname_alone_is_the_nearest_full_name_and_a_contraction_is_its_pronoun() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "Sgt Ana Quellmar led the search on Monday.\n\n\
                Her brother, teacher Carlos Quellmar, joined later.\n\n\
                \u{201c}We found nothing,\u{201d} Quellmar said.\n\n\
                Farmer Wendell Harkrader sold his herd. He\u{2019}s tired. \u{201c}Nothing left.\u{201d}";
    let rows = speakers_with(SPEAKERS, text);
    assert_eq!(speaker_of(&rows, "We found").map(|s| s.1), Some("Carlos Quellmar".to_string()));
    // The pronoun's words are the pronoun, not the contraction.
    let tired = speaker_of(&rows, "Nothing left");
    assert_eq!(tired.map(|s| (s.0, s.1)), Some(("He".to_string(), "Wendell Harkrader".to_string())));
}

#[test]
fn a_capitalised_title_after_the_and_a_shout_in_the_present() {
    const SPEAKERS: &str = include_str!("../../../../tests/fixtures/speakers_actors.toml");
    let text = "\u{201c}We will grow,\u{201d} said the Finance Director Orla Fenwick.\n\n\
                The driver, Ana Quellmar, yells from inside the car: \u{201c}Help me.\u{201d}";
    let rows = speakers_with(SPEAKERS, text);
    assert_eq!(speaker_of(&rows, "We will grow").map(|s| s.0), Some("Orla Fenwick".to_string()));
    assert_eq!(speaker_of(&rows, "Help me").map(|s| s.0), Some("Ana Quellmar".to_string()));
}
