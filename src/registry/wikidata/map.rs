//! From a Wikidata entity to a registry actor: labels and aliases in the
//! chosen languages, the kind from the entity's classes, `P39` statements
//! as dated roles titled by the position's label (or the mapping file).

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::entity::{Entity, Statement};
use super::forms::derive_forms;
use super::read::id_number;
use crate::registry::ActorKind;

/// An actor as imported, before it is written or merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedActor {
    /// The Wikidata item id.
    pub wikidata: String,
    /// The label in the first language that has one.
    pub name: String,
    /// From the entity's classes.
    pub kind: ActorKind,
    /// Aliases, and labels in the other languages, without the name.
    pub aliases: Vec<String>,
    /// The description in the first language that has one.
    pub description: Option<String>,
    /// Positions held, in statement order.
    pub roles: Vec<ImportedRole>,
}

/// A position held, as a registry role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRole {
    /// The position's item id.
    pub position: String,
    /// Its title (the mapping file's, else the position's label).
    pub title: String,
    /// Forms before a name (the mapping file's, else derived).
    pub forms: Vec<String>,
    /// Start, as a registry date.
    pub from: Option<String>,
    /// End, as a registry date.
    pub to: Option<String>,
}

/// The import's mapping file: titles and forms per position, and more
/// classes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Position item id → title and forms.
    #[serde(default)]
    pub positions: HashMap<String, PositionMapping>,
    /// Class item id → registry kind.
    #[serde(default)]
    pub classes: HashMap<String, String>,
}

/// How one position is written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionMapping {
    /// The role's title.
    pub title: Option<String>,
    /// Its forms.
    pub forms: Option<Vec<String>>,
}

impl Mapping {
    /// Parses a mapping file; the error names `path:line:column`.
    pub fn parse(path: &Path, text: &str) -> Result<Mapping, String> {
        let at = |offset: usize| {
            let (line, column) = super::line_column(text, offset);
            format!("{}:{line}:{column}", path.display())
        };
        let mapping: Mapping = toml::from_str(text).map_err(|e| {
            format!("{}: invalid mapping file: {}", at(e.span().map_or(0, |s| s.start)), e.message().trim())
        })?;
        for (id, kind) in &mapping.classes {
            if ActorKind::parse(kind).is_none() || !is_item_id(id) {
                let offset = text.find(id.as_str()).unwrap_or(0);
                return Err(format!(
                    "{}: invalid mapping file: class `{id} = \"{kind}\"` needs an item id (Q123) and a kind (person, organization, group or place)",
                    at(offset)
                ));
            }
        }
        Ok(mapping)
    }
}

/// Whether `id` is an item id (`Q` and digits).
pub fn is_item_id(id: &str) -> bool {
    id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The built-in classes, from `data/wikidata_classes.txt`.
static CLASSES: LazyLock<Vec<(u64, ActorKind)>> = LazyLock::new(|| {
    include_str!("../../../data/wikidata_classes.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some((id_number(words.next()?), ActorKind::parse(words.next()?)?))
        })
        .collect()
});

/// What an import counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// Entities read (each pass reads them all; counted once).
    pub entities: u64,
    /// Actors imported, by kind (person, organization, group, place).
    pub actors: [u64; 4],
    /// Roles imported.
    pub roles: u64,
    /// Entities of a kept class without a label in any chosen language.
    pub unlabelled: u64,
    /// Roles left out because their position is neither in the input nor
    /// in the mapping file, with up to five of those positions.
    pub untitled_roles: u64,
    /// Positions of untitled roles (at most five, for the message).
    pub untitled_examples: Vec<String>,
    /// Roles whose dates were left out (end before start in Wikidata).
    pub undated_roles: u64,
}

/// The state of an import across its passes over the input.
pub struct Importer {
    languages: Vec<String>,
    mapping: Mapping,
    classes: FxHashMap<u64, ActorKind>,
    /// Positions named by a `P39` statement (pass 1).
    positions: FxHashSet<u64>,
    /// Their labels, when the input has them (pass 2).
    labels: FxHashMap<u64, String>,
}

impl Importer {
    /// An import reading `languages` (in order of preference) with `mapping`.
    pub fn new(languages: Vec<String>, mapping: Mapping) -> Importer {
        let mut classes: FxHashMap<u64, ActorKind> = CLASSES.iter().copied().collect();
        for (id, kind) in &mapping.classes {
            if let Some(kind) = ActorKind::parse(kind) {
                classes.insert(id_number(id), kind);
            }
        }
        Importer { languages, mapping, classes, positions: FxHashSet::default(), labels: FxHashMap::default() }
    }

