//! A deterministic generator of registries and corpora for benchmarks and
//! stress tests: people with first and last names from several languages
//! (Cyrillic among them), organizations, dated roles, aliases, variants; and
//! articles of realistic length with front matter, mentions, figures with
//! and without sources, quotations, and a known rate of planted defects.
//!
//! Everything is a function of the seed, so runs are comparable.

use std::collections::HashSet;
use std::fmt::Write as _;

pub mod hostile;
pub mod news;

/// SplitMix64: small, fast, and good enough to pick names.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// One element of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Anna",
    "Oleh",
    "Maria",
    "Javier",
    "Lucía",
    "Jürgen",
    "Hélène",
    "Piotr",
    "Agnieszka",
    "Mykola",
    "Olena",
    "Ahmed",
    "Fatima",
    "Wei",
    "Li",
    "Kenji",
    "Aiko",
    "Samuel",
    "Grace",
    "Tomás",
    "Inés",
    "Lars",
    "Ingrid",
    "Dmitri",
    "Svetlana",
    "Kwame",
    "Amara",
    "Rahul",
    "Priya",
    "Mehmet",
    "Elif",
    "Nikos",
    "Eleni",
    "Jan",
    "Eva",
    "Marek",
    "Zuzana",
    "Bogdan",
    "Iryna",
    "Carlos",
    "Sofía",
    "François",
    "Camille",
    "Giulia",
    "Matteo",
    "Sean",
    "Niamh",
    "Hamid",
    "Leila",
    "Yusuf",
    "Олег",
    "Марія",
    "Андрій",
    "Наталія",
    "Сергій",
    "Ольга",
    "Тарас",
    "Ірина",
];

const LAST: &[&str] = &[
    "Kovalenko",
    "Shevchenko",
    "García",
    "Fernández",
    "Müller",
    "Schneider",
    "Dubois",
    "Lefèvre",
    "Nowak",
    "Kowalski",
    "Wiśniewska",
    "Bondarenko",
    "Tkachenko",
    "Haddad",
    "Mansour",
    "Wang",
    "Zhang",
    "Tanaka",
    "Suzuki",
    "Okafor",
    "Mensah",
    "Olsen",
    "Lindqvist",
    "Ivanov",
    "Petrova",
    "Sharma",
    "Iyer",
    "Yılmaz",
    "Demir",
    "Papadopoulos",
    "Novák",
    "Horváth",
    "Popescu",
    "Rossi",
    "Bianchi",
    "O'Brien",
    "Murphy",
    "Rahimi",
    "Karimi",
    "Costa",
    "Silva",
    "Moreau",
    "Fischer",
    "Weber",
    "Hoffmann",
    "Lewandowski",
    "Zieliński",
    "Marchenko",
    "Lysenko",
    "Melnyk",
    "Kravets",
    "Ferrari",
    "Romano",
    "Nielsen",
    "Jensen",
    "Hansen",
    "Virtanen",
    "Korhonen",
    "Andersson",
    "Johansson",
    "Коваленко",
    "Шевченко",
    "Бондар",
    "Мельник",
    "Ткаченко",
    "Кравець",
];

const ORG_ADJECTIVES: &[&str] =
    &["Northern", "Southern", "National", "Federal", "Coastal", "Eastern", "Western", "United", "Central", "Royal"];
const ORG_NOUNS: &[&str] =
    &["Grain", "Energy", "Shipping", "Rail", "Water", "Steel", "Press", "Health", "Transport", "Mining"];
const ORG_KINDS: &[&str] =
    &["Agency", "Board", "Union", "Council", "Institute", "Authority", "Commission", "Foundation"];
const ROLES: &[(&str, &str)] = &[
    ("Minister of Finance", "Finance Minister"),
    ("Minister of Defence", "Defence Minister"),
    ("Mayor of the Capital", "Mayor"),
    ("Governor of the Central Bank", "Central Bank Governor"),
    ("Speaker of the Assembly", "Speaker"),
    ("Chief Executive", "Chief Executive"),
];

/// One generated actor.
#[derive(Clone, Debug)]
pub struct GenActor {
    /// Registry id.
    pub id: String,
    /// House name.
    pub name: String,
    /// Whether a person.
    pub person: bool,
    /// Aliases.
    pub aliases: Vec<String>,
    /// Variants.
    pub variants: Vec<String>,
    /// (title, form, from, to).
    pub roles: Vec<(String, String, String, Option<String>)>,
}

