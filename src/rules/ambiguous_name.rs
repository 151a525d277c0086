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
            if mention.actor.is_some() || mention.candidates.is_empty() {
                continue;
            }
            let names: Vec<&str> = mention.candidates.iter().map(|&a| cx.registry.actor(a).name.as_str()).collect();
            let listed = match names.as_slice() {
                [one, two] => format!("{one} or {two}"),
                [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
                [] => continue,
            };
            let written = cx.text(mention.range.clone());
            let message = format!("‘{written}’ could be {listed}; name the person in full first");
            let finding = Finding::new(Self::META.id, Self::META.default_severity, mention.range.clone(), message)
                .with_data(FindingData::Candidates(mention.candidates.clone()));
            out.push(finding);
        }
    }
}

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
    fn an_earlier_full_mention_resolves() {
        assert_eq!(check("ambiguous-name", "Mira Horak spoke. Horak said yes.", None), []);
    }
}
