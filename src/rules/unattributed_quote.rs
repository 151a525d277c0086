use crate::analysis::Context;
use crate::finding::Finding;

/// Words before a quoted term that make it a term, not a quotation.
const TERM_MARKERS: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "their",
    "his",
    "her",
    "our",
    "so-called",
    "called",
    "dubbed",
    "named",
    "termed",
    "as",
    "branded",
    "labelled",
    "labeled",
    "word",
    "phrase",
    "slogan",
    "motto",
];

declare_rule! {
    /// ## What it flags
    /// A direct quotation of four or more words that nobody says: no verb
    /// of saying (or introducing colon) in its sentence or the adjacent one
    /// whose subject is a name, a pronoun for someone already named, an
    /// organisation ("it said", "the ministry said") or a described person
    /// ("one woman yelled", "prosecutors said"); and no earlier quotation
    /// whose statement it continues, in its paragraph or as the next
    /// paragraph. `copydesk export` records who says each quotation.
    ///
    /// ## Why
    /// An unattributed quotation reads as the outlet's own words, or as
    /// words nobody can be held to. Quotations whose opening mark was lost
    /// ("So we can hope ...,” said Ana Ruiz.) are recognised too.
    ///
    /// Scare quotes and short terms (fewer than four words, or a quoted
    /// phrase used as a noun: a “coalition of the willing”), titles in Title
    /// Case, registered names in quotes, and translation glosses in
    /// parentheses are not quotations.
    ///
    /// ## Example
    /// ```text
    /// Nobody expects the ferries to “stop within a month or two.”
    /// ```
    pub struct UnattributedQuote {
        id: "unattributed-quote",
        severity: Info,
        summary: "A quotation with no speaker nearby",
        fix: None,
    }
}

impl crate::rules::Rule for UnattributedQuote {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let prose = cx.prose();
        for q in cx.quotes.iter().filter(|q| q.kind != crate::analysis::QuoteKind::Indirect) {
            let inner = &prose[q.inner.clone()];
            let words: Vec<&str> = inner.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
            if words.len() < 4 || is_title(&words) || cx.lexicon.form_by_text(inner.trim()).is_some() {
                continue;
            }
            let before = crate::text::tail(prose, q.range.start, 64).trim_end();
            let previous_word = if before.ends_with(['.', '!', '?']) {
                String::new()
            } else {
                before.split_whitespace().next_back().unwrap_or("").to_lowercase()
            };
            let is_term = TERM_MARKERS
                .contains(&previous_word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                && !inner.contains(['.', ',', '!', '?', ';', ':']);
            // A translation gloss: (“The sea belongs to everyone.”)
            let gloss = before.ends_with('(') && prose[q.range.end..].trim_start().starts_with(')');
            if is_term || gloss || q.speaker.is_some() {
                continue;
            }
            let message = if q.open_missing {
                "quotation with no speaker in this or the adjacent sentence (and its opening quotation mark is missing)"
            } else {
                "quotation with no speaker in this or the adjacent sentence"
            };
            out.push(Finding::new(Self::META.id, Self::META.default_severity, q.range.clone(), message));
        }
    }
}

/// Title Case: most longer words capitalised.
fn is_title(words: &[&str]) -> bool {
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3).collect();
    !long.is_empty()
        && long.iter().all(|w| w.trim_start_matches(|c: char| !c.is_alphabetic()).starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::flagged;

    const RULE: &str = "unattributed-quote";

    #[test]
    fn unattributed_quotations() {
        assert_eq!(
            flagged(RULE, "Nobody expects the ferries to “stop within a month or two.”"),
            ["“stop within a month or two.”"]
        );
        assert_eq!(
            flagged(RULE, "The strike went on.\n“Nobody will sail tomorrow, not one boat,” read a sign on the quay."),
            ["“Nobody will sail tomorrow, not one boat,”"]
        );
    }

    #[test]
    fn attributed_quotations_scare_quotes_and_titles() {
        for text in [
            "“We will not sign any such deal,” said Ana Ruiz.",
            "Vladimir Putin spoke. “We will not sign any such deal,” he said.",
            "Vladimir Putin was blunt: “We will not sign any such deal.”",
            "So we can hope that this will end soon,” said Vladimir Putin.",
            "“This is not the end. It is a start,” Horak remarked after the vote.",
            "He wants a “strong army” now.",
            "Macron’s vision of a “coalition of the willing” was discussed.",
            "She wrote “The Long Road Home From Kessel” in 2019.",
            "“We will not sign any such deal.” Ana Ruiz said so in Paris.",
            "Posters read “Море припада свима” (“The sea belongs to everyone”) today.",
            "Ana Ruiz called it “a budget for the harbours, not the headlines” on Monday.",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn continuations_and_organisations() {
        for text in [
            "Ana Ruiz said: “We will sail at dawn.\n\n“Nobody will stop the boats this week.”",
            "The ministry issued a bulletin.\n\n“Cases are falling in every northern district,” it said.",
        ] {
            assert_eq!(flagged(RULE, text), Vec::<String>::new(), "{text}");
        }
    }
}
