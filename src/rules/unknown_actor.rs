use crate::analysis::Context;
use crate::finding::{ActorSuggestion, Finding, FindingData};
use crate::text::slug::slugify;

declare_rule! {
    /// ## What it flags
    /// A person's name that is not in the registry, recognised by its
    /// context: a title or role before it ("Defence analyst Ivo Stanek",
    /// "Prime Minister Tomas Brennik", "Dr. Ana Ruiz"), a description in
    /// apposition after it ("Radek Hollis, a former harbour master"), a
    /// verb of saying ("Petra Lund said", "said Petra Lund"), or its shape
    /// alone: a common given name followed by one or two words that are not
    /// common English words ("since Harold Brackley in 1931"), or the list
    /// it is in, with a person's name ("Pavel Horak, Ilse Varnholt and Mira
    /// Horak"; "Challengers Ada Brill and Tom Oakes"). A long title is not
    /// part of the name ("Deputy Ohio Attorney General Lyle Brannock"), and
    /// a middle initial is ("Lorna J. Whitcombe"). A title word after a
    /// given name is a surname ("Joe Neighbour said", "Evan King said").
    /// Honours are titles ("Datuk Seri", "Tan Sri", "Prophet"), and a
    /// legislator's party and seat in brackets mark a person ("Ana Velmoor
    /// (D-N.Y.)", "(PH-Batu Gajah)").
    ///
    /// ## Why
    /// A registry is only useful if it is complete: every person quoted or
    /// named should be linkable to an entry, with a house spelling and dated
    /// roles. This finding lists who is missing, with what is needed to add
    /// them (the LSP offers a code action that appends the entry).
    ///
    /// Places, bodies, documents and events ("White House", "Black Sea",
    /// "Budapest Memorandum", "World War Three"; a place by its first word,
    /// "Kuala Krai", `data/place_first_words.txt`), headlines in Title Case,
    /// titles alone ("Chief Financial Officer"), plural nouns read as verbs
    /// ("the Rio Verde and Santa Lucia states"), single words without a
    /// title ("Moscow said"), names inside a body's name ("the Church of
    /// Jesus Christ of …") and phrases that are not the subject of the verb
    /// of saying after them ("surveyed by Dow Jones predicted", "The
    /// Chinese Red Cross said") are not people; nor is a name before the
    /// lowercase place or body it names ("Ngabano village", "the Gloew
    /// Trading company supervisor"), one word after a plural title that is
    /// a verb ("which neighbours Uganda"), a misspelt registered surname
    /// alone ("Dr. Atwiine", after "Diana Atwiine"), or the honours before a
    /// registered person's name. Each
    /// person is reported once per article, at the first mention.
    ///
    /// ## Example
    /// ```text
    /// Security analyst Dag Emmerich said the patrols were overdue.
    /// ```
    pub struct UnknownActor {
        id: "unknown-actor",
        severity: Hint,
        summary: "A person named in the text who is not in the registry",
        fix: None,
    }
}