/// Generates `n` actors (about 85% people).
pub fn actors(n: usize, seed: u64) -> Vec<GenActor> {
    let mut rng = Rng::new(seed);
    let mut names = HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let i = out.len();
        let person = rng.chance(85);
        let name = if person {
            let mut name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
            if !names.contains(&name) {
                name
            } else {
                // Second surnames and middle names keep 100k people distinct.
                name = format!("{} {} {}", rng.pick(FIRST), rng.pick(FIRST), rng.pick(LAST));
                if names.contains(&name) {
                    format!("{} {}-{}", rng.pick(FIRST), rng.pick(LAST), rng.pick(LAST))
                } else {
                    name
                }
            }
        } else {
            format!("{} {} {} {}", rng.pick(ORG_ADJECTIVES), rng.pick(ORG_NOUNS), rng.pick(ORG_KINDS), i)
        };
        if !names.insert(name.clone()) {
            continue;
        }
        let id = format!("{}-{i}", crate::text::slug::slugify(&name));
        let mut actor =
            GenActor { id, name: name.clone(), person, aliases: Vec::new(), variants: Vec::new(), roles: Vec::new() };
        if person && rng.chance(20) {
            // A transliteration variant: the house spelling with one letter changed.
            let variant = name.replacen('y', "i", 1).replacen('ü', "ue", 1).replacen('é', "e", 1);
            if variant != name && names.insert(variant.clone()) {
                actor.variants.push(variant);
            }
        }
        if !person && rng.chance(30) {
            let initials: String =
                name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
            let alias = format!("{initials}{i}");
            if names.insert(alias.clone()) {
                actor.aliases.push(alias);
            }
        }
        if person && rng.chance(30) {
            let (title, form) = rng.pick(ROLES);
            let from = 2010 + rng.below(14);
            let to = if rng.chance(40) { Some(format!("{}", from + 1 + rng.below(4))) } else { None };
            actor.roles.push((title.to_string(), form.to_string(), format!("{from}-0{}-01", 1 + rng.below(9)), to));
        }
        out.push(actor);
    }
    out
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The actors as a TOML registry.
pub fn registry_toml(actors: &[GenActor]) -> String {
    let mut out = String::with_capacity(actors.len() * 160);
    for a in actors {
        let _ = writeln!(out, "[[actor]]\nid = {}\nname = {}", toml_string(&a.id), toml_string(&a.name));
        if !a.person {
            out.push_str("kind = \"organization\"\n");
        }
        if !a.aliases.is_empty() {
            let list: Vec<String> = a.aliases.iter().map(|s| toml_string(s)).collect();
            let _ = writeln!(out, "aliases = [{}]", list.join(", "));
        }
        if !a.variants.is_empty() {
            let list: Vec<String> = a.variants.iter().map(|s| toml_string(s)).collect();
            let _ = writeln!(out, "variants = [{}]", list.join(", "));
        }
        for (title, form, from, to) in &a.roles {
            let _ = write!(
                out,
                "[[actor.roles]]\ntitle = {}\nforms = [{}]\nfrom = {}\n",
                toml_string(title),
                toml_string(form),
                toml_string(from)
            );
            if let Some(to) = to {
                let _ = writeln!(out, "to = {}", toml_string(to));
            }
        }
        out.push('\n');
    }
    out
}