    /// Pass 1: notes the positions the entity held.
    pub fn note_positions(&mut self, entity: &Entity) {
        for statement in &entity.claims.position_held {
            if let Some(item) = statement.mainsnak.item() {
                self.positions.insert(id_number(item));
            }
        }
    }

    /// Pass 2: keeps the entity's label if it is a position held.
    pub fn note_label(&mut self, entity: &Entity) {
        let id = id_number(&entity.id);
        if self.positions.contains(&id)
            && let Some(label) = self.label(entity)
        {
            self.labels.insert(id, label.to_string());
        }
    }

    fn label<'e>(&self, entity: &'e Entity) -> Option<&'e str> {
        self.languages.iter().find_map(|l| entity.labels.get(l)).map(|t| t.value.trim()).filter(|v| !v.is_empty())
    }

    /// The entity's kind, if it is an instance of a kept class.
    fn kind(&self, entity: &Entity) -> Option<ActorKind> {
        let mut kinds = entity
            .claims
            .instance_of
            .iter()
            .filter(|s| !s.is_deprecated())
            .filter_map(|s| s.mainsnak.item())
            .filter_map(|class| self.classes.get(&id_number(class)).copied());
        // A human is a person whatever else it is an instance of.
        let first = kinds.next()?;
        Some(
            kinds.fold(
                first,
                |a, b| if a == ActorKind::Person || b == ActorKind::Person { ActorKind::Person } else { a },
            ),
        )
    }

    /// Pass 3: the actor this entity becomes, if any.
    pub fn convert(&self, entity: Entity, stats: &mut ImportStats) -> Option<ImportedActor> {
        if !is_item_id(&entity.id) {
            return None;
        }
        let kind = self.kind(&entity)?;
        let Some(name) = self.label(&entity).map(str::to_string) else {
            stats.unlabelled += 1;
            return None;
        };
        let mut aliases: Vec<String> = Vec::new();
        for language in &self.languages {
            let label = entity.labels.get(language).map(|t| t.value.trim());
            let listed = entity.aliases.get(language).into_iter().flatten().map(|t| t.value.trim());
            for alias in label.into_iter().chain(listed) {
                if !alias.is_empty() && alias != name && !aliases.iter().any(|a| a == alias) {
                    aliases.push(alias.to_string());
                }
            }
        }
        let description = self
            .languages
            .iter()
            .find_map(|l| entity.descriptions.get(l))
            .map(|t| t.value.trim().to_string())
            .filter(|d| !d.is_empty());
        let roles =
            entity.claims.position_held.iter().filter_map(|s| self.role(s, stats)).collect::<Vec<ImportedRole>>();
        stats.roles += roles.len() as u64;
        stats.actors[kind as usize] += 1;
        Some(ImportedActor { wikidata: entity.id, name, kind, aliases, description, roles })
    }

    fn role(&self, statement: &Statement, stats: &mut ImportStats) -> Option<ImportedRole> {
        if statement.is_deprecated() {
            return None;
        }
        let position = statement.mainsnak.item()?;
        let mapped = self.mapping.positions.get(position);
        let title = mapped.and_then(|m| m.title.clone()).or_else(|| self.labels.get(&id_number(position)).cloned());
        let Some(title) = title else {
            stats.untitled_roles += 1;
            if stats.untitled_examples.len() < 5 && !stats.untitled_examples.iter().any(|e| e == position) {
                stats.untitled_examples.push(position.to_string());
            }
            return None;
        };
        let forms = mapped.and_then(|m| m.forms.clone()).unwrap_or_else(|| derive_forms(&title));
        let mut from = statement.qualifiers.start.iter().find_map(|s| s.date());
        let mut to = statement.qualifiers.end.iter().find_map(|s| s.date());
        let parse = |d: &Option<String>| d.as_deref().and_then(|d| crate::date::PartialDate::parse(d).ok());
        if let (Some(f), Some(t)) = (parse(&from), parse(&to))
            && f.first_day() > t.last_day()
        {
            stats.undated_roles += 1;
            from = None;
            to = None;
        }
        Some(ImportedRole { position: position.to_string(), title, forms, from, to })
    }
}
