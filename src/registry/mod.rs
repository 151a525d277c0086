//! The actor registry: the people, organizations, groups and places a
//! newsroom has agreed how to name.
//!
//! A registry is read from one or more files (TOML with `[[actor]]` tables, or
//! JSON Lines with one actor object a line; see `docs/registry.md`), validated
//! as a whole, and then never changes: a new version of the files makes a new
//! [`Registry`]. Every actor remembers the file and byte span it came from so
//! that editors can jump to it.

pub mod lint;
mod load;
mod raw;
pub mod suggest;
pub mod wikidata;

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::{Date, PartialDate};

pub use load::{RegistryLoad, load_registry, parse_registry_text, read_registry_files};

/// Index of an actor in its [`Registry`]; stable for that registry version.
pub type ActorIdx = u32;

/// What sort of actor an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActorKind {
    /// A human being. Only people are recognised by surname alone.
    Person,
    /// A company, ministry, party, agency or other institution.
    Organization,
    /// An informal group or coalition.
    Group,
    /// A place that is also an actor ("Kyiv said ...").
    Place,
}

impl ActorKind {
    /// The registry spelling of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
            ActorKind::Place => "place",
        }
    }

    /// Parses a registry `kind` value.
    pub fn parse(s: &str) -> Option<ActorKind> {
        match s {
            "person" => Some(ActorKind::Person),
            "organization" | "organisation" => Some(ActorKind::Organization),
            "group" => Some(ActorKind::Group),
            "place" => Some(ActorKind::Place),
            _ => None,
        }
    }
}

/// A dated role an actor held or holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role's full title ("President of Ukraine").
    pub title: String,
    /// How the title is written before a name ("President", "Ukrainian President").
    pub forms: Vec<String>,
    /// When the role began, if known.
    pub from: Option<PartialDate>,
    /// When it ended; `None` means the role is current.
    pub to: Option<PartialDate>,
}

impl Role {
    /// Whether the actor held the role on `date` (both ends inclusive).
    pub fn held_on(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from.first_day() <= date) && self.to.is_none_or(|to| date <= to.last_day())
    }

    /// Whether the role had ended before `date`.
    pub fn ended_before(&self, date: Date) -> bool {
        self.to.is_some_and(|to| to.last_day() < date)
    }

    /// Whether the role had not yet begun on `date`.
    pub fn starts_after(&self, date: Date) -> bool {
        self.from.is_some_and(|from| date < from.first_day())
    }

    /// Whether `form` (compared without regard to case) is one of this
    /// role's forms.
    pub fn has_form(&self, form: &str) -> bool {
        self.forms.iter().any(|f| f.eq_ignore_ascii_case(form) || f.to_lowercase() == form.to_lowercase())
    }
}

/// Where in the registry files an actor is defined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Index into [`Registry::sources`].
    pub source: usize,
    /// Byte span of the actor's entry in that file.
    pub span: Range<usize>,
}

/// One registry entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Unique lowercase id (`[a-z0-9-]+`).
    pub id: String,
    /// House-style full name.
    pub name: String,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// Other accepted references.
    pub aliases: Vec<String>,
    /// Recognised spellings that are not house style.
    pub variants: Vec<String>,
    /// Wikidata item id ("Q3874799").
    pub wikidata: Option<String>,
    /// A one-line description.
    pub description: Option<String>,
    /// Dated roles.
    pub roles: Vec<Role>,
    /// Where the entry is written.
    pub origin: Origin,
}

impl Actor {
    /// The roles the actor held on `date`.
    pub fn roles_on(&self, date: Date) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(move |r| r.held_on(date))
    }
}

/// A house-style term: a word or phrase that is not an actor, with the
/// spellings to avoid ("Kyiv", not "Kiev").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The house spelling.
    pub preferred: String,
    /// Spellings flagged and replaced by it.
    pub avoid: Vec<String>,
    /// Whether the avoided spellings are matched in any case.
    pub ignore_case: bool,
    /// Why, shown with the finding.
    pub note: Option<String>,
    /// Index into [`Registry::sources`] of the file that defines it.
    pub source: usize,
}

