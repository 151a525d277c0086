//! A lexicon as bytes, for the compiled lexicon cache (`crate::compiled`):
//! everything [`Lexicon::new`] derives, so that reading it back costs a
//! copy, not a rebuild. The automaton is saved in daachorse's own format,
//! after the rest; the lookup table by form text is rebuilt on load (as
//! cheap as reading it back, and half the size on disk).

use bincode::Options;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

use super::{Automaton, Form, FormId, Lexicon, Matcher, NearIndex, TermPattern};
use crate::registry::ActorIdx;

/// The parts of a lexicon that bincode writes, borrowed.
#[derive(Serialize)]
struct PartsRef<'a> {
    forms: &'a [Form],
    term_patterns: &'a [TermPattern],
    near: &'a NearIndex,
    role_forms: &'a HashMap<String, Vec<ActorIdx>>,
    folded: &'a HashMap<String, FormId>,
    variant_heads: &'a HashSet<String>,
}

/// The same parts, owned, as read back.
#[derive(Deserialize)]
struct Parts {
    forms: Vec<Form>,
    term_patterns: Vec<TermPattern>,
    near: NearIndex,
    role_forms: HashMap<String, Vec<ActorIdx>>,
    folded: HashMap<String, FormId>,
    variant_heads: HashSet<String>,
}

/// Why stored lexicon bytes were refused.
#[derive(Debug, thiserror::Error)]
pub enum StoredError {
    /// The bytes do not decode.
    #[error("cannot decode the stored lexicon: {0}")]
    Decode(String),
    /// The lexicon could not be written.
    #[error("cannot write the lexicon: {0}")]
    Write(String),
    /// They decode, but break an invariant the analysis relies on.
    #[error("the stored lexicon is inconsistent: {0}")]
    Inconsistent(&'static str),
}

impl Lexicon {
    /// Writes the lexicon to `out`: a length-prefixed bincode section, then
    /// the automaton's bytes (length-prefixed; empty for none).
    pub fn save(&self, out: &mut impl std::io::Write) -> Result<(), StoredError> {
        let parts = PartsRef {
            forms: &self.forms,
            term_patterns: &self.term_patterns,
            near: &self.near,
            role_forms: &self.role_forms,
            folded: &self.folded,
            variant_heads: &self.variant_heads,
        };
        let options = bincode::DefaultOptions::new().with_fixint_encoding();
        let failed = |e: bincode::Error| StoredError::Write(e.to_string());
        let len = options.serialized_size(&parts).map_err(failed)?;
        out.write_all(&len.to_le_bytes()).map_err(|e| StoredError::Write(e.to_string()))?;
        options.serialize_into(&mut *out, &parts).map_err(failed)?;
        let automaton = match &self.matcher {
            None => Vec::new(),
            Some(Matcher::Whole(automaton)) => automaton.serialize(),
            // Saved whole or not at all: a patch refers to another version.
            Some(Matcher::Patched { .. }) => return Err(StoredError::Write("a patched lexicon is not saved".into())),
        };
        out.write_all(&(automaton.len() as u64).to_le_bytes()).map_err(|e| StoredError::Write(e.to_string()))?;
        out.write_all(&automaton).map_err(|e| StoredError::Write(e.to_string()))
    }

