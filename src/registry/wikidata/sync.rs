//! Merging an import into a registry the desk keeps by hand.
//!
//! An imported actor is matched to an entry by its Wikidata id. A match
//! gains the aliases and roles it lacks, a role it has gains the start or
//! end it lacks (a person who left office), and an entry without a
//! description gains one; nothing the desk wrote is changed or removed
//! (names, variants, aliases, forms, titles, dates, descriptions, comments
//! and layout stay as they are: the file is edited with `toml_edit`). An
//! actor with no match is appended as a new entry.

use std::fmt;

use rustc_hash::FxHashMap;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::write::{Ids, actor_table, role_table};
use super::{ImportedActor, ImportedRole, line_column};

/// One change a sync made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new entry.
    Added {
        /// Its id.
        id: String,
        /// Its Wikidata id.
        wikidata: String,
        /// Its name.
        name: String,
    },
    /// An alias added to an entry.
    Alias {
        /// The entry's id.
        id: String,
        /// The alias.
        alias: String,
    },
    /// A role added to an entry.
    Role {
        /// The entry's id.
        id: String,
        /// The role's title.
        title: String,
        /// Its start.
        from: Option<String>,
        /// Its end.
        to: Option<String>,
    },
    /// A start or end date added to a role the entry had.
    Dated {
        /// The entry's id.
        id: String,
        /// The role's title as the desk wrote it.
        title: String,
        /// `from` or `to`.
        key: &'static str,
        /// The date.
        date: String,
    },
    /// A description given to an entry that had none.
    Description {
        /// The entry's id.
        id: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let span = |from: &Option<String>, to: &Option<String>| match (from, to) {
            (None, None) => String::new(),
            (from, to) => format!(" ({}–{})", from.as_deref().unwrap_or(""), to.as_deref().unwrap_or("")),
        };
        match self {
            Change::Added { id, wikidata, name } => write!(f, "added {id}: {name} ({wikidata})"),
            Change::Alias { id, alias } => write!(f, "{id}: added alias “{alias}”"),
            Change::Role { id, title, from, to } => write!(f, "{id}: added role “{title}”{}", span(from, to)),
            Change::Dated { id, title, key: "to", date } => write!(f, "{id}: role “{title}” ended {date}"),
            Change::Dated { id, title, date, .. } => write!(f, "{id}: role “{title}” began {date}"),
            Change::Description { id } => write!(f, "{id}: added description"),
        }
    }
}

/// A registry file being merged into.
pub struct Sync {
    document: DocumentMut,
    /// Wikidata id → index of the entry in the `actor` array.
    by_wikidata: FxHashMap<String, usize>,
    ids: Ids,
}

impl Sync {
    /// Reads a TOML registry. The error is toml_edit's, with its location.
    pub fn parse(text: &str) -> Result<Sync, String> {
        let document: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            let (line, column) = line_column(text, e.span().map_or(0, |s| s.start));
            format!("{line}:{column}: {}", e.message().trim())
        })?;
        let mut by_wikidata = FxHashMap::default();
        let mut ids = Vec::new();
        if let Some(actors) = document.get("actor").and_then(Item::as_array_of_tables) {
            for (i, actor) in actors.iter().enumerate() {
                if let Some(q) = actor.get("wikidata").and_then(Item::as_str) {
                    by_wikidata.entry(q.to_string()).or_insert(i);
                }
                if let Some(id) = actor.get("id").and_then(Item::as_str) {
                    ids.push(id.to_string());
                }
            }
        }
        let ids = Ids::with_taken(ids.iter().map(String::as_str));
        Ok(Sync { document, by_wikidata, ids })
    }

    /// Merges one imported actor, returning what changed.
    pub fn merge(&mut self, actor: ImportedActor) -> Vec<Change> {
        let Some(&index) = self.by_wikidata.get(&actor.wikidata) else {
            let id = self.ids.assign(&actor);
            let table = actor_table(&actor, &id);
            let actors = self.actors();
            let index = actors.len();
            actors.push(table);
            self.by_wikidata.insert(actor.wikidata.clone(), index);
            return vec![Change::Added { id, wikidata: actor.wikidata, name: actor.name }];
        };
        let Some(entry) = self.actors().get_mut(index) else { return Vec::new() };
        merge_into(entry, &actor)
    }

    /// The `actor` array, created if the file has none.
    fn actors(&mut self) -> &mut ArrayOfTables {
        let item = self.document.entry("actor").or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
        if !item.is_array_of_tables() {
            *item = Item::ArrayOfTables(ArrayOfTables::new());
        }
        item.as_array_of_tables_mut().expect("made an array of tables above")
    }

    /// The file's new text.
    pub fn finish(self) -> String {
        self.document.to_string()
    }
}

