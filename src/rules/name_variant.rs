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
    /// A registered name written without its diacritics ("Olga Sevcikova"),
    /// without the apostrophes inside its words ("Peter Nganga" for "Peter
    /// Ng'ang'a"), without its hyphen ("Jacob Rees Mogg") or with a capitalised particle
    /// ("Bill De Blasio") is the same kind of variant, listed or not, even
    /// where the letters changed are more than a misspelling's edits.
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
        fix: Always(Safe),
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
            out.push(variant_finding(mention.range.clone(), written, actor_idx, &actor.name, house));
        }
        for miss in cx.names.near_misses.iter().filter(|m| m.variant) {
            let name = &cx.registry.actor(miss.actor).name;
            let written = cx.text(miss.range.clone());
            let house = crate::text::caps::as_written(written, &miss.suggestion);
            out.push(variant_finding(miss.range.clone(), written, miss.actor, name, house));
        }
    }
}

fn variant_finding(
    range: std::ops::Range<usize>,
    written: &str,
    actor: crate::registry::ActorIdx,
    name: &str,
    house: String,
) -> Finding {
    let message = format!("‘{written}’ is a variant spelling of {name}; house style is ‘{house}’");
    let fix = Fix::replace(range.clone(), house, Applicability::Safe);
    Finding::new(NameVariant::META.id, NameVariant::META.default_severity, range, message)
        .with_actor(actor)
        .with_fix(fix)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, check_with};

    const REGISTRY: &str = r#"
[[actor]]
id = "olga-sevcikova"
name = "Olga Ševčíková"

[[actor]]
id = "hugh-lacey-brandt"
name = "Hugh Lacey-Brandt"

[[actor]]
id = "rosa-van-leer"
name = "Rosa van Leer"

[[actor]]
id = "luisa-reis"
name = "Luisa Maria da Costa Reis"

[[actor]]
id = "graham-spanier"
name = "Graham Spanier"

[[actor]]
id = "peter-kamau-ngang"
name = "Peter Ng'ang'a"

[[actor]]
id = "siobhan-obrien"
name = "Siobhan O'Brien"
"#;

    /// (text, message, fixed) of each name-variant finding on `text`.
    fn variants(text: &str) -> Vec<(String, String, String)> {
        check_with(REGISTRY, "name-variant", text, None)
            .into_iter()
            .map(|s| (s.text, s.message, s.fixed.unwrap_or_default()))
            .collect()
    }

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

    #[test]
    fn a_name_without_its_diacritics() {
        let seen = variants("Olga Sevcikova spoke. Later Sevcikova left.");
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].0, "Olga Sevcikova");
        assert_eq!(
            seen[0].1,
            "‘Olga Sevcikova’ is a variant spelling of Olga Ševčíková; house style is ‘Olga Ševčíková’"
        );
        assert_eq!(seen[1].0, "Sevcikova");
        assert_eq!(seen[1].2, "Olga Sevcikova spoke. Later Ševčíková left.");
        // A lone surname only after the person is named.
        assert_eq!(variants("Sevcikova left."), []);
    }

    #[test]
    fn a_name_without_the_apostrophes_inside_its_words() {
        let seen: Vec<(String, String)> = variants("Peter Nganga spoke. Later Nganga left.")
            .into_iter()
            .map(|(text, _, fixed)| (text, fixed))
            .collect();
        let expected = [
            ("Peter Nganga", "Peter Ng'ang'a spoke. Later Nganga left."),
            ("Nganga", "Peter Nganga spoke. Later Ng'ang'a left."),
        ];
        assert_eq!(seen, expected.map(|(text, fixed)| (text.to_string(), fixed.to_string())));
        assert_eq!(
            variants("Peter Nganga spoke.")[0].1,
            "‘Peter Nganga’ is a variant spelling of Peter Ng'ang'a; house style is ‘Peter Ng'ang'a’"
        );
        // An apostrophe after a lone capital is never dropped in print: no
        // variant to look for, and the name as registered is no variant.
        assert_eq!(variants("Siobhan OBrien and Siobhan O'Brien met Peter Ng'ang'a."), []);
    }

    #[test]
    fn a_name_without_its_hyphen_or_with_a_capitalised_particle() {
        let seen = variants("Hugh Lacey Brandt arrived. Rosa Van Leer spoke.");
        assert_eq!(seen.len(), 2);
        assert_eq!(
            seen[0].1,
            "‘Hugh Lacey Brandt’ is a variant spelling of Hugh Lacey-Brandt; house style is ‘Hugh Lacey-Brandt’"
        );
        assert_eq!(seen[1].0, "Rosa Van Leer");
        assert_eq!(seen[1].2, "Hugh Lacey Brandt arrived. Rosa van Leer spoke.");
        // The surname alone without its hyphen, after the full name.
        let seen = variants("Hugh Lacey-Brandt arrived. Later Lacey Brandt said no.");
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].0, "Lacey Brandt");
    }

    #[test]
    fn a_capitalised_particle_in_a_long_name_or_a_misspelt_one() {
        let seen = variants("Luisa Maria Da Costa Reis spoke.");
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].2, "Luisa Maria da Costa Reis spoke.");
        let seen = check_with(REGISTRY, "misspelled-name", "ROSA VAN LEAR SPOKE TO THE COUNCIL TODAY.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].message, "‘ROSA VAN LEAR’ looks like a misspelling of ‘ROSA VAN LEER’");
    }

    #[test]
    fn both_words_off_by_a_letter_is_a_misspelling() {
        let seen = check_with(REGISTRY, "misspelled-name", "Grahm Spainer resigned.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].message, "‘Grahm Spainer’ looks like a misspelling of ‘Graham Spanier’");
        assert_eq!(variants("Grahm Spainer resigned."), []);
        assert_eq!(check_with(REGISTRY, "misspelled-name", "Grant Spinner resigned.", None), []);
    }
}
