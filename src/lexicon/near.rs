//! Finding registered name tokens within a small edit distance of a word,
//! without looping over the registry.
//!
//! This is a symmetric-deletion index (as in SymSpell): every indexed token
//! is stored under its own hash and the hashes of its one-character
//! deletions; a query looks up itself and its deletions up to the allowed
//! number of edits. Two strings meet in the index when deleting at most one
//! character from the token and at most two from the query makes them equal,
//! which covers every single edit (substitution, insertion, deletion,
//! transposition) and most double edits. Candidates are then confirmed with
//! [`bounded_distance`].

use std::collections::HashSet;

use crate::text::distance::{allowed_edits, bounded_distance};

/// An index of tokens for approximate lookup.
pub struct NearIndex {
    tokens: Vec<String>,
    /// (hash of a token or of one of its deletions, token id), sorted.
    entries: Vec<(u64, u32)>,
    exact: HashSet<String>,
}

fn hash(chars: &[char]) -> u64 {
    // FNV-1a over the characters: fast, and collisions only cost a
    // distance check.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl NearIndex {
    /// Indexes the distinct `tokens`.
    pub fn new<'a>(tokens: impl IntoIterator<Item = &'a str>) -> NearIndex {
        let exact: HashSet<String> = tokens.into_iter().map(str::to_string).collect();
        let mut tokens: Vec<String> = exact.iter().cloned().collect();
        tokens.sort();
        let mut entries = Vec::new();
        for (id, token) in tokens.iter().enumerate() {
            let chars: Vec<char> = token.chars().collect();
            if allowed_edits(chars.len()) == 0 {
                continue;
            }
            entries.push((hash(&chars), id as u32));
            for skip in 0..chars.len() {
                let deleted: Vec<char> =
                    chars.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, &c)| c).collect();
                entries.push((hash(&deleted), id as u32));
            }
        }
        entries.sort_unstable();
        entries.dedup();
        NearIndex { tokens, entries, exact }
    }

    /// Whether `token` is indexed exactly.
    pub fn contains(&self, token: &str) -> bool {
        self.exact.contains(token)
    }

    /// Indexed tokens within the allowed edit distance of `word` (but not
    /// equal to it), nearest first, each with its distance.
    pub fn lookup(&self, word: &str) -> Vec<(&str, usize)> {
        let chars: Vec<char> = word.chars().collect();
        let max = allowed_edits(chars.len());
        if max == 0 || self.entries.is_empty() {
            return Vec::new();
        }
        let mut keys = HashSet::new();
        let mut frontier = vec![chars.clone()];
        keys.insert(hash(&chars));
        for _ in 0..max {
            let mut next = Vec::new();
            for s in &frontier {
                for skip in 0..s.len() {
                    let deleted: Vec<char> =
                        s.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, &c)| c).collect();
                    if keys.insert(hash(&deleted)) {
                        next.push(deleted);
                    }
                }
            }
            frontier = next;
        }
        let mut found: Vec<(&str, usize)> = Vec::new();
        let mut seen = HashSet::new();
        for key in keys {
            let start = self.entries.partition_point(|&(h, _)| h < key);
            for &(h, id) in &self.entries[start..] {
                if h != key {
                    break;
                }
                if !seen.insert(id) {
                    continue;
                }
                let candidate = self.tokens[id as usize].as_str();
                let limit = max.min(allowed_edits(candidate.chars().count()));
                if candidate != word
                    && let Some(d) = bounded_distance(word, candidate, limit)
                {
                    found.push((candidate, d));
                }
            }
        }
        found.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::NearIndex;

    #[test]
    fn finds_single_and_double_edits() {
        let index = NearIndex::new(["Vladimir", "Putin", "Zelenskyy", "Volodymyr", "Kovalenko", "Lee"]);
        assert_eq!(index.lookup("Vladmir"), [("Vladimir", 1)]);
        assert_eq!(index.lookup("Ptuin"), [("Putin", 1)]);
        assert_eq!(index.lookup("Zelenskiy"), [("Zelenskyy", 1)]);
        assert_eq!(index.lookup("Kovalenkko"), [("Kovalenko", 1)]);
        assert_eq!(index.lookup("Volodimyrr"), [("Volodymyr", 2)]);
        assert!(index.lookup("Putin").is_empty());
        assert!(index.lookup("Lea").is_empty(), "three-letter names are never near-misses");
        assert!(index.lookup("Pushkin").is_empty());
    }
}
