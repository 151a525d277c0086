use crate::analysis::Context;
use crate::finding::Finding;

declare_rule! {
    /// ## What it flags
    /// A rule id in a suppression comment that is not a copydesk rule:
    /// `<!-- copydesk-disable-next-line misspeled-name -->`.
    ///
    /// ## Why
    /// A misspelt id suppresses nothing, so the finding the editor meant to
    /// silence keeps coming back, and a reader of the comment is misled.
    ///
    /// Suppression comments: `<!-- copydesk-disable RULE[, RULE] -->` ...
    /// `<!-- copydesk-enable -->`, `<!-- copydesk-disable-next-line RULE -->`,
    /// `<!-- copydesk-disable-file -->`; no rule means every rule.
    ///
    /// ## Example
    /// ```text
    /// <!-- copydesk-disable-next-line name-varient -->
    /// ```
    pub struct InvalidSuppression {
        id: "invalid-suppression",
        severity: Warning,
        summary: "A suppression comment naming a rule that does not exist",
        fix: None,
    }
}

impl crate::rules::Rule for InvalidSuppression {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for named in &cx.article.suppressions().named {
            if crate::rules::by_id(&named.id).is_none() {
                let message = format!("`{}` is not a copydesk rule; `copydesk rules` lists them", named.id);
                out.push(Finding::new(Self::META.id, Self::META.default_severity, named.range.clone(), message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn unknown_ids_are_reported_and_known_ones_work() {
        let text = "<!-- copydesk-disable-next-line name-varient, repeated-word -->\nthe the end";
        let seen = check("invalid-suppression", text, None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "name-varient");
        assert_eq!(seen[0].message, "`name-varient` is not a copydesk rule; `copydesk rules` lists them");
        assert_eq!(check("repeated-word", text, None), []);
        assert_eq!(
            check("repeated-word", "<!-- copydesk-disable-next-line name-variant -->\nthe the end", None).len(),
            1
        );
    }
}
