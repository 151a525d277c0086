use crate::analysis::Context;
use crate::finding::{Applicability, Finding, Fix};

declare_rule! {
    /// ## What it flags
    /// A spelling a registry's house-style term avoids: a word or phrase
    /// that is not an actor, with the spelling the newsroom uses instead
    /// ("Kiev" for "Kyiv", "percent" for "per cent", "COVID-19" for
    /// "Covid-19"). Terms are `[[term]]` tables in a registry file
    /// (`use`, `avoid`, `ignore_case`, `note`; see docs/registry.md), found
    /// in the same automaton pass as the actors' names, on word boundaries;
    /// with `ignore_case = true` the avoided spellings are also matched in
    /// lower case, capitalised and in capitals.
    ///
    /// ## Why
    /// A style guide's word list is only kept when something checks it:
    /// these are the substitution rules newsrooms keep for Vale or a style
    /// checker, kept beside the registry and checked in the same pass.
    ///
    /// ## Fix
    /// Replaces the spelling with the term's `use`, capitalised at the start
    /// of a sentence and in capitals where the text is (safe).
    ///
    /// ## Example
    /// ```text
    /// Talks in Kiev resumed.   →   Talks in Kyiv resumed.
    /// ```
    pub struct HouseStyleTerm {
        id: "house-style-term",
        severity: Warning,
        summary: "A spelling the house style's word list replaces",
        fix: Always(Safe),
    }
}

impl crate::rules::Rule for HouseStyleTerm {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for found in cx.terms {
            let Some(term) = cx.registry.terms().get(found.term as usize) else { continue };
            let written = cx.text(found.range.clone());
            // "Covid" at the start of "Covid-19" is part of the house spelling.
            let rest = &cx.article.text()[found.range.start..];
            let inside_house = found.range.len() < term.preferred.len()
                && rest.get(..term.preferred.len()).is_some_and(|r| {
                    if term.ignore_case {
                        r.to_lowercase() == term.preferred.to_lowercase()
                    } else {
                        r == term.preferred
                    }
                });
            let listed = term.avoid.iter().any(|a| a == written);
            let fix = in_case_of(written, &term.preferred, listed);
            if inside_house || fix == written {
                continue;
            }
            let mut message = format!("house style is ‘{fix}’, not ‘{written}’");
            if let Some(note) = &term.note {
                message.push_str(&format!(" ({note})"));
            }
            out.push(
                Finding::new(Self::META.id, Self::META.default_severity, found.range.clone(), message)
                    .with_fix(Fix::replace(found.range.clone(), fix, Applicability::Safe)),
            );
        }
    }
}

/// `preferred` in the case `written` is in: capitals for capitals (unless
/// the capitals are the avoided spelling as `listed`, "COVID-19"), a
/// capital first letter for a capitalised spelling of a lower-case term.
fn in_case_of(written: &str, preferred: &str, listed: bool) -> String {
    let caps = crate::text::caps::as_written(written, preferred);
    if caps != preferred && !listed {
        return caps;
    }
    let starts_upper = written.chars().next().is_some_and(char::is_uppercase);
    let mut chars = preferred.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => preferred.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check_with;

    const TERMS: &str = r#"
[[actor]]
id = "kyiv-city-council"
name = "Kiev City Council"
kind = "organization"

[[term]]
use = "Kyiv"
avoid = ["Kiev"]
note = "Ukrainian transliteration"

[[term]]
use = "per cent"
avoid = ["percent"]
ignore_case = true

[[term]]
use = "Covid-19"
avoid = ["COVID-19", "covid"]
ignore_case = true
"#;

    fn fixed(text: &str) -> Vec<(String, String, String)> {
        check_with(TERMS, "house-style-term", text, None)
            .into_iter()
            .map(|s| (s.text, s.message, s.fixed.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn avoided_spellings_are_flagged_and_fixed_in_their_case() {
        let found =
            fixed("Talks in Kiev resumed. Percent rose 5 percent. COVID-19 and Covid cases fell, and Covid-19 too.\n");
        let texts: Vec<(&str, &str)> = found.iter().map(|(t, m, _)| (t.as_str(), m.as_str())).collect();
        assert_eq!(
            texts,
            [
                ("Kiev", "house style is ‘Kyiv’, not ‘Kiev’ (Ukrainian transliteration)"),
                ("Percent", "house style is ‘Per cent’, not ‘Percent’"),
                ("percent", "house style is ‘per cent’, not ‘percent’"),
                ("COVID-19", "house style is ‘Covid-19’, not ‘COVID-19’"),
                ("Covid", "house style is ‘Covid-19’, not ‘Covid’"),
            ]
        );
        assert_eq!(
            found[0].2,
            "Talks in Kyiv resumed. Percent rose 5 percent. COVID-19 and Covid cases fell, and Covid-19 too.\n"
        );
    }

    #[test]
    fn case_and_word_boundaries_are_kept() {
        // Not in any case unless the term says so; not inside a word; an
        // actor's name containing the spelling is the actor's.
        assert_eq!(fixed("kiev, Kievan Rus and the Kiev City Council.\n"), []);
    }
}
