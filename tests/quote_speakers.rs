//! Who says each quotation, through the binary: the "quotes" records of
//! `copydesk export` for passages written for these tests, one structure
//! of wire and local copy each (names with brackets or figures, nominal
//! descriptors, pronouns, quotation marks typed wrongly).

mod common;

use common::{copydesk, stderr, workspace};
use serde_json::Value;

/// The test desk's registry, shared with the unit tests of the quotes module.
const REGISTRY: &str = include_str!("fixtures/speakers_actors.toml");

/// (quoted words, speaker name, actor id) of every quotation record of
/// `text` exported as `a.md` with [`REGISTRY`]: reported speech left out.
fn speakers(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let dir = workspace(&[
        ("copydesk.toml", b"registry = [\"actors.toml\"]\n"),
        ("actors.toml", REGISTRY.as_bytes()),
        ("a.md", text.as_bytes()),
    ]);
    let out_dir = dir.path().join("out");
    let out = copydesk(dir.path(), &["export", "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = std::fs::read_to_string(out_dir.join("annotations.jsonl")).unwrap();
    let record: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    record["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["kind"] != "indirect")
        .map(|q| {
            (
                q["text"].as_str().unwrap().to_string(),
                q["speaker"]["name"].as_str().map(str::to_string),
                q["speaker"]["actor"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn row(words: &str, name: &str, actor: Option<&str>) -> (String, Option<String>, Option<String>) {
    (words.to_string(), Some(name.to_string()), actor.map(str::to_string))
}

#[test]
fn a_name_with_a_bracketed_short_form_or_an_opening_figure_is_whole() {
    let text = "The creamery will shut in May.\n\n\
                4 Rivers Dairy (4RD) said: \"We looked at every other way.\"\n\n\
                \"We are sorry for our staff.\"\n\n\
                7 Oaks Bakery said: \"Our ovens stay on.\"\n";
    assert_eq!(
        speakers(text),
        [
            row("\"We looked at every other way.\"", "4 Rivers Dairy", Some("4-rivers-dairy")),
            row("\"We are sorry for our staff.\"", "4 Rivers Dairy", Some("4-rivers-dairy")),
            row("\"Our ovens stay on.\"", "7 Oaks Bakery", None),
        ]
    );
}

#[test]
fn a_registered_person_named_after_a_title_keeps_the_actor() {
    let text = "Army spokeswoman Brig. Gen. Ines Varga urged boat owners to stay ashore.\n\n\
                \"Wait for the all-clear before you sail,\" she said.\n";
    assert_eq!(speakers(text), [row("\"Wait for the all-clear before you sail,\"", "Ines Varga", Some("ines-varga"))]);
}

#[test]
fn a_second_reference_by_office_body_or_statement_is_the_speaker_named_before() {
    let text = "Fisheries Minister Lena Orr toured the harbour with Tomas Ek, a skipper.\n\n\
                \"We will rebuild the sea wall,\" the minister said.\n\n\
                Harbour Capital said shares in the builders rose. Its analyst Ana Ruiz told Port Radio \
                that the contract was large.\n\n\
                \"Nobody expected an order this size,\" the brokerage said.\n\n\
                The Harbour Board said in a statement that the port would stay open.\n\n\
                \"Crews will work at night,\" the statement said.\n\n\
                \"We will appeal,\" the company said.\n";
    assert_eq!(
        speakers(text),
        [
            row("\"We will rebuild the sea wall,\"", "Lena Orr", None),
            row("\"Nobody expected an order this size,\"", "Harbour Capital", Some("harbour-capital")),
            row("\"Crews will work at night,\"", "Harbour Board", Some("harbour-board")),
            // The company named four paragraphs before, not the board after it.
            row("\"We will appeal,\"", "Harbour Capital", Some("harbour-capital")),
        ]
    );
}

#[test]
fn quotation_marks_typed_wrongly_still_make_quotations_with_speakers() {
    let text = "“We are sorry for the delay,\" Army spokeswoman Brig. Gen. Ines Varga said. “We will pay every claim.”\n\n\
                Harbour Capital analyst Tomas Ek said the yard was safe.\n\n\
                ”The crane lost power near the dock and swung for an hour.\n\n\
                “The crew has since fixed it,“ he said.\n\n\
                Ek said,”The yard reopens on Monday.”\n";
    assert_eq!(
        speakers(text),
        [
            row("“We are sorry for the delay,\"", "Ines Varga", Some("ines-varga")),
            row("“We will pay every claim.”", "Ines Varga", Some("ines-varga")),
            row("”The crane lost power near the dock and swung for an hour.", "Tomas Ek", None),
            row("“The crew has since fixed it,“", "Tomas Ek", None),
            row("”The yard reopens on Monday.”", "Tomas Ek", None),
        ]
    );
}

#[test]
fn he_and_she_follow_the_paragraph_the_unnamed_official_and_the_last_speaker() {
    let text = "\"The strike goes on,\" said union leader Tove Lind.\n\n\
                Lind said she would meet Transport Minister Rolf Dahl on Friday. \
                \"I will tell him the drivers are tired,\" she added.\n\n\
                Dr Arne Holm, however, took the other side. \"The drivers were paid in full\", he says.\n\n\
                In the depot, an official said the buses were parked. \"None will leave today,\" he said.\n";
    assert_eq!(
        speakers(text),
        [
            row("\"The strike goes on,\"", "Tove Lind", None),
            row("\"I will tell him the drivers are tired,\"", "Tove Lind", None),
            row("\"The drivers were paid in full\"", "Arne Holm", None),
            row("\"None will leave today,\"", "an official", None),
        ]
    );
}

#[test]
fn a_cueless_paragraph_quotation_and_a_participle_take_the_sentences_subject() {
    let text = "Ms Noor Vantage, who trained the colt, was overjoyed after the race.\n\n\
                \"I have waited twenty years for a day like this one.\"\n\n\
                The purse was shared by four owners.\n\n\
                \"It takes a village to keep a horse sound.\"\n\n\
                A rider named Tomas Ek filmed the finish, saying \"the colt never tired\" to the camera.\n";
    assert_eq!(
        speakers(text),
        [
            row("\"I have waited twenty years for a day like this one.\"", "Noor Vantage", Some("noor-vantage")),
            ("\"It takes a village to keep a horse sound.\"".to_string(), None, None),
            row("\"the colt never tired\"", "Tomas Ek", None),
        ]
    );
}

#[test]
fn straight_single_marks_make_quotations_apostrophes_do_not() {
    let text = "The yard's order book was full, the Harbour Board said.\n\n\
                'This is in part due to the workers' overtime,' the Harbour Board added.\n";
    assert_eq!(
        speakers(text),
        [row("'This is in part due to the workers' overtime,'", "Harbour Board", Some("harbour-board"))]
    );
}

#[test]
fn titles_as_surnames_honorifics_modifiers_and_affiliations_keep_the_speaker() {
    // A surname that is also a title ("Evan King"), the same person as
    // "Mr King"; a name made a modifier ("the Rolf Dahl-trained colt") is
    // not who "he" is; "X of the Y says" is X speaking, not Y.
    let text = "Mayor Rolf Dahl told the meeting the pool would reopen in May.\n\n\
                Chief executive Evan King said each ward would pay a different share.\n\n\
                \"So the levy goes up and the valuations decide who pays what,\" he said.\n\n\
                Mr King said a freeze would only delay repairs.\n\n\
                \"A small sum spent every year beats a new roof every decade,\" he said.\n\n\
                Jockey Peter Holm was overjoyed after his first cup on the Rolf Dahl-trained colt.\n\n\
                \"I have waited twenty years for this,\" he said.\n\n\
                Sara Lind of the Harbour Pilots Union says the night shifts will stop.\n\n\
                \"We cannot keep sending tired crews out.\"\n";
    assert_eq!(
        speakers(text),
        [
            row("\"So the levy goes up and the valuations decide who pays what,\"", "Evan King", None),
            row("\"A small sum spent every year beats a new roof every decade,\"", "Evan King", None),
            row("\"I have waited twenty years for this,\"", "Peter Holm", None),
            row("\"We cannot keep sending tired crews out.\"", "Sara Lind", None),
        ]
    );
}

#[test]
fn long_sentences_credits_written_posts_and_distant_titles_keep_the_speaker() {
    // A long sentence ending with its speaker, then a quotation; a post
    // "writing on Facebook"; "goes on to say"; "the Central Bank Governor"
    // four paragraphs after "Central Bank Governor Ana Velmoor".
    let text = "The economy will recover next year, Central Bank Governor Ana Velmoor said on Monday.\n\n\
                The rupee gained against the dollar.\n\n\
                Reserves rose in October.\n\n\
                Tourism receipts were steady.\n\n\
                The Central Bank Governor stressed that default was a myth. \"This is a politically motivated claim.\"\n\n\
                There was no mention of nursing wages, or of how the Government would close the pay gap between \
                hospital nurses and those who work in every other part of the sector, Sara Lind said. \
                \"That will only widen the gap.\"\n\n\
                Union spokesperson Peter Holm says he has heard nothing.\n\n\
                He goes on to say \"the company knew the layoffs were coming.\"\n\n\
                Opposition leader Rolf Dahl also offered his condolences, writing on Facebook, \
                \"A great athlete and a greater friend.\"\n";
    assert_eq!(
        speakers(text),
        [
            row("\"This is a politically motivated claim.\"", "Ana Velmoor", None),
            row("\"That will only widen the gap.\"", "Sara Lind", None),
            row("\"the company knew the layoffs were coming.\"", "Peter Holm", None),
            row("\"A great athlete and a greater friend.\"", "Rolf Dahl", None),
        ]
    );
}