    /// Reads back a lexicon [`Lexicon::save`] wrote for a registry of
    /// `actors` actors and `terms` house-style terms, checking every
    /// invariant that indexing relies on.
    pub fn load(bytes: &[u8], actors: usize, terms: usize) -> Result<Lexicon, StoredError> {
        let (encoded, rest) = split_section(bytes)?;
        let (automaton_bytes, rest) = split_section(rest)?;
        if !rest.is_empty() {
            return Err(StoredError::Decode("trailing bytes".into()));
        }
        // Decoding, checking and indexing are independent: on all cores.
        let (parts, automaton) = rayon::join(
            || -> Result<Parts, StoredError> {
                bincode::DefaultOptions::new()
                    .with_fixint_encoding()
                    .with_limit(encoded.len() as u64)
                    .deserialize(encoded)
                    .map_err(|e| StoredError::Decode(e.to_string()))
            },
            || -> Result<Option<Automaton>, StoredError> {
                if automaton_bytes.is_empty() {
                    return Ok(None);
                }
                let (automaton, tail) =
                    Automaton::deserialize(automaton_bytes).map_err(|e| StoredError::Decode(e.to_string()))?;
                if !tail.is_empty() {
                    return Err(StoredError::Decode("trailing automaton bytes".into()));
                }
                Ok(Some(automaton))
            },
        );
        let Parts { forms, term_patterns, near, role_forms, folded, variant_heads } = parts?;
        let automaton = automaton?;
        if term_patterns.iter().any(|t| t.term as usize >= terms) {
            return Err(StoredError::Inconsistent("a term pattern of an unknown term"));
        }
        let patterns = forms.len() + term_patterns.len();
        let (checked, by_text) = rayon::join(
            || check(&forms, patterns, &near, &role_forms, &folded, automaton.as_ref(), actors),
            || forms.iter().enumerate().map(|(id, f)| (f.text.clone(), id as FormId)).collect(),
        );
        checked?;
        let matcher = automaton.map(|a| Matcher::Whole(std::sync::Arc::new(a)));
        Ok(Lexicon { forms, term_patterns, by_text, matcher, near, role_forms, folded, variant_heads })
    }
}

/// The first parts of a stored lexicon: its patterns (the rest is not
/// decoded).
#[derive(Deserialize)]
struct PatternParts {
    forms: Vec<Form>,
    term_patterns: Vec<TermPattern>,
}

impl Lexicon {
    /// Reads back, from bytes [`Lexicon::save`] wrote, only what a new
    /// version of the registry reuses ([`Lexicon::updated`]): the patterns
    /// and the automaton. The result serves only as such a base: it has no
    /// indexes (an automaton value beyond its patterns is masked when
    /// patching, so it cannot index out of bounds).
    pub fn load_base(bytes: &[u8]) -> Result<Lexicon, StoredError> {
        let (encoded, rest) = split_section(bytes)?;
        let (automaton_bytes, rest) = split_section(rest)?;
        if !rest.is_empty() || automaton_bytes.is_empty() {
            return Err(StoredError::Decode("no automaton".into()));
        }
        let decode = |e: &dyn std::fmt::Display| StoredError::Decode(e.to_string());
        let (parts, automaton) = rayon::join(
            || {
                bincode::DefaultOptions::new()
                    .with_fixint_encoding()
                    .with_limit(encoded.len() as u64)
                    .allow_trailing_bytes()
                    .deserialize::<PatternParts>(encoded)
                    .map_err(|e| decode(&e))
            },
            || Automaton::deserialize(automaton_bytes).map_err(|e| decode(&e)),
        );
        let (PatternParts { forms, term_patterns }, (automaton, tail)) = (parts?, automaton?);
        if !tail.is_empty() {
            return Err(StoredError::Decode("trailing automaton bytes".into()));
        }
        Ok(Lexicon {
            forms,
            term_patterns,
            by_text: HashMap::default(),
            matcher: Some(Matcher::Whole(std::sync::Arc::new(automaton))),
            near: NearIndex::new([]),
            role_forms: HashMap::default(),
            folded: HashMap::default(),
            variant_heads: HashSet::default(),
        })
    }
}

/// Splits a section with a little-endian u64 length prefix off `bytes`:
/// (the section, the rest).
pub fn split_section(bytes: &[u8]) -> Result<(&[u8], &[u8]), StoredError> {
    let short = || StoredError::Decode("truncated".into());
    let len = bytes.get(..8).ok_or_else(short)?;
    let len = usize::try_from(u64::from_le_bytes(len.try_into().expect("8 bytes"))).map_err(|_| short())?;
    let rest = &bytes[8..];
    (len <= rest.len()).then(|| rest.split_at(len)).ok_or_else(short)
}

/// The invariants every index into the lexicon relies on: a stored
/// lexicon that breaks one would panic in analysis, so it is refused.
fn check(
    forms: &[Form],
    patterns: usize,
    near: &NearIndex,
    role_forms: &HashMap<String, Vec<ActorIdx>>,
    folded: &HashMap<String, FormId>,
    automaton: Option<&Automaton>,
    actors: usize,
) -> Result<(), StoredError> {
    let actor_ok = |a: ActorIdx| (a as usize) < actors;
    if !forms.iter().all(|f| {
        !f.text.is_empty()
            && !f.targets.is_empty()
            && f.targets.iter().all(|t| actor_ok(t.actor))
            && f.targets.windows(2).all(|w| w[0].actor <= w[1].actor)
    }) {
        return Err(StoredError::Inconsistent("a form with no target, an unknown actor or unsorted targets"));
    }
    if !role_forms.values().flatten().all(|&a| actor_ok(a)) {
        return Err(StoredError::Inconsistent("a role form of an unknown actor"));
    }
    if !folded.values().all(|&id| (id as usize) < forms.len()) {
        return Err(StoredError::Inconsistent("a folded form that is not a form"));
    }
    if !near.is_consistent() {
        return Err(StoredError::Inconsistent("the near-miss index"));
    }
    match automaton {
        None if patterns > 0 => Err(StoredError::Inconsistent("forms without an automaton")),
        Some(automaton) if automaton.iter().any(|(_, id)| id as usize >= patterns) => {
            Err(StoredError::Inconsistent("an automaton pattern that is neither a form nor a term"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::registry::parse_registry_text;

    const REGISTRY: &str = r#"
[[actor]]
id = "olena-kovalenko"
name = "Olena Kovalenko"
variants = ["Olena Kovalenco"]
[[actor.roles]]
title = "Minister of Energy"
forms = ["Energy Minister"]

[[actor]]
id = "jose-nunez"
name = "José Núñez"
aliases = ["Núñez-Ortega"]
"#;

    fn saved() -> (usize, Lexicon, Vec<u8>) {
        let load = parse_registry_text([(Path::new("actors.toml"), REGISTRY)]);
        let lexicon = Lexicon::new(&load.registry);
        let mut bytes = Vec::new();
        lexicon.save(&mut bytes).unwrap();
        (load.registry.len(), lexicon, bytes)
    }

    #[test]
    fn a_saved_lexicon_reads_back_equal() {
        let (actors, lexicon, bytes) = saved();
        let back = Lexicon::load(&bytes, actors, 0).unwrap();
        assert_eq!(back.forms, lexicon.forms);
        assert_eq!(back.by_text, lexicon.by_text);
        assert_eq!(back.role_forms, lexicon.role_forms);
        assert_eq!(back.folded, lexicon.folded);
        assert_eq!(back.variant_heads, lexicon.variant_heads);
        assert!(back.near().contains("Kovalenko"));
        assert_eq!(back.near().lookup("Kovalenkko"), lexicon.near().lookup("Kovalenkko"));
        let text = "Energy Minister Olena Kovalenco met Núñez-Ortega.";
        let matches = |l: &Lexicon| l.matcher().unwrap().matches(text, |_, _| true);
        assert_eq!(matches(&back), matches(&lexicon));
        assert_eq!(matches(&back).len(), 2);
    }

    #[test]
    fn a_base_read_back_patches_as_the_lexicon_itself_does() {
        let (_, lexicon, bytes) = saved();
        let base = Lexicon::load_base(&bytes).unwrap();
        let edited = REGISTRY.replace("Olena Kovalenco", "Olena Kowalenko");
        let load = parse_registry_text([(Path::new("actors.toml"), edited.as_str())]);
        let (from_base, from_lexicon) =
            (Lexicon::updated_always(&load.registry, &base), Lexicon::updated_always(&load.registry, &lexicon));
        assert!(from_base.is_patched());
        let text = "Energy Minister Olena Kowalenko met Olena Kovalenco and Núñez-Ortega.";
        let matches = |l: &Lexicon| l.matcher().unwrap().matches(text, |_, _| true);
        assert_eq!(matches(&from_base), matches(&from_lexicon));
        assert_eq!(matches(&from_base), matches(&Lexicon::new(&load.registry)));
        assert_eq!(matches(&from_base).len(), 2, "the new variant and the alias; the old variant is gone");
        for cut in [0, 7, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(Lexicon::load_base(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn damaged_bytes_are_refused_never_trusted() {
        let (actors, _, bytes) = saved();
        for cut in [0, 7, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(Lexicon::load(&bytes[..cut], actors, 0).is_err(), "cut at {cut}");
        }
        assert!(Lexicon::load(&bytes, 1, 0).is_err(), "targets beyond the registry");
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Lexicon::load(&longer, actors, 0).is_err(), "trailing byte");
    }
}
