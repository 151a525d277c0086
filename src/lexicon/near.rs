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

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::text::distance::{allowed_edits, bounded_distance};

/// An index of tokens for approximate lookup.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct NearIndex {
    /// The distinct tokens, sorted.
    tokens: Vec<String>,
    /// Each token's length in characters.
    token_chars: Vec<usize>,
    /// Token ids, grouped by the hash of the token or of one of its
    /// deletions: the ids for hash `h` are `ids[groups[h]]`.
    ids: Vec<u32>,
    /// Where each hash's ids are. A hash map, not a binary search over the
    /// sorted entries: a query probes up to ~60 keys, and each probe of a
    /// sorted array of a million entries is ~20 cache misses.
    groups: HashMap<u64, (u32, u32)>,
}

/// Base of the polynomial hash. A polynomial hash (unlike FNV) lets the
/// hash of every one-character deletion be computed from prefix and suffix
/// hashes, without building the deleted strings.
const BASE: u64 = 0x0000_0100_0000_01b3;

fn hash(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(c as u64 + 1))
}

/// The hashes of `chars` with each single character deleted, in order.
fn deletion_hashes(chars: &[char], out: &mut Vec<u64>) {
    deletion_hashes_with(chars, out, &mut Scratch::default());
}

/// Reusable buffers for [`deletion_hashes_with`]: a lookup computes the
/// deletions of a word and of each of its deletions.
#[derive(Default)]
struct Scratch {
    prefix: Vec<u64>,
    suffix: Vec<u64>,
    power: Vec<u64>,
}

/// [`deletion_hashes`] with caller-provided buffers.
fn deletion_hashes_with(chars: &[char], out: &mut Vec<u64>, scratch: &mut Scratch) {
    let n = chars.len();
    // prefix[k] = hash(chars[..k]); suffix[k] = hash(chars[k..]); power[k] = BASE^k.
    let Scratch { prefix, suffix, power } = scratch;
    prefix.clear();
    prefix.resize(n + 1, 0);
    power.clear();
    power.resize(n + 1, 1);
    for k in 0..n {
        prefix[k + 1] = prefix[k].wrapping_mul(BASE).wrapping_add(chars[k] as u64 + 1);
        power[k + 1] = power[k].wrapping_mul(BASE);
    }
    suffix.clear();
    suffix.resize(n + 1, 0);
    for k in (0..n).rev() {
        suffix[k] = (chars[k] as u64 + 1).wrapping_mul(power[n - 1 - k]).wrapping_add(suffix[k + 1]);
    }
    out.clear();
    for skip in 0..n {
        // hash(a ++ b) = hash(a) * BASE^|b| + hash(b)
        out.push(prefix[skip].wrapping_mul(power[n - 1 - skip]).wrapping_add(suffix[skip + 1]));
    }
}

impl NearIndex {
    /// Indexes the distinct `tokens`.
    pub fn new<'a>(tokens: impl IntoIterator<Item = &'a str>) -> NearIndex {
        let distinct: HashSet<&str> = tokens.into_iter().collect();
        let mut tokens: Vec<String> = distinct.into_iter().map(str::to_string).collect();
        tokens.sort_unstable();
        let mut entries = Vec::with_capacity(tokens.len() * 9);
        let mut deletions = Vec::new();
        let mut chars = Vec::new();
        for (id, token) in tokens.iter().enumerate() {
            chars.clear();
            chars.extend(token.chars());
            if allowed_edits(chars.len()) == 0 {
                continue;
            }
            entries.push((hash(&chars), id as u32));
            deletion_hashes(&chars, &mut deletions);
            entries.extend(deletions.iter().map(|&h| (h, id as u32)));
        }
        entries.sort_unstable();
        entries.dedup();
        let mut groups = HashMap::default();
        let mut start = 0;
        for (k, &(h, _)) in entries.iter().enumerate() {
            if entries.get(k + 1).is_none_or(|&(next, _)| next != h) {
                groups.insert(h, (start as u32, (k + 1) as u32));
                start = k + 1;
            }
        }
        let ids = entries.into_iter().map(|(_, id)| id).collect();
        let token_chars = tokens.iter().map(|t| t.chars().count()).collect();
        NearIndex { tokens, token_chars, ids, groups }
    }

    /// Whether `token` is indexed exactly.
    pub fn contains(&self, token: &str) -> bool {
        self.tokens.binary_search_by(|t| t.as_str().cmp(token)).is_ok()
    }

    /// Whether the index's invariants hold (tokens sorted and distinct, one
    /// length per token, every group within `ids`, every id a token), so
    /// that no lookup can index out of bounds. Checked on an index read
    /// back from the compiled lexicon cache.
    pub fn is_consistent(&self) -> bool {
        self.tokens.windows(2).all(|w| w[0] < w[1])
            && self.token_chars.len() == self.tokens.len()
            && self.ids.iter().all(|&id| (id as usize) < self.tokens.len())
            && self.groups.values().all(|&(start, end)| start <= end && end as usize <= self.ids.len())
    }

    /// Indexed tokens within the allowed edit distance of `word` (but not
    /// equal to it), nearest first, each with its distance.
    pub fn lookup(&self, word: &str) -> Vec<(&str, usize)> {
        let chars: Vec<char> = word.chars().collect();
        let max = allowed_edits(chars.len());
        if max == 0 || self.ids.is_empty() {
            return Vec::new();
        }
        let mut keys = Vec::with_capacity(1 + chars.len() * chars.len());
        keys.push(hash(&chars));
        let mut deletions = Vec::with_capacity(chars.len());
        let mut scratch = Scratch::default();
        deletion_hashes_with(&chars, &mut deletions, &mut scratch);
        keys.extend_from_slice(&deletions);
        if max >= 2 {
            let mut shorter = Vec::with_capacity(chars.len());
            for skip in 0..chars.len() {
                shorter.clear();
                shorter.extend(chars.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, &c)| c));
                deletion_hashes_with(&shorter, &mut deletions, &mut scratch);
                keys.extend_from_slice(&deletions);
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let mut found: Vec<(&str, usize)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for key in keys {
            let Some(&(start, end)) = self.groups.get(&key) else { continue };
            for &id in &self.ids[start as usize..end as usize] {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let candidate = self.tokens[id as usize].as_str();
                let limit = max.min(allowed_edits(self.token_chars[id as usize]));
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
    fn deletion_hashes_equal_the_hashes_of_the_deleted_strings() {
        let chars: Vec<char> = "Zelenskyy’s Ж".chars().collect();
        let mut got = Vec::new();
        super::deletion_hashes(&chars, &mut got);
        for (skip, h) in got.iter().enumerate() {
            let deleted: Vec<char> = chars.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, &c)| c).collect();
            assert_eq!(*h, super::hash(&deleted), "deleting {skip}");
        }
    }

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
