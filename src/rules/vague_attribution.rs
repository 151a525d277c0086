use crate::analysis::Context;
use crate::finding::Finding;

declare_rule! {
    /// ## What it flags
    /// Attribution that names nobody: "sources say", "experts say",
    /// "observers", "critics argue", "some argue", "it is believed",
    /// "reportedly", "officials said" with no body named before it.
    /// `[sourcing] vague` in `copydesk.toml` adds phrases.
    ///
    /// ## Why
    /// Vague attribution lets a claim stand without anyone answerable for
    /// it. Sometimes it is the best a story can do (anonymous sourcing under
    /// a newsroom's policy); a hint makes the editor decide, not the habit.
    ///
    /// "Officials said" is fine when a body is named ("Pentagon officials
    /// said", "NATO officials said") or the office's holder ("sheriff’s
    /// officials said").
    ///
    /// Hearsay is vague too ("following a report that", "is said to be",
    /// "initial reports indicated", "a witness said"), and so are the
    /// expectations of a category ("economists expect", "most analysts were
    /// confident"), except where a figure follows in the clause ("analysts
    /// expected a profit of 30 cents"): that is the analysts' consensus,
    /// which the labelling guideline leaves borderline. One unnamed person
    /// of a category ("an engineer in the region estimated", "one of the
    /// rescued fishermen told the media", "an angry parent said"), someone
    /// of a firm the story does not name ("the purchases manager of an
    /// exporter said"), a category with a relative clause ("passengers who
    /// use the line have complained", "according to the attendees"),
    /// rumours ("there are rumours") and what "local media" spotted are
    /// vague as well; someone's relations are not ("their parents argue"),
    /// nor is hearsay inside a speaker's quotation ("“… the dinosaur it was
    /// thought to have been,” he said"), though a quoted source label is
    /// (citing “people familiar with the matter”).
    /// The phrases are in
    /// `data/vague_attribution.txt`.
    ///
    /// ## Example
    /// ```text
    /// As of this writing, sources say the president has rejected the offer.
    /// ```
    pub struct VagueAttribution {
        id: "vague-attribution",
        severity: Hint,
        summary: "Attribution that names nobody (“sources say”, “reportedly”)",
        fix: None,
    }
}

