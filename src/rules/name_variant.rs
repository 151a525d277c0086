use crate::analysis::Context;
use crate::finding::{Applicability, Finding, Fix};
use crate::lexicon::{FormKind, surname_of};
use crate::registry::ActorKind;

declare_rule! {
    /// ## What it flags
    /// A spelling the registry lists under `variants` for an actor:
    /// recognised, linked, but not house style ("Zelensky" where the house
    /// spells "Zelenskyy").
    ///
    /// ## Why
    /// Transliterations and older spellings drift into copy from wires and
    /// quotes. A newsroom picks one spelling and sticks to it; the registry's
    /// `name` is that spelling.
    ///
    /// ## Fix
    /// Replaces a full variant with the house name, and a surname variant
    /// (or a one-word variant of a person) with the house surname (safe).
    ///
    /// ## Example
    /// ```text
    /// President Volodymyr Zelensky   →   President Volodymyr Zelenskyy
    /// Zelensky said                  →   Zelenskyy said
    /// ```
    pub struct NameVariant {
        id: "name-variant",
        severity: Warning,
        summary: "A registered variant spelling instead of the house style",
        fix: Always,
    }
}

impl crate::rules::Rule for NameVariant {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for mention in cx.mentions {
            let Some(actor_idx) = mention.actor else { continue };
            if mention.kind.is_house_style() || cx.names.near_miss_at(&mention.range).is_some() {
                continue;
            }
            let actor = cx.registry.actor(actor_idx);
            let written = cx.text(mention.range.clone());
            let one_word = !written.contains(char::is_whitespace);
            let surname_form =
                mention.kind == FormKind::VariantSurname || (one_word && actor.kind == ActorKind::Person);
            let house = if surname_form { surname_of(&actor.name).into_iter().next() } else { None }
                .unwrap_or_else(|| actor.name.clone());
            let message = format!("‘{written}’ is a variant spelling of {}; house style is ‘{house}’", actor.name);
            let fix = Fix::replace(mention.range.clone(), house, Applicability::Safe);
            out.push(
                Finding::new(Self::META.id, Self::META.default_severity, mention.range.clone(), message)
                    .with_actor(actor_idx)
                    .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn full_and_surname_variants() {
        let seen = check("name-variant", "President Volodymyr Zelensky met aides. Zelensky’s plan", None);
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].text, "Volodymyr Zelensky");
        assert_eq!(
            seen[0].message,
            "‘Volodymyr Zelensky’ is a variant spelling of Volodymyr Zelenskyy; house style is ‘Volodymyr Zelenskyy’"
        );
        assert_eq!(seen[0].fixed.as_deref(), Some("President Volodymyr Zelenskyy met aides. Zelensky’s plan"));
        assert_eq!(
            seen[1].message,
            "‘Zelensky’ is a variant spelling of Volodymyr Zelenskyy; house style is ‘Zelenskyy’"
        );
        assert_eq!(seen[1].fixed.as_deref(), Some("President Volodymyr Zelensky met aides. Zelenskyy’s plan"));
    }

    #[test]
    fn house_forms_are_not_flagged() {
        assert_eq!(check("name-variant", "Volodymyr Zelenskyy and Zelenskyy; Zelenskyyites.", None), []);
    }
}
