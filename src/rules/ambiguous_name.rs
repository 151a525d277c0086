use crate::analysis::Context;
use crate::finding::{Finding, FindingData};

declare_rule! {
    /// ## What it flags
    /// A surname or alias that several registered actors share, used before
    /// the article has named any of them in full: "Horak said" when the
    /// registry has both Pavel Horak and Mira Horak.
    ///
    /// ## Why
    /// Readers, annotators and downstream tools cannot tell who is meant. An
    /// earlier full mention resolves later short ones, as in print: after
    /// "Mira Horak", a bare "Horak" is Mira Horak until another Horak is
    /// named in full.
    ///
    /// ## Example
    /// ```text
    /// Horak said the vote would go ahead.   (Pavel Horak or Mira Horak?)
    /// ```
    pub struct AmbiguousName {
        id: "ambiguous-name",
        severity: Info,
        summary: "A shared surname or alias not resolved by an earlier full mention",
        fix: None,
    }
}

impl crate::rules::Rule for AmbiguousName {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for mention in cx.mentions {
            if mention.actor.is_some() {
                continue;
            }
            let candidates = cx.lexicon.form(mention.form).actors();
            if candidates.len() < 2 {
                continue;
            }
            let names: Vec<&str> = candidates.iter().take(SHOWN).map(|&a| cx.registry.actor(a).name.as_str()).collect();
            let listed = match (names.as_slice(), candidates.len()) {
                ([one, two], 2) => format!("{one} or {two}"),
                (shown, n) if n <= SHOWN => {
                    format!("{} or {}", shown[..shown.len() - 1].join(", "), shown[shown.len() - 1])
                }
                (shown, n) => format!("any of {n} registered actors ({}, …)", shown.join(", ")),
            };
            let written = cx.text(mention.range.clone());
            let message = format!("‘{written}’ could be {listed}; name the person in full first");
            let kept: Vec<_> = candidates.into_iter().take(MAX_CANDIDATES).collect();
            let finding = Finding::new(Self::META.id, Self::META.default_severity, mention.range.clone(), message)
                .with_data(FindingData::Candidates(kept));
            out.push(finding);
        }
    }
}

/// Names listed in the message.
const SHOWN: usize = 5;
/// Candidates carried in the finding's data (for tools; the message says
/// how many there are in all).
const MAX_CANDIDATES: usize = 20;

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn unresolved_shared_surname() {
        let seen = check("ambiguous-name", "Horak said the vote would go ahead.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "Horak");
        assert_eq!(seen[0].message, "‘Horak’ could be Pavel Horak or Mira Horak; name the person in full first");
    }

    #[test]
    fn many_bearers_are_counted_not_listed() {
        let mut registry = String::new();
        for i in 0..30 {
            registry.push_str(&format!("[[actor]]\nid = \"p{i}\"\nname = \"Person{i} Wang\"\n\n"));
        }
        let seen = crate::rules::testing::check_with(&registry, "ambiguous-name", "Wang said so.", None);
        assert_eq!(
            seen[0].message,
            "‘Wang’ could be any of 30 registered actors (Person0 Wang, Person1 Wang, Person2 Wang, Person3 Wang, Person4 Wang, …); name the person in full first"
        );
    }

    #[test]
    fn an_earlier_full_mention_resolves() {
        assert_eq!(check("ambiguous-name", "Mira Horak spoke. Horak said yes.", None), []);
    }
}