impl crate::rules::Rule for VagueAttribution {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let prose = cx.prose();
        for range in cx.vague.iter().cloned() {
            let phrase = &prose[range.clone()];
            let message = format!("‘{phrase}’ names no source; say who, or why they cannot be named");
            out.push(Finding::new(Self::META.id, Self::META.default_severity, range, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, flagged};

    const RULE: &str = "vague-attribution";

    #[test]
    fn vague_phrases() {
        assert_eq!(flagged(RULE, "As of this writing, sources say the offer was rejected."), ["sources say"]);
        assert_eq!(
            flagged(RULE, "Observers remain skeptical. Critics argue it failed; it is believed he left."),
            ["Observers remain skeptical", "Critics argue", "it is believed"]
        );
        assert_eq!(flagged(RULE, "The deal reportedly collapsed, officials said."), ["reportedly", "officials said"]);
        let seen = check("vague-attribution", "Some argue it rewards aggression.", None);
        assert_eq!(seen[0].message, "‘Some argue’ names no source; say who, or why they cannot be named");
    }

    #[test]
    fn named_bodies_and_people_are_not_vague() {
        for text in [
            "NATO officials said no.",
            "Harbour Board officials said no.",
            "Ana Ruiz said so.",
            "Experts at the Velgrad Institute said so.",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn a_name_after_the_phrase_is_not_the_body() {
        // Used to panic: the mention after the phrase was sliced backwards.
        assert_eq!(flagged(RULE, "Western officials said the talks failed, Vladimir Putin said."), ["officials said"]);
        assert_eq!(
            flagged(RULE, "Officials said Putin lied. Diplomats said so too."),
            ["Officials said", "Diplomats said"]
        );
    }

    #[test]
    fn wider_lexicon() {
        assert_eq!(flagged(RULE, "The comet will return, scientists said."), ["scientists said"]);
        assert_eq!(flagged(RULE, "The sect, which experts estimate has 900 members, grew."), ["experts estimate"]);
        assert_eq!(flagged(RULE, "The director is reported to have said no."), ["is reported to have said"]);
        assert_eq!(
            flagged(RULE, "A boy widely reported to have been found alive was not."),
            ["widely reported to have"]
        );
        assert_eq!(
            flagged(RULE, "Chinese officials announced the toll. Authorities said so."),
            ["officials announced", "Authorities said"]
        );
    }

    #[test]
    fn categories_with_no_body_and_what_only_looks_like_one() {
        assert_eq!(
            flagged(
                RULE,
                "Politicians said it was grim news. Some said the cut was too small; detectives say he fled."
            ),
            ["Politicians said", "Some said", "detectives say"]
        );
        assert_eq!(flagged(RULE, "Reports are that he left on Monday."), ["Reports are that"]);
        assert_eq!(
            flagged(RULE, "Sales fell 0.8%, worse than the 0.4% anticipated by City analysts."),
            ["anticipated by City analysts"]
        );
        // A poll of analysts whose compiler is named, a count of people
        // feared killed, and an acronym in brackets that names no body.
        assert_eq!(
            flagged(RULE, "Profit beat a 38-cent forecast by analysts polled by Harbour Data."),
            Vec::<String>::new()
        );
        assert_eq!(
            flagged(RULE, "Profit beat the $2.5 billion forecast by analysts in a Harbour Data poll."),
            Vec::<String>::new()
        );
        assert_eq!(
            flagged(RULE, "Profit beat the $2.5 billion forecast by analysts in a poll."),
            ["forecast by analysts"]
        );
        // Hearsay with no one behind it.
        assert_eq!(flagged(RULE, "It was gathered that the campus had shut."), ["It was gathered that"]);
        assert_eq!(flagged(RULE, "Once it was gathered into sacks, the grain was sold."), Vec::<String>::new());
        assert_eq!(
            flagged(RULE, "Sources who spoke to the Harbour Courier said the vote failed."),
            ["Sources who spoke to"]
        );
        assert_eq!(flagged(RULE, "She was also said to have agreed to the terms."), ["was also said to have"]);
        assert_eq!(flagged(RULE, "One in 20 schools are thought to have closed."), ["are thought to have closed"]);
        assert_eq!(flagged(RULE, "Crews searched for 20 villagers feared killed."), Vec::<String>::new());
        assert_eq!(
            flagged(RULE, "Ducks were culled after an outbreak of bird flu (H5N1), officials said Thursday."),
            ["officials said"]
        );
    }

    #[test]
    fn more_categories_officials_of_a_region_and_citing_authorities() {
        assert_eq!(
            flagged(RULE, "Statisticians said the rise was real. Forecasters have said gales are due."),
            ["Statisticians said", "Forecasters have said"]
        );
        assert_eq!(
            flagged(RULE, "Officials in the northern region said aid was late, according to earlier reports."),
            ["Officials in the northern region said", "according to earlier reports"]
        );
        assert_eq!(
            flagged(RULE, "Drops were given, the report read, citing health authorities."),
            ["citing health authorities"]
        );
        assert_eq!(
            flagged(RULE, "Analysts on average had expected a rise in sales."),
            ["Analysts on average had expected"]
        );
        // Nothing reported attributes nothing.
        assert_eq!(flagged(RULE, "The train derailed where no faults had been reported."), Vec::<String>::new());
    }

    #[test]
    fn expectations_of_a_category_unless_they_are_a_consensus_figure() {
        assert_eq!(
            flagged(RULE, "Economists expect prices to keep rising. Most analysts were confident that it would pass."),
            ["Economists expect", "Most analysts were confident"]
        );
        // The analysts' consensus figure is borderline in the guideline.
        for text in
            ["Analysts expected a profit of 30 cents a share.", "Analysts were expecting revenue of $2.4 billion."]
        {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn reports_hearsay_and_witnesses() {
        assert_eq!(
            flagged(
                RULE,
                "Shares rose following a report that it may be sold. Velmar is said to be mulling a bid. \
                 Police dismissed reports that 100 died. Initial reports indicated the driver was speeding."
            ),
            ["following a report that", "is said to be", "dismissed reports that", "Initial reports indicated"]
        );
        assert_eq!(
            flagged(
                RULE,
                "A witness said the men ran. Witnesses told reporters so. Authorities have repeatedly warned it."
            ),
            ["A witness said", "Witnesses told", "Authorities have repeatedly warned"]
        );
    }

    #[test]
    fn anonymous_sources_and_categories_of_the_market() {
        assert_eq!(
            flagged(
                RULE,
                "Nine homes burned, local media reported. Multiple police sources confirmed it. \
                 “It is tight,” said one trader at a brokerage. Dealers said prices eased. \
                 A security official said so, but a police official said not."
            ),
            [
                "local media reported",
                "Multiple police sources confirmed",
                "said one trader",
                "Dealers said",
                "A security official said"
            ]
        );
        // The article says why its sources cannot be named.
        assert_eq!(
            flagged(RULE, "A deal is near, the sources said, asking not to be identified because talks are private."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn earlier_reports_state_media_and_what_was_reported_of_a_thing() {
        assert_eq!(
            flagged(
                RULE,
                "Previous reports put the toll at 11. Aid came, according to state media. \
                 Dealers attributed the fall to exporters. A car had been reported stolen. \
                 Four men were arrested for allegedly helping him."
            ),
            ["Previous reports put", "according to state media", "Dealers attributed"]
        );
    }

    #[test]
    fn one_unnamed_person_of_a_category_rumours_and_media_sightings() {
        assert_eq!(
            flagged(
                RULE,
                "Firefighters said the blaze was out. A farm engineer in the region estimated the loss. \
                 Later, one of the rescued fishermen told reporters they swam. There are rumours of cuts. \
                 He had been spotted by local media in the city. Some growers are noting dry fields. \
                 Early reports were of good yields. Eyewitnesses reported a blast. The protestors said bills rose. \
                 Occupancy fell as numerous hotels indicated empty rooms."
            ),
            [
                "Firefighters said",
                "A farm engineer in the region estimated",
                "one of the rescued fishermen told",
                "There are rumours",
                "spotted by local media",
                "Some growers are noting",
                "Early reports were",
                "Eyewitnesses reported",
                "protestors said",
                "numerous hotels indicated"
            ]
        );
        // Parents, passengers, attendees and speakers at a meeting are
        // categories too, with a relative clause between; so is one person
        // of such a category, and someone of a firm the story leaves unnamed.
        assert_eq!(
            flagged(
                RULE,
                "The school stayed shut, an angry parent said. The parents indicated the hall was unsafe. \
                 Passengers who use the line have complained about delays. Speakers decried the cuts. \
                 They could not applaud, according to the attendees. \
                 The purchases manager of an exporter said the price hit 700 francs."
            ),
            [
                "an angry parent said",
                "parents indicated",
                "Passengers who use the line have complained",
                "Speakers decried",
                "according to the attendees",
                "manager of an exporter said"
            ]
        );
        // Officials of an office named by its holder speak for it.
        assert_eq!(flagged(RULE, "The man was shot, sheriff’s officials said."), Vec::<String>::new());
        // Hearsay in a speaker's own words is the speaker's; a quoted source
        // label is the article's.
        assert_eq!(
            flagged(RULE, "“I could tell it was not the dinosaur it was thought to have been,” he told reporters."),
            Vec::<String>::new()
        );
        assert_eq!(
            flagged(RULE, "The deal is close, the Journal reported, citing “people familiar with the matter.”"),
            ["people familiar with"]
        );
        assert_eq!(
            flagged(
                RULE,
                "Authorities predicted surges. Ten died, officials there said. Foreign poll monitors said the vote was flawed."
            ),
            ["Authorities predicted", "officials there said", "poll monitors said"]
        );
        // Someone's parents are who the clause is about.
        assert_eq!(flagged(RULE, "Children see their parents argue about money."), Vec::<String>::new());
        // What only looks like a category: supplies that remain, and
        // analysts forecasting a figure (their consensus, borderline).
        assert_eq!(
            flagged(
                RULE,
                "Supplies for affected residents remain sufficient. Analysts are forecasting earnings of $1.01 a share. \
                 Oil producers agreed on Sunday to extend output cuts. Farmers agreed to end the blockade."
            ),
            Vec::<String>::new()
        );
    }
}
