//! Writing imported actors as registry entries: TOML `[[actor]]` tables
//! (through `toml_edit`, which sync also uses to append to a desk's file)
//! or JSON Lines records; and giving each a unique id.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashSet, FxHasher};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::{ImportedActor, ImportedRole};
use crate::text::slug::slugify;

/// Hands out registry ids that are unique in one registry: the name's slug,
/// else the slug and the Wikidata id (`vladimir-putin-q7747`). Remembers a
/// hash of each id given, not the id: a hash collision only lengthens an id.
#[derive(Default)]
pub struct Ids {
    taken: FxHashSet<u64>,
}

impl Ids {
    /// Ids already used in the registry.
    pub fn with_taken<'a>(ids: impl IntoIterator<Item = &'a str>) -> Ids {
        let mut this = Ids::default();
        for id in ids {
            this.taken.insert(hash(id));
        }
        this
    }

    /// A new id for `actor`.
    pub fn assign(&mut self, actor: &ImportedActor) -> String {
        let slug = slugify(&actor.name);
        let qualified = format!("{slug}-{}", actor.wikidata.to_ascii_lowercase());
        let mut candidates = [slug, qualified.clone()].into_iter().chain((2..).map(|n| format!("{qualified}-{n}")));
        loop {
            let Some(id) = candidates.next() else { unreachable!("the candidates never end") };
            if self.taken.insert(hash(&id)) {
                return id;
            }
        }
    }
}

fn hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    id.hash(&mut h);
    h.finish()
}

fn strings(values: &[String]) -> Array {
    values.iter().map(String::as_str).collect()
}

/// A role as a `[[actor.roles]]` table.
pub fn role_table(role: &ImportedRole) -> Table {
    let mut table = Table::new();
    table.insert("title", value(role.title.as_str()));
    if !role.forms.is_empty() {
        table.insert("forms", value(strings(&role.forms)));
    }
    if let Some(from) = &role.from {
        table.insert("from", value(from.as_str()));
    }
    if let Some(to) = &role.to {
        table.insert("to", value(to.as_str()));
    }
    table
}

/// An actor as an `[[actor]]` table with id `id`, preceded by a blank line.
pub fn actor_table(actor: &ImportedActor, id: &str) -> Table {
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    table.insert("id", value(id));
    table.insert("name", value(actor.name.as_str()));
    table.insert("kind", value(actor.kind.as_str()));
    if !actor.aliases.is_empty() {
        table.insert("aliases", value(strings(&actor.aliases)));
    }
    table.insert("wikidata", value(actor.wikidata.as_str()));
    if let Some(description) = &actor.description {
        table.insert("description", value(description.as_str()));
    }
    if !actor.roles.is_empty() {
        let mut roles = ArrayOfTables::new();
        for role in &actor.roles {
            let mut t = role_table(role);
            t.decor_mut().set_prefix("\n");
            roles.push(t);
        }
        table.insert("roles", Item::ArrayOfTables(roles));
    }
    table
}

/// An actor as TOML text: `\n[[actor]]\n...`.
pub fn to_toml(actor: &ImportedActor, id: &str) -> String {
    let mut tables = ArrayOfTables::new();
    tables.push(actor_table(actor, id));
    let mut document = DocumentMut::new();
    document.insert("actor", Item::ArrayOfTables(tables));
    document.to_string()
}

/// An actor as one JSON Lines record (with its line break).
pub fn to_json_line(actor: &ImportedActor, id: &str) -> String {
    let mut record = serde_json::json!({"id": id, "name": actor.name, "kind": actor.kind.as_str()});
    if !actor.aliases.is_empty() {
        record["aliases"] = serde_json::json!(actor.aliases);
    }
    record["wikidata"] = serde_json::json!(actor.wikidata);
    if let Some(description) = &actor.description {
        record["description"] = serde_json::json!(description);
    }
    if !actor.roles.is_empty() {
        let roles: Vec<serde_json::Value> = actor
            .roles
            .iter()
            .map(|r| {
                let mut role = serde_json::json!({"title": r.title});
                if !r.forms.is_empty() {
                    role["forms"] = serde_json::json!(r.forms);
                }
                if let Some(from) = &r.from {
                    role["from"] = serde_json::json!(from);
                }
                if let Some(to) = &r.to {
                    role["to"] = serde_json::json!(to);
                }
                role
            })
            .collect();
        record["roles"] = serde_json::json!(roles);
    }
    format!("{record}\n")
}
