use crate::analysis::Context;
use crate::finding::{Applicability, Finding, Fix};
use crate::text::caps::as_written;

declare_rule! {
    /// ## What it flags
    /// A capitalised name that is not in the registry but is a small edit
    /// away from a registered one: one word exact and the other off by a
    /// letter or two ("Vladmir Putin", "Vladimir Ptuin"), or a lone surname
    /// off by a letter after the article has named the person: in full, by
    /// surname, or by a misspelt full name ("Vladmir Putin ... Ptuin said").
    /// The name before a hyphen counts as a lone surname ("the Ptuin-led
    /// talks"). Copy set in capitals is checked too ("BOB SCOT" →
    /// "BOB SCOTT").
    ///
    /// ## Why
    /// Misspelt names are the most common correction newspapers print, and a
    /// general spell checker cannot catch them: "Vladmir" is not a word to
    /// it, but neither is "Vladimir". The registry knows the right spelling.
    ///
    /// Words of up to three letters are never treated as misspellings; words
    /// of four to seven letters may be one edit away (a substitution,
    /// insertion, deletion or swap of two letters); longer words two. Lone
    /// surnames must also share their first letter with the registered one.
    /// Candidates come from a deletion index of registered name words, never
    /// from a scan of the registry.
    ///
    /// ## Fix
    /// Replaces the name with the registered spelling (safe).
    ///
    /// ## Example
    /// ```text
    /// Russian President Vladmir Putin   →   Russian President Vladimir Putin
    /// ```
    pub struct MisspelledName {
        id: "misspelled-name",
        severity: Warning,
        summary: "A near-miss spelling of a registered name",
        fix: Always(Safe),
    }
}

impl crate::rules::Rule for MisspelledName {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Variants (diacritics, hyphens, a particle's case) are name-variant's.
        for miss in cx.names.near_misses.iter().filter(|m| !m.variant) {
            let written = cx.text(miss.range.clone());
            let name = &cx.registry.actor(miss.actor).name;
            let suggestion = as_written(written, &miss.suggestion);
            let message = if miss.lone_surname {
                format!("‘{written}’ looks like a misspelling of ‘{suggestion}’ ({name}, named earlier)")
            } else {
                format!("‘{written}’ looks like a misspelling of ‘{suggestion}’")
            };
            let fix = Fix::replace(miss.range.clone(), suggestion, Applicability::Safe);
            out.push(
                Finding::new(Self::META.id, Self::META.default_severity, miss.range.clone(), message)
                    .with_actor(miss.actor)
                    .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn one_word_exact_the_other_near() {
        let seen =
            check("misspelled-name", "Russian President Vladmir Putin spoke; Vladimir Ptuin’s aides left.", None);
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].text, "Vladmir Putin");
        assert_eq!(seen[0].message, "‘Vladmir Putin’ looks like a misspelling of ‘Vladimir Putin’");
        assert_eq!(seen[0].actor.as_deref(), Some("vladimir-putin"));
        assert_eq!(seen[1].text, "Vladimir Ptuin");
        assert_eq!(
            seen[1].fixed.as_deref(),
            Some("Russian President Vladmir Putin spoke; Vladimir Putin’s aides left.")
        );
    }

    #[test]
    fn a_near_variant_is_fixed_to_the_house_name() {
        let seen = check("misspelled-name", "Volodimyr Zelensky spoke.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].fixed.as_deref(), Some("Volodymyr Zelenskyy spoke."));
    }

    #[test]
    fn lone_surname_only_after_a_full_mention() {
        let text = "Ben Wallace arrived. Later Wallance said “no”. Wallance left.";
        let seen = check("misspelled-name", text, None);
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].text, "Wallance");
        assert_eq!(seen[0].message, "‘Wallance’ looks like a misspelling of ‘Wallace’ (Ben Wallace, named earlier)");
        assert_eq!(check("misspelled-name", "Wallance said no. Ben Wallace arrived.", None), []);
    }

    #[test]
    fn distinct_names_are_not_misspellings() {
        for text in [
            "Ben Wallace met Ben Walsh and Pavel Horak met Pavla Horakova.",
            "Ben Wallace met Kate Wallach.",
            "Vladimir Putin and Vladimir Pushkin.",
            "Vladimir Putin. Later Wal and Pu said so.",
        ] {
            assert_eq!(check("misspelled-name", text, None), [], "{text}");
        }
    }

    #[test]
    fn the_surname_after_a_misspelt_full_name() {
        let seen = check("misspelled-name", "Ben Wallice arrived. Wallice said no.", None);
        let texts: Vec<&str> = seen.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Ben Wallice", "Wallice"]);
        assert_eq!(seen[1].message, "‘Wallice’ looks like a misspelling of ‘Wallace’ (Ben Wallace, named earlier)");
        assert_eq!(seen[1].actor.as_deref(), Some("ben-wallace"));
    }

    #[test]
    fn a_name_before_a_hyphen() {
        let seen = check("misspelled-name", "Putin spoke first. The Ptuin-backed plan failed.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "Ptuin");
        assert_eq!(seen[0].fixed.as_deref(), Some("Putin spoke first. The Putin-backed plan failed."));
        assert_eq!(check("misspelled-name", "Putin spoke first. The Putin-backed plan failed.", None), []);
        // Only before a lowercase part, and only once the person is named.
        assert_eq!(check("misspelled-name", "Putin spoke first. The Ptuin-Hale plan failed.", None), []);
        assert_eq!(check("misspelled-name", "The Ptuin-backed plan failed. Putin spoke.", None), []);
    }

    #[test]
    fn copy_set_in_capitals() {
        let text = "THE COUNCIL MET ON MONDAY. BEN WALLICE VOTED NO AND WALLACE LEFT.";
        let seen = check("misspelled-name", text, None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "BEN WALLICE");
        assert_eq!(seen[0].message, "‘BEN WALLICE’ looks like a misspelling of ‘BEN WALLACE’");
        assert_eq!(seen[0].actor.as_deref(), Some("ben-wallace"));
    }
}
