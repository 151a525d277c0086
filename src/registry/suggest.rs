//! Who is missing from the registry across a corpus (`copydesk registry
//! suggest`): the unregistered people the analysis recognises in each
//! article (the `unknown-actor` rule's detector), gathered by name,
//! counted, and ranked by mentions, each with the roles the articles give
//! them and the articles that name them.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::analysis::UnknownName;
use crate::text::slug::slugify;

/// Articles kept per person for the report (the count goes on).
pub const ARTICLES_SHOWN: usize = 20;

/// One person to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The name as the articles write it in full.
    pub name: String,
    /// A registry id made from the name.
    pub id: String,
    /// Mentions across the corpus (a bare surname after the full name
    /// counts).
    pub mentions: usize,
    /// Articles naming the person.
    pub article_count: usize,
    /// The first [`ARTICLES_SHOWN`] of them, in the order seen.
    pub articles: Vec<PathBuf>,
    /// Roles seen beside the name, most frequent first, with their counts.
    pub contexts: Vec<(String, usize)>,
}

/// The people gathered so far.
#[derive(Default)]
pub struct Suggestions {
    by_name: FxHashMap<String, Suggestion>,
}

impl Suggestions {
    /// Adds the unknown names found in the article at `path`. A one-word
    /// name that is the last word of a full name the article gave earlier
    /// is a mention of that person.
    pub fn add(&mut self, path: &Path, names: &[UnknownName]) {
        let mut full: FxHashMap<&str, &str> = FxHashMap::default();
        let mut counted: Vec<&str> = Vec::new();
        for name in names {
            let text = name.name.as_str();
            let key = match text.rsplit_once(' ') {
                Some((_, surname)) => {
                    full.insert(surname, text);
                    text
                }
                None => match full.get(text) {
                    Some(person) => person,
                    // A lone surname nobody was named by in full: not
                    // enough for an entry.
                    None => continue,
                },
            };
            let entry = self.by_name.entry(key.to_string()).or_insert_with(|| Suggestion {
                name: key.to_string(),
                id: slugify(key),
                mentions: 0,
                article_count: 0,
                articles: Vec::new(),
                contexts: Vec::new(),
            });
            entry.mentions += 1;
            if !counted.contains(&key) {
                counted.push(key);
                entry.article_count += 1;
                if entry.articles.len() < ARTICLES_SHOWN {
                    entry.articles.push(path.to_path_buf());
                }
            }
            if let Some(role) = name.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                match entry.contexts.iter_mut().find(|(r, _)| r == role) {
                    Some((_, n)) => *n += 1,
                    None => entry.contexts.push((role.to_string(), 1)),
                }
            }
        }
    }

    /// Merges another set (from a parallel batch), `other` after `self`.
    pub fn merge(&mut self, other: Suggestions) {
        for (name, theirs) in other.by_name {
            match self.by_name.get_mut(&name) {
                None => {
                    self.by_name.insert(name, theirs);
                }
                Some(mine) => {
                    mine.mentions += theirs.mentions;
                    mine.article_count += theirs.article_count;
                    let room = ARTICLES_SHOWN.saturating_sub(mine.articles.len());
                    mine.articles.extend(theirs.articles.into_iter().take(room));
                    for (role, n) in theirs.contexts {
                        match mine.contexts.iter_mut().find(|(r, _)| *r == role) {
                            Some((_, m)) => *m += n,
                            None => mine.contexts.push((role, n)),
                        }
                    }
                }
            }
        }
    }

    /// The people with at least `min_mentions` mentions, most mentioned
    /// first (then most articles, then by name); ids made unique.
    pub fn ranked(self, min_mentions: usize) -> Vec<Suggestion> {
        let mut all: Vec<Suggestion> = self.by_name.into_values().filter(|s| s.mentions >= min_mentions).collect();
        all.sort_by(|a, b| {
            b.mentions.cmp(&a.mentions).then(b.article_count.cmp(&a.article_count)).then_with(|| a.name.cmp(&b.name))
        });
        let mut ids: FxHashMap<String, usize> = FxHashMap::default();
        for s in &mut all {
            s.contexts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let n = ids.entry(s.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                s.id = format!("{}-{n}", s.id);
            }
        }
        all
    }
}

/// A suggestion as a TOML registry entry, the evidence in comments above
/// it and the most frequent role as its description.
pub fn to_toml(s: &Suggestion) -> String {
    let q = |v: &str| serde_json::to_string(v).unwrap_or_default();
    let mut out = format!(
        "# {} mention{} in {} article{}: {}{}\n",
        s.mentions,
        if s.mentions == 1 { "" } else { "s" },
        s.article_count,
        if s.article_count == 1 { "" } else { "s" },
        s.articles.iter().map(|p| crate::text::shown_path(p)).collect::<Vec<_>>().join(", "),
        if s.article_count > s.articles.len() { ", …" } else { "" },
    );
    for (role, n) in &s.contexts {
        out.push_str(&format!("# seen as: {} ({n})\n", q(role)));
    }
    out.push_str(&format!("[[actor]]\nid = {}\nname = {}\nkind = \"person\"\n", q(&s.id), q(&s.name)));
    if let Some((role, _)) = s.contexts.first() {
        out.push_str(&format!("description = {}\n", q(role)));
    }
    out
}

/// A suggestion as a JSON Lines record: the registry entry under `entry`
/// (a registry JSON Lines line as it is), the evidence beside it.
pub fn to_json(s: &Suggestion) -> serde_json::Value {
    let mut entry = serde_json::json!({"id": s.id, "name": s.name, "kind": "person"});
    if let Some((role, _)) = s.contexts.first() {
        entry["description"] = serde_json::json!(role);
    }
    let articles: Vec<String> = s.articles.iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect();
    let contexts: Vec<serde_json::Value> =
        s.contexts.iter().map(|(role, n)| serde_json::json!({"role": role, "count": n})).collect();
    serde_json::json!({
        "entry": entry,
        "mentions": s.mentions,
        "article_count": s.article_count,
        "articles": articles,
        "contexts": contexts,
    })
}
