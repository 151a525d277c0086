use crate::analysis::Context;
use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::text::tokens::{is_capitalized, only_space_between};

/// Doubles that are grammatical English.
const LEGITIMATE_DOUBLES: &[&str] = &["had", "that", "is", "do"];

declare_rule! {
    /// ## What it flags
    /// An ordinary word written twice in a row: "on the the steps".
    ///
    /// ## Why
    /// Doubled words survive proofreading because the eye skips the second
    /// one. Doubles that are grammatical ("had had", "that that", "is is",
    /// "do do") are not flagged, nor are pairs of capitalised words, which
    /// are names (doubled words in registered names are
    /// `duplicated-name-token`).
    ///
    /// ## Fix
    /// Removes the second word (safe).
    ///
    /// ## Example
    /// ```text
    /// on the the steps   →   on the steps
    /// ```
    pub struct RepeatedWord {
        id: "repeated-word",
        severity: Info,
        summary: "An ordinary word written twice in a row",
        fix: Always(Safe),
    }
}

impl crate::rules::Rule for RepeatedWord {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let prose = cx.prose();
        for pair in cx.tokens.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (wa, wb) = (a.text(prose), b.text(prose));
            if !wa.eq_ignore_case_unicode(wb)
                || a.possessive
                || !only_space_between(prose, &a.range, &b.range)
                || wa.chars().all(|c| c.is_numeric())
                || LEGITIMATE_DOUBLES.contains(&wb.to_lowercase().as_str())
                || (is_capitalized(wa) && is_capitalized(wb))
                || touches_a_name(cx, a.range.start..b.range.end)
            {
                continue;
            }
            let fix = Fix {
                title: format!("Remove the second ‘{wb}’"),
                edits: vec![Edit { range: a.range.end..b.range.end, replacement: String::new() }],
                applicability: Applicability::Safe,
            };
            let message = format!("‘{wb}’ is repeated");
            out.push(
                Finding::new(Self::META.id, Self::META.default_severity, a.range.start..b.range.end, message)
                    .with_fix(fix),
            );
        }
    }
}

fn touches_a_name(cx: &Context<'_>, range: std::ops::Range<usize>) -> bool {
    cx.mentions.iter().any(|m| m.range.start <= range.end && range.start <= m.range.end)
        || cx.names.near_miss_at(&range).is_some()
}

trait EqIgnoreCase {
    fn eq_ignore_case_unicode(&self, other: &str) -> bool;
}

impl EqIgnoreCase for str {
    fn eq_ignore_case_unicode(&self, other: &str) -> bool {
        // Asked for every pair of adjacent words: ASCII without allocating;
        // otherwise whole-string lowercasing, which keeps context rules such
        // as the Greek final sigma ("ΟΔΟΣ" is "οδος").
        if self.is_ascii() && other.is_ascii() {
            return self.eq_ignore_ascii_case(other);
        }
        self == other || self.to_lowercase() == other.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn doubled_words_are_flagged_and_fixed() {
        let seen = check("repeated-word", "He stood on the the steps and and waited — “дуже дуже”.", None);
        let texts: Vec<&str> = seen.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["the the", "and and", "дуже дуже"]);
        assert_eq!(seen[0].message, "‘the’ is repeated");
        assert_eq!(seen[0].fixed.as_deref(), Some("He stood on the steps and and waited — “дуже дуже”."));
        assert_eq!(check("repeated-word", "The the end.", None).len(), 1);
        assert_eq!(check("repeated-word", "ΟΔΟΣ οδος ends.", None).len(), 1, "final sigma lowercases in context");
    }

    #[test]
    fn grammatical_doubles_names_and_breaks_are_not_flagged() {
        for text in [
            "She had had enough.",
            "He said that that was final.",
            "What it is is unclear.",
            "Walla Walla is a town.",
            "Volodymyr Volodymyr Zelenskyy",
            "It ended. It ended again.",
            "the\n\nthe",
            "in 2024 2024",
        ] {
            assert_eq!(check("repeated-word", text, None), [], "{text}");
        }
    }
}
