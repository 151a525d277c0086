use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::Context;
use crate::finding::Finding;

/// The cues, one alternative per line of `data/vague_attribution.txt`.
static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<&str> = crate::text::data_entries(include_str!("../../data/vague_attribution.txt")).collect();
    Regex::new(&format!(r"(?ix)(?-u:\b)(?:{})(?-u:\b)", alternatives.join("\n|"))).expect("vague phrases compile")
});

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
    /// said", "NATO officials said").
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
        let body = cx.article.body_start();
        let extra =
            cx.sourcing.extra_vague().map(|r| r.find_iter(&prose[body..]).collect::<Vec<_>>()).unwrap_or_default();
        let mut ranges: Vec<std::ops::Range<usize>> =
            VAGUE.find_iter(&prose[body..]).chain(extra).map(|m| body + m.start()..body + m.end()).collect();
        ranges.sort_by_key(|r| r.start);
        ranges.dedup_by(|b, a| b.start < a.end);
        for range in ranges {
            let phrase = &prose[range.clone()];
            if phrase.to_lowercase().starts_with("officials") || phrase.to_lowercase().starts_with("diplomats") {
                let before = crate::text::tail(prose, range.start, 64);
                let named_body = before.split_whitespace().next_back().is_some_and(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    let acronym = w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
                    // A registered body right before ("NATO officials"): the
                    // last mention starting before the phrase, found by
                    // binary search, and only white space between.
                    let k = cx.mentions.partition_point(|m| m.range.start < range.start);
                    let body_before = k > 0 && {
                        let m = &cx.mentions[k - 1];
                        m.range.end <= range.start && prose[m.range.end..range.start].trim().is_empty()
                    };
                    acronym || body_before
                });
                if named_body {
                    continue;
                }
            }
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
            ["Observers remain", "Critics argue", "it is believed"]
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
    }
}