/// The actors as a JSON Lines registry.
pub fn registry_jsonl(actors: &[GenActor]) -> String {
    let mut out = String::with_capacity(actors.len() * 160);
    for a in actors {
        let mut v = serde_json::json!({"id": a.id, "name": a.name});
        if !a.person {
            v["kind"] = "organization".into();
        }
        if !a.aliases.is_empty() {
            v["aliases"] = serde_json::json!(a.aliases);
        }
        if !a.variants.is_empty() {
            v["variants"] = serde_json::json!(a.variants);
        }
        if !a.roles.is_empty() {
            v["roles"] = a
                .roles
                .iter()
                .map(|(title, form, from, to)| serde_json::json!({"title": title, "forms": [form], "from": from, "to": to}))
                .collect();
        }
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

/// What was planted in a generated corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Planted {
    /// Misspelt registered names.
    pub misspellings: usize,
    /// Doubled name tokens.
    pub doubled: usize,
    /// Registered variants used.
    pub variants: usize,
    /// Figures without a source.
    pub unsourced: usize,
}

fn misspell(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 5 {
        return word.to_string();
    }
    let i = 1 + rng.below(chars.len() - 3);
    let mut out = chars.clone();
    out.swap(i, i + 1);
    out.into_iter().collect()
}

/// One article of about `target_bytes`, mentioning actors from `actors`.
pub fn article(actors: &[GenActor], target_bytes: usize, rng: &mut Rng, planted: &mut Planted) -> String {
    let mut text = format!(
        "---\ndate: 2025-{:02}-{:02}\ntitle: Generated report {}\noutlet: The Benchmark Ledger\nlang: en\n---\n",
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(1_000_000)
    );
    let mut paragraph = String::new();
    while text.len() + paragraph.len() < target_bytes {
        let actor = rng.pick(actors);
        let surname = actor.name.rsplit(' ').next().unwrap_or(&actor.name).to_string();
        let roll = rng.below(100);
        let sentence = match roll {
            0..=1 if actor.person => {
                planted.misspellings += 1;
                let first = actor.name.split(' ').next().unwrap_or("");
                format!("Officials met {first} {} on Tuesday.", misspell(&surname, rng))
            }
            2 if actor.person => {
                planted.doubled += 1;
                let first = actor.name.split(' ').next().unwrap_or("");
                format!("The statement came from {first} {}.", actor.name)
            }
            3..=4 if !actor.variants.is_empty() => {
                planted.variants += 1;
                format!("{} declined to comment on the plan.", actor.variants[0])
            }
            5..=14 => {
                planted.unsourced += 1;
                format!(
                    "More than {} workers joined the protest near the {}.",
                    20 + rng.below(5000),
                    rng.pick(ORG_NOUNS).to_lowercase()
                )
            }
            15..=29 => format!(
                "According to the {} {}, {} households lost power.",
                rng.pick(ORG_ADJECTIVES),
                rng.pick(ORG_KINDS),
                100 + rng.below(90_000)
            ),
            30..=44 => format!("“We will not accept this,” {} said after the meeting.", actor.name),
            45..=59 => format!("{surname} later told reporters that the talks had stalled — again."),
            _ => format!(
                "{} visited the {} region, where {} spoke with residents.",
                actor.name,
                rng.pick(ORG_NOUNS),
                surname
            ),
        };
        paragraph.push_str(&sentence);
        paragraph.push(' ');
        if paragraph.len() > 600 {
            text.push_str(paragraph.trim_end());
            text.push_str("\n\n");
            paragraph.clear();
        }
    }
    text.push_str(paragraph.trim_end());
    text.push('\n');
    text
}

/// Every surface form of the registry, one a line: the pattern file for the
/// `rg -F -f` comparison (the floor for one scanning pass).
pub fn surface_forms(actors: &[GenActor]) -> String {
    let mut forms = HashSet::new();
    for a in actors {
        for form in std::iter::once(&a.name).chain(&a.aliases).chain(&a.variants) {
            forms.insert(form.clone());
            if a.person
                && let Some(last) = form.rsplit(' ').next()
            {
                forms.insert(last.to_string());
            }
        }
    }
    let mut list: Vec<String> = forms.into_iter().collect();
    list.sort();
    list.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_parses() {
        let a = actors(300, 7);
        let b = actors(300, 7);
        assert_eq!(registry_toml(&a), registry_toml(&b));
        assert_eq!(a.len(), 300);
        let toml = registry_toml(&a);
        let load = crate::registry::parse_registry_text([(std::path::Path::new("a.toml"), toml.as_str())]);
        assert!(!load.has_errors(), "{:?}", &load.problems[..load.problems.len().min(3)]);
        assert_eq!(load.registry.len(), 300);
        let jsonl = registry_jsonl(&a);
        let load = crate::registry::parse_registry_text([(std::path::Path::new("a.jsonl"), jsonl.as_str())]);
        assert!(!load.has_errors());
        let mut rng = Rng::new(1);
        let mut planted = Planted::default();
        let text = article(&a, 5000, &mut rng, &mut planted);
        assert!(text.len() >= 5000 && text.len() < 6000);
        assert!(text.starts_with("---\ndate: 2025-"));
        assert!(surface_forms(&a).lines().count() > 300);
    }
}