/// A registry file that contributed actors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrySource {
    /// The file's path as configured.
    pub path: PathBuf,
}

/// A validated, immutable set of actors.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Registry {
    actors: Vec<Actor>,
    /// Actor indexes sorted by id, for lookups by binary search: no copy of
    /// the ids (a million of them are ~50 MB), and saved in the compiled
    /// lexicon cache as it is.
    by_id: Vec<ActorIdx>,
    sources: Vec<RegistrySource>,
    terms: Vec<Term>,
}

impl Registry {
    /// Builds a registry from validated actors. Ids must be unique (the
    /// loader guarantees it; a later duplicate would shadow an earlier one).
    pub fn new(actors: Vec<Actor>, sources: Vec<RegistrySource>) -> Registry {
        let by_id = crate::timing::timed("registry-sort-by-id", || sorted_by_id(&actors));
        Registry { actors, by_id, sources, terms: Vec::new() }
    }

    /// This registry with house-style `terms`.
    pub fn with_terms(mut self, terms: Vec<Term>) -> Registry {
        self.terms = terms;
        self
    }

    /// The house-style terms, in file order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// All actors, in file order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor at `idx`.
    pub fn actor(&self, idx: ActorIdx) -> &Actor {
        &self.actors[idx as usize]
    }

    /// Looks an actor up by id.
    pub fn by_id(&self, id: &str) -> Option<ActorIdx> {
        let at = self.by_id.partition_point(|&idx| self.actors[idx as usize].id.as_str() < id);
        self.by_id.get(at).copied().filter(|&idx| self.actors[idx as usize].id == id)
    }

    /// Whether the registry's own invariants hold: every index in range,
    /// ids sorted, every actor's source known. A registry read
    /// back from the compiled lexicon cache is checked with this before use,
    /// so a damaged cache is rebuilt rather than trusted.
    pub fn is_consistent(&self) -> bool {
        self.by_id.len() == self.actors.len()
            && self.by_id.iter().all(|&idx| (idx as usize) < self.actors.len())
            && self.by_id.windows(2).all(|w| self.actors[w[0] as usize].id <= self.actors[w[1] as usize].id)
            && self.actors.iter().all(|a| a.origin.source < self.sources.len())
            && self.terms.iter().all(|t| t.source < self.sources.len())
    }

    /// The files the registry was read from.
    pub fn sources(&self) -> &[RegistrySource] {
        &self.sources
    }

    /// The file an actor was read from.
    pub fn source_path(&self, idx: ActorIdx) -> &Path {
        &self.sources[self.actor(idx).origin.source].path
    }

    /// The actor whose entry in source `source` holds byte `offset`. Actors
    /// are in file order (sources in order, entries in order within each), so
    /// this is a binary search, not a scan of the registry.
    pub fn actor_at(&self, source: usize, offset: usize) -> Option<ActorIdx> {
        let after = self.actors.partition_point(|a| (a.origin.source, a.origin.span.start) <= (source, offset));
        let idx = after.checked_sub(1)?;
        let origin = &self.actors[idx].origin;
        (origin.source == source && origin.span.contains(&offset)).then_some(idx as ActorIdx)
    }