impl crate::rules::Rule for UnknownActor {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for name in cx.names.unknown.iter().filter(|n| n.first) {
            let mut message = format!("‘{}’ is not in the registry", name.name);
            if let Some(role) = &name.role {
                message.push_str(&format!(" (seen as ‘{role}’)"));
            }
            let suggestion = ActorSuggestion {
                name: name.name.clone(),
                id: slugify(&name.name),
                kind: "person",
                role: name.role.clone(),
            };
            out.push(
                Finding::new(Self::META.id, Self::META.default_severity, name.range.clone(), message)
                    .with_data(FindingData::NewActor(suggestion)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, flagged};

    const RULE: &str = "unknown-actor";

    #[test]
    fn people_recognised_by_context() {
        assert_eq!(flagged(RULE, "Defence analyst Ivo Stanek warned of delays."), ["Ivo Stanek"]);
        assert_eq!(flagged(RULE, "Prime Minister Tomas Brennik arrived."), ["Tomas Brennik"]);
        assert_eq!(flagged(RULE, "Radek Hollis, a former harbour master, disagreed."), ["Radek Hollis"]);
        assert_eq!(flagged(RULE, "“It is over,” said Petra Lund."), ["Petra Lund"]);
        assert_eq!(flagged(RULE, "Olga Ševčíková told reporters."), ["Olga Ševčíková"]);
        assert_eq!(
            flagged(RULE, "Mikhail Ulyanov, Russia’s envoy to Vienna, agreed. Ulyanov said so."),
            ["Mikhail Ulyanov"]
        );
        assert_eq!(flagged(RULE, "Dr. Ana de Souza said so."), ["Ana de Souza"]);
        assert_eq!(flagged(RULE, "Олег Бондар said so."), ["Олег Бондар"]);
    }

    #[test]
    fn the_message_and_suggestion() {
        let seen = check("unknown-actor", "Budget analyst Marta Kelling said no.", None);
        assert_eq!(seen[0].message, "‘Marta Kelling’ is not in the registry (seen as ‘Budget analyst’)");
    }

    #[test]
    fn not_people() {
        for text in [
            "The White House said no.",
            "Moscow said no.",
            "The Black Sea Fleet said it would sail.",
            "Ukraine Seeks Guarantees From Western Allies\nBody text here.",
            "Vladimir Putin said no.",
            "Vladmir Putin said no.",
            "Harbour Board said no.",
            "On Tuesday Ukraine said no.",
            "The European Commission said it would act.",
            "Talks ended. Meanwhile Kyiv said little.",
            "the Budapest Memorandum, which failed",
            "Residents of Kampung Melayu said the water rose fast.",
            "Kuala Krai said it had opened two shelters.",
            "The agency's Forecast Division said rain would ease.",
            "Protesters blocked Tom Oakes Roads on Monday.",
            "Heavy snow caused delays on the A46 at Severn Springs, the force said.",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
        // A unit's name after the person is no second person.
        assert_eq!(flagged(RULE, "Sgt Ivo Marsh, of the Harbour Police TacOps Unit, said no."), ["Ivo Marsh"]);
    }

    #[test]
    fn a_surname_that_is_also_a_title_is_part_of_the_name() {
        // "King", "Judge" and "Chancellor" stand before names as titles; after a
        // given name that ends the name they are surnames.
        assert_eq!(flagged(RULE, "Chief executive Evan King said rates would rise."), ["Evan King"]);
        assert_eq!(flagged(RULE, "Sara Judge, a nurse, said the ward was full."), ["Sara Judge"]);
        assert_eq!(flagged(RULE, "Peter Chancellor told the council the bridge was safe."), ["Peter Chancellor"]);
        // A title between a given name and a name is still a title.
        assert_eq!(flagged(RULE, "Jordan King Abdullah said so."), ["Abdullah"]);
    }

    #[test]
    fn honours_party_tags_and_what_a_name_only_modifies() {
        // Honours stand before the name; a legislator's party and seat in
        // brackets make a person; a name before a lowercase place or body
        // noun names that thing; a plural title in lower case before one
        // word is a verb.
        assert_eq!(flagged(RULE, "Prime Minister Datuk Seri Ana Velmoor spoke."), ["Ana Velmoor"]);
        assert_eq!(flagged(RULE, "Meanwhile, Prophet David Mbewe joined the petitioners."), ["David Mbewe"]);
        assert_eq!(
            flagged(RULE, "It angered Sivakumar Varatharaju Naidu (PH-Batu Gajah) again."),
            ["Sivakumar Varatharaju Naidu"]
        );
        assert_eq!(flagged(RULE, "The bill of Ana Velmoor (D-N.Y.) failed."), ["Ana Velmoor"]);
        // An abbreviated title after a place ends no name: the governor is.
        assert_eq!(flagged(RULE, "Georgia Gov. Brian Kemp ordered evacuations."), ["Brian Kemp"]);
        for text in [
            "The victim was a resident Ngabano village in the district.",
            "Banda and the Gloew Trading company supervisor appeared in court.",
            "Congo, which neighbours Uganda to the west, is battling the outbreak.",
            "The Qaumi Movement (MQM-P) got six seats.",
            "He replied: “In general I’m a better player now.”",
            "She lifted the Billie Jean King Trophy.",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn a_misspelt_registered_surname_alone_is_that_person() {
        let registry = "[[actor]]\nid = \"diana-atwine\"\nname = \"Diana Atwine\"\n";
        let text =
            "Permanent secretary Dr. Diana Atwiine said the case was confirmed. Dr. Atwiine says tests showed it.";
        assert_eq!(crate::rules::testing::flagged_with(registry, RULE, text), Vec::<String>::new());
        // The registered person under honours is no one else.
        let registry = "[[actor]]\nid = \"anwar\"\nname = \"Anwar Ibrahim\"\n";
        let text = "Prime Minister Datuk Seri Anwar Ibrahim raised the matter.";
        assert_eq!(crate::rules::testing::flagged_with(registry, RULE, text), Vec::<String>::new());
    }

    #[test]
    fn a_given_name_that_also_starts_places_is_still_a_name() {
        // "Kota" starts Malaysian towns and Japanese given names: it is no
        // place word, so the apposition makes a person.
        assert_eq!(flagged(RULE, "Kota Yamada, a teacher, said the plan was fine."), ["Kota Yamada"]);
    }

    #[test]
    fn a_registered_surname_after_another_first_name_is_someone_else() {
        let seen = check("unknown-actor", "Ben Wallace met reporters. Kate Wallace said she disagreed.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "Kate Wallace");
        assert_eq!(flagged(RULE, "Retired Lt. Gen. Ben Hodges said so."), ["Ben Hodges"]);
        assert_eq!(flagged(RULE, "Retired Lt. Gen. Ben Wallace said so."), Vec::<String>::new());
        assert_eq!(flagged(RULE, "President Volodymyr Volodymyr Zelenskyy spoke."), Vec::<String>::new());
    }

    #[test]
    fn apposition_before_the_name_is_the_role() {
        let seen =
            check("unknown-actor", "A former British military attaché, John Foreman argued that it failed.", None);
        assert_eq!(
            seen[0].message,
            "‘John Foreman’ is not in the registry (seen as ‘former British military attaché’)"
        );
    }

    #[test]
    fn once_per_person() {
        assert_eq!(flagged(RULE, "Petra Lund said yes. Petra Lund said no."), ["Petra Lund"]);
    }

    #[test]
    fn long_and_compound_titles_are_not_the_name() {
        let seen = check(RULE, "The rise came from Chief Operating Officer Dana Pruett, who presented it.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].message, "‘Dana Pruett’ is not in the registry (seen as ‘Chief Operating Officer’)");
        let seen = check(RULE, "“It is done,” said Deputy Ohio Attorney General Lyle Brannock, who argued it.", None);
        assert_eq!(seen[0].message, "‘Lyle Brannock’ is not in the registry (seen as ‘Deputy Ohio Attorney General’)");
        assert_eq!(flagged(RULE, "Independent state Assembly president Bill Tavener lost the seat."), ["Bill Tavener"]);
        // A title alone is no one.
        assert_eq!(flagged(RULE, "The Chief Financial Officer reported a surplus."), Vec::<String>::new());
    }

    #[test]
    fn the_role_is_quoted_without_the_words_before_it() {
        let seen = check(RULE, "In district 12 for Green candidate Ilse Varnholt won.", None);
        assert_eq!(seen[0].message, "‘Ilse Varnholt’ is not in the registry (seen as ‘Green candidate’)");
    }

    #[test]
    fn middle_initials_stay_in_the_name() {
        let seen = check(RULE, "Chapter President Lorna J. Whitcombe said the group was relieved.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "Lorna J. Whitcombe");
        assert_eq!(seen[0].message, "‘Lorna J. Whitcombe’ is not in the registry (seen as ‘Chapter President’)");
    }

    #[test]
    fn a_given_name_and_a_surname_are_a_person_without_context() {
        assert_eq!(
            flagged(RULE, "She is the first since Harold Brackley in 1931 to win the cup twice."),
            ["Harold Brackley"]
        );
        assert_eq!(
            flagged(RULE, "He joins the likes of Dennis Quarrie, Walter Fennimore and Ruth Oyelaran."),
            ["Dennis Quarrie", "Walter Fennimore", "Ruth Oyelaran"]
        );
        // Not with a common word after the given name, nor a capitalised
        // common word opening a sentence.
        assert_eq!(flagged(RULE, "The Christian Democratic bloc won."), Vec::<String>::new());
        assert_eq!(flagged(RULE, "Can Ukraine hold? Will Tallinn follow suit?"), Vec::<String>::new());
    }

    #[test]
    fn a_title_word_after_a_given_name_is_a_surname() {
        assert_eq!(flagged(RULE, "Orchard broker Dale Farmer said prices fell."), ["Dale Farmer"]);
        let seen = check(RULE, "Councilman Nell Bishop voted no.", None);
        assert_eq!(seen[0].message, "‘Nell Bishop’ is not in the registry (seen as ‘Councilman’)");
    }

    #[test]
    fn election_and_court_titles() {
        let seen = check(RULE, "In Ward 4 the incumbent Ilse Varnholt lost.", None);
        assert_eq!(seen[0].message, "‘Ilse Varnholt’ is not in the registry (seen as ‘incumbent’)");
        assert_eq!(flagged(RULE, "She beat her challenger Ilse Varnholt."), ["Ilse Varnholt"]);
        // A plural title heads the names it lists.
        let seen = check(RULE, "Challengers Ilse Varnholt and Dag Emmerich polled 300 votes.", None);
        assert_eq!(seen[0].message, "‘Ilse Varnholt’ is not in the registry (seen as ‘Challengers’)");
        // A title alone is no one, whatever comes before it.
        assert_eq!(flagged(RULE, "said 9th Circuit Deputy Solicitor Pavel Horak."), Vec::<String>::new());
    }

    #[test]
    fn a_line_wrapped_after_a_name_is_no_headline() {
        let text = "Both Councilwoman Nell Ashby and former Councilman Dale Farrow\nspent weeks on the campaign.";
        assert_eq!(flagged(RULE, text), ["Nell Ashby", "Dale Farrow"]);
        assert_eq!(flagged(RULE, "Councilman Dale Farrow Wins Again\n\nThe count ended."), Vec::<String>::new());
    }

    #[test]
    fn names_listed_with_a_person_are_people() {
        // Registered people on either side, each member with words of its own.
        assert_eq!(
            flagged(RULE, "Those refusing include Pavel Horak, Ilse Varnholt and Mira Horak."),
            ["Ilse Varnholt"]
        );
        assert_eq!(flagged(RULE, "Pavel Horak (knee) and Ilse Varnholt (ankle) stayed out."), ["Ilse Varnholt"]);
        assert_eq!(flagged(RULE, "Ilse Varnholt and Pavel Horak were among the top three."), ["Ilse Varnholt"]);
        assert_eq!(
            flagged(RULE, "Eddie Brannock ended with 3,359, Ilse Varnholt with 3,302 and Dag Emmerich with 3,226."),
            ["Eddie Brannock", "Ilse Varnholt", "Dag Emmerich"]
        );
        // A registered surname inside another member's name does not hide
        // that member.
        assert_eq!(flagged(RULE, "Pavel Horak and Ashby Wallace debated twice."), ["Ashby Wallace"]);
        assert_eq!(flagged(RULE, "She beat her challenger Ashby Wallace."), ["Ashby Wallace"]);
        // A plural title heads a list with a registered surname in it.
        assert_eq!(flagged(RULE, "Prosecutors Wallace and Nell Woods began the trial."), ["Nell Woods"]);
        // Not lists: a comma after a clause, places, too many words between.
        assert_eq!(flagged(RULE, "After meeting Pavel Horak, Costa Verde officials left."), Vec::<String>::new());
        assert_eq!(flagged(RULE, "Pavel Horak, Lisbon Capital chief strategist, said so."), Vec::<String>::new());
        assert_eq!(flagged(RULE, "Pavel Horak flew over Costa Verde and Santa Lucia."), Vec::<String>::new());
        assert_eq!(
            flagged(RULE, "Pavel Horak spent the whole long night there and Costa Verde woke."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_verb_of_saying_needs_the_name_as_its_subject() {
        for text in [
            "Economists surveyed by Lisbon Partners predicted a rise.",
            "The Valdorian Red Cross said it sent tents.",
            "Aid came after the Blue Lantern said it would help.",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(flagged(RULE, "The broker Ilse Varnholt said prices fell."), ["Ilse Varnholt"]);
        assert_eq!(flagged(RULE, "As prices fell, Ilse Varnholt said she sold."), ["Ilse Varnholt"]);
    }

    #[test]
    fn descriptive_words_before_a_given_name_are_not_the_name() {
        assert_eq!(flagged(RULE, "fellow Southern Valdorian Shannon Brill scored."), ["Shannon Brill"]);
    }

    #[test]
    fn a_name_inside_a_body_s_name_is_no_person() {
        assert_eq!(flagged(RULE, "He led the Church of Jesus Christ of the Hills."), Vec::<String>::new());
        assert_eq!(flagged(RULE, "He led the Order of Saint Anselm Brill."), Vec::<String>::new());
    }

    #[test]
    fn plural_nouns_are_not_speech_verbs() {
        assert_eq!(
            flagged(RULE, "It covers the Rio Verde and Santa Lucia states, officials said."),
            Vec::<String>::new()
        );
        assert_eq!(flagged(RULE, "Petra Lund states that it failed."), ["Petra Lund"]);
    }
}
