use crate::analysis::Context;
use crate::finding::Finding;

declare_rule! {
    /// ## What it flags
    /// Front-matter values copydesk needs but cannot read, such as a `date`
    /// that is not a calendar date in `YYYY-MM-DD` form.
    ///
    /// ## Why
    /// Without a valid date, date-dependent checks (`title-mismatch`) are
    /// skipped for the article rather than guessed, so a typo in the date
    /// silently turns them off. This finding says so.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// date: 2025-02-30
    /// ---
    /// ```
    pub struct InvalidFrontMatter {
        id: "invalid-front-matter",
        severity: Warning,
        summary: "A front-matter value (such as the date) that cannot be read",
        fix: None,
    }
}

impl crate::rules::Rule for InvalidFrontMatter {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for problem in cx.article.metadata_problems() {
            out.push(Finding::new(
                Self::META.id,
                Self::META.default_severity,
                problem.range.clone(),
                problem.message.clone(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn bad_dates_are_reported() {
        let seen = check("invalid-front-matter", "---\ndate: 19 Aug 2025\n---\nText.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "19 Aug 2025");
        assert_eq!(check("invalid-front-matter", "---\ndate: 2025-08-19\n---\nText.", None), []);
    }
}
