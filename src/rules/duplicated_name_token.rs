use crate::analysis::Context;
use crate::finding::{Applicability, Edit, Finding, Fix};

declare_rule! {
    /// ## What it flags
    /// A word doubled inside the name of a registered actor:
    /// "President Volodymyr Volodymyr Zelenskyy", "Zelenskyy Zelenskyy".
    ///
    /// ## Why
    /// A doubled name token is a typing or editing slip (often left behind by
    /// a cut-and-paste) that spell checkers accept, because each word is
    /// spelt correctly. Names whose repetition is real, such as a registered
    /// "Sirhan Sirhan", are matched whole and never flagged.
    ///
    /// ## Fix
    /// Removes the extra word (safe: applied by `copydesk check --fix`).
    ///
    /// ## Example
    /// ```text
    /// President Volodymyr Volodymyr Zelenskyy met ...   →   President Volodymyr Zelenskyy met ...
    /// ```
    pub struct DuplicatedNameToken {
        id: "duplicated-name-token",
        severity: Warning,
        summary: "A word doubled inside a registered name",
        fix: Always(Safe),
    }
}

impl crate::rules::Rule for DuplicatedNameToken {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let prose = cx.prose();
        for (i, mention) in cx.mentions.iter().enumerate() {
            let Some(actor) = mention.actor else { continue };
            let name = &prose[mention.range.clone()];
            let first_word = name.split_whitespace().next().unwrap_or(name);
            // The word before the mention repeats its first word.
            let before = &prose[..mention.range.start];
            let gap = before.len() - before.trim_end().len();
            let before_word = before.trim_end();
            if gap > 0 && !before[before_word.len()..].contains("\n\n") && before_word.ends_with(first_word) {
                let start = before_word.len() - first_word.len();
                let bounded = !before_word[..start].chars().next_back().is_some_and(char::is_alphanumeric);
                let previous_is_mention = i > 0 && cx.mentions[i - 1].range.end == before_word.len();
                if bounded && !previous_is_mention && mention.prefix.start >= mention.range.start {
                    out.push(finding(cx, start..before_word.len(), start..mention.range.start, first_word, actor));
                    continue;
                }
            }
            // The next mention repeats this one's last word: "Zelenskyy Zelenskyy".
            if let Some(next) = cx.mentions.get(i + 1) {
                let last_word = name.split_whitespace().last().unwrap_or(name);
                let between = &prose[mention.range.end..next.range.start];
                if next.actor == Some(actor)
                    && &prose[next.range.clone()] == last_word
                    && !between.is_empty()
                    && between.chars().all(char::is_whitespace)
                    && !between.contains("\n\n")
                {
                    out.push(finding(cx, next.range.clone(), mention.range.end..next.range.end, last_word, actor));
                }
            }
        }
    }
}

fn finding(
    cx: &Context<'_>,
    range: std::ops::Range<usize>,
    removal: std::ops::Range<usize>,
    word: &str,
    actor: u32,
) -> Finding {
    let name = &cx.registry.actor(actor).name;
    let fix = Fix {
        title: format!("Remove the doubled ‘{word}’"),
        edits: vec![Edit { range: removal, replacement: String::new() }],
        applicability: Applicability::Safe,
    };
    Finding::new(
        DuplicatedNameToken::META.id,
        DuplicatedNameToken::META.default_severity,
        range,
        format!("‘{word}’ is doubled in the name of {name}"),
    )
    .with_actor(actor)
    .with_fix(fix)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn doubled_first_name_is_flagged_and_removed() {
        let seen = check("duplicated-name-token", "President Volodymyr Volodymyr Zelenskyy said “no”.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "Volodymyr");
        assert_eq!(seen[0].message, "‘Volodymyr’ is doubled in the name of Volodymyr Zelenskyy");
        assert_eq!(seen[0].actor.as_deref(), Some("volodymyr-zelenskyy"));
        assert_eq!(seen[0].fixed.as_deref(), Some("President Volodymyr Zelenskyy said “no”."));
    }

    #[test]
    fn doubled_surname_is_flagged() {
        let seen = check("duplicated-name-token", "— Volodymyr Zelenskyy Zelenskyy’s office", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "Zelenskyy");
        assert_eq!(seen[0].fixed.as_deref(), Some("— Volodymyr Zelenskyy’s office"));
    }

    #[test]
    fn real_repetition_and_separated_words_are_not_flagged() {
        assert_eq!(check("duplicated-name-token", "Sirhan Sirhan was sentenced.", None), []);
        assert_eq!(check("duplicated-name-token", "Pavel Horak. Horak left.", None), []);
        assert_eq!(check("duplicated-name-token", "Vladimir Putin\n\nPutin", None), []);
        assert_eq!(check("duplicated-name-token", "Like Vladimir, Vladimir Putin smiled.", None), []);
    }
}