fn merge_into(entry: &mut Table, actor: &ImportedActor) -> Vec<Change> {
    let id = entry.get("id").and_then(Item::as_str).unwrap_or_default().to_string();
    let mut changes = Vec::new();
    let name = entry.get("name").and_then(Item::as_str).unwrap_or_default().to_string();
    let listed = |entry: &Table, key: &str| -> Vec<String> {
        entry
            .get(key)
            .and_then(Item::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str()).map(str::to_string).collect())
            .unwrap_or_default()
    };
    let mut known: Vec<String> = listed(entry, "aliases");
    known.extend(listed(entry, "variants"));
    for alias in &actor.aliases {
        if *alias == name || known.contains(alias) {
            continue;
        }
        let item = entry.entry("aliases").or_insert_with(|| value(toml_edit::Array::new()));
        if let Some(array) = item.as_array_mut() {
            array.push(alias.as_str());
            known.push(alias.clone());
            changes.push(Change::Alias { id: id.clone(), alias: alias.clone() });
        }
    }
    if entry.get("description").is_none()
        && let Some(description) = &actor.description
    {
        entry.insert("description", value(description.as_str()));
        changes.push(Change::Description { id: id.clone() });
    }
    let roles = entry.entry("roles").or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let Some(roles) = roles.as_array_of_tables_mut() else { return changes };
    let mut matched = vec![false; roles.len()];
    for role in &actor.roles {
        match find_role(roles, &matched, role) {
            Some(i) => {
                matched[i] = true;
                let Some(existing) = roles.get_mut(i) else { continue };
                let title = existing.get("title").and_then(Item::as_str).unwrap_or_default().to_string();
                for (key, date) in [("from", &role.from), ("to", &role.to)] {
                    if existing.get(key).is_none()
                        && let Some(date) = date
                    {
                        existing.insert(key, value(date.as_str()));
                        changes.push(Change::Dated { id: id.clone(), title: title.clone(), key, date: date.clone() });
                    }
                }
            }
            None => {
                let mut table = role_table(role);
                table.decor_mut().set_prefix("\n");
                roles.push(table);
                matched.push(true);
                let (title, from, to) = (role.title.clone(), role.from.clone(), role.to.clone());
                changes.push(Change::Role { id: id.clone(), title, from, to });
            }
        }
    }
    if roles.is_empty() {
        entry.remove("roles");
    }
    changes
}

/// The desk's role that `role` is: the same title (in any case) and the
/// same start; or, for a role the desk wrote without a start, the same end
/// (both absent: the current role).
fn find_role(roles: &ArrayOfTables, matched: &[bool], role: &ImportedRole) -> Option<usize> {
    let field = |t: &Table, key: &str| t.get(key).and_then(Item::as_str).map(str::to_string);
    let title = role.title.to_lowercase();
    let same = |t: &Table| field(t, "title").is_some_and(|t| t.to_lowercase() == title);
    let open = |i: &usize| !matched[*i];
    let position =
        |test: &dyn Fn(&Table) -> bool| roles.iter().enumerate().position(|(i, t)| open(&i) && same(t) && test(t));
    position(&|t| field(t, "from").is_some() && field(t, "from") == role.from)
        .or_else(|| position(&|t| field(t, "from").is_none() && field(t, "to") == role.to))
}