    /// Renames the source files, in order (a registry read back from the
    /// compiled lexicon cache, written by a run that named them otherwise).
    pub fn rename_sources(&mut self, paths: &[&Path]) {
        for (source, path) in self.sources.iter_mut().zip(paths) {
            source.path = path.to_path_buf();
        }
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// Whether the registry has no actors.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }
}

/// The indexes of `actors` in id order; of two actors with one id (the
/// loader refuses that), the later comes first, so a lookup finds it.
///
/// Sorted by the ids' first 24 bytes as integers, which are in the
/// actors' own keys (no pointer is followed to compare two of them), then
/// each run of ids sharing those bytes by the whole id: comparing a
/// million ids through the actors took a third of a second of a
/// registry's load, mostly cache misses.
fn sorted_by_id(actors: &[Actor]) -> Vec<ActorIdx> {
    use rayon::prelude::*;
    const PREFIX: usize = 24;
    let key = |id: &str| {
        let mut bytes = [0u8; PREFIX];
        let n = id.len().min(PREFIX);
        bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
        let word = |i: usize| u64::from_be_bytes(bytes[i * 8..i * 8 + 8].try_into().unwrap_or_default());
        (word(0), word(1), word(2))
    };
    let mut keyed: Vec<((u64, u64, u64), ActorIdx)> =
        actors.par_iter().enumerate().map(|(idx, a)| (key(&a.id), idx as ActorIdx)).collect();
    keyed.par_sort_unstable_by_key(|&(prefix, _)| prefix);
    // Ids equal in their first bytes (zero-padded, and ids hold no zero
    // byte, so a shorter id sorts first, as in string order): ordered
    // whole. Runs are short, and rare but for long shared prefixes.
    let whole = |a: &ActorIdx, b: &ActorIdx| actors[*a as usize].id.cmp(&actors[*b as usize].id).then(b.cmp(a));
    keyed.par_chunk_by_mut(|a, b| a.0 == b.0).for_each(|run| {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| whole(&a.1, &b.1));
        }
    });
    keyed.into_iter().map(|(_, idx)| idx).collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::parse_registry_text;

    #[test]
    fn the_actor_at_an_offset_is_found_in_its_own_file() {
        let a = "[[actor]]\nid = \"a1\"\nname = \"Ana One\"\n\n[[actor]]\nid = \"a2\"\nname = \"Ana Two\"\n";
        let b = "[[actor]]\nid = \"b1\"\nname = \"Ben One\"\n";
        let load = parse_registry_text([(Path::new("a.toml"), a), (Path::new("b.toml"), b)]);
        let registry = &load.registry;
        let id = |found: Option<u32>| found.map(|i| registry.actor(i).id.as_str());
        assert_eq!(id(registry.actor_at(0, a.find("Ana One").unwrap())), Some("a1"));
        assert_eq!(id(registry.actor_at(0, a.find("Ana Two").unwrap())), Some("a2"));
        assert_eq!(id(registry.actor_at(0, a.rfind("[[actor]]").unwrap())), Some("a2"));
        assert_eq!(id(registry.actor_at(1, b.find("Ben").unwrap())), Some("b1"));
        assert_eq!(id(registry.actor_at(1, b.len() + 10)), None);
        assert_eq!(id(registry.actor_at(2, 0)), None);
    }

    proptest::proptest! {
        /// The id order built from prefix keys is the order of a plain
        /// sort of the ids (a later duplicate first): ids long and short,
        /// sharing their first 24 bytes and more, equal.
        #[test]
        fn ids_sort_as_whole_strings(picks in proptest::collection::vec((0usize..6, 0u32..40), 0..120)) {
            let stems = ["", "a", "ab", "abcdefghijklmnopqrstuvwx", "abcdefghijklmnopqrstuvwxyz-", "abcdefgh-0"];
            let ids: Vec<String> = picks.iter().map(|&(stem, n)| format!("{}{}", stems[stem], n % 13)).collect();
            let actors: Vec<super::Actor> = ids.iter().map(|id| super::Actor {
                id: id.clone(),
                name: "N".into(),
                kind: super::ActorKind::Person,
                aliases: Vec::new(),
                variants: Vec::new(),
                wikidata: None,
                description: None,
                roles: Vec::new(),
                origin: super::Origin { source: 0, span: 0..0 },
            }).collect();
            let mut expected: Vec<u32> = (0..ids.len() as u32).collect();
            expected.sort_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]).then(b.cmp(&a)));
            proptest::prop_assert_eq!(super::sorted_by_id(&actors), expected);
        }
    }
}
