use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::{Context, is_title_word_lowercase};
use crate::finding::{Applicability, Finding, Fix};
use crate::lexicon::surname_of;
use crate::registry::{ActorIdx, ActorKind};
use crate::text::distance::{allowed_edits, bounded_distance};
use crate::text::tokens::is_capitalized;

declare_rule! {
    /// ## What it flags
    /// One person's name spelled two ways in the same article, where the
    /// odd spelling is not registered: "Ondrej Sattler" introduced, then
    /// "Satler" two paragraphs later. Works for registered and unregistered
    /// people alike; the spelling used less often is flagged (for a
    /// registered person, any spelling the registry does not know).
    ///
    /// ## Why
    /// A reader cannot tell whether "Sattler" and "Satler" are one person,
    /// and annotators link them to two. Registered variants are
    /// `name-variant`'s business and misspellings after a full mention of a
    /// registered person are `misspelled-name`'s; this rule catches the rest,
    /// including people the registry does not have yet.
    ///
    /// Only capitalised words of five letters or more that share their first
    /// letter and are within the misspelling distance are compared; a word
    /// that merely extends another ("Horaks", "Russian") is not a spelling
    /// of it, and titles ("Senator" beside "Sentor") are no spellings. `copydesk check` also reports spellings that split across the
    /// corpus in its summary.
    ///
    /// ## Fix
    /// Replaces the odd spelling with the one used elsewhere (unsafe: the
    /// odd one may be right).
    ///
    /// ## Example
    /// ```text
    /// Ferry steward Ondrej Sattler said ... Satler added ...
    /// ```
    pub struct InconsistentName {
        id: "inconsistent-name",
        severity: Warning,
        summary: "A person's name spelled two ways in one article",
        fix: Always(Unsafe),
    }
}

#[derive(Default)]
struct Spelling {
    occurrences: Vec<Range<usize>>,
    /// The registered actor this spelling names, if it is a registered form.
    actor: Option<ActorIdx>,
    /// Whether it names a person in full somewhere (an anchor).
    anchor: bool,
}

/// Distinct spellings in order of first use.
#[derive(Default)]
struct SpellingTable<'p> {
    spellings: HashMap<&'p str, Spelling>,
    order: Vec<&'p str>,
}

impl<'p> SpellingTable<'p> {
    fn note(&mut self, prose: &'p str, range: Range<usize>, actor: Option<ActorIdx>, anchor: bool) {
        let word = &prose[range.clone()];
        let entry = self.spellings.entry(word).or_insert_with(|| {
            self.order.push(word);
            Spelling::default()
        });
        entry.occurrences.push(range);
        entry.actor = entry.actor.or(actor);
        entry.anchor |= anchor;
    }
}

impl crate::rules::Rule for InconsistentName {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let prose = cx.prose();
        let mut table = SpellingTable::default();
        let mut covered: Vec<Range<usize>> = Vec::new();
        for mention in cx.mentions {
            covered.push(mention.range.clone());
            // The title before a name is no spelling of it ("Senator Neko
            // Sentor").
            if !mention.prefix.is_empty() {
                covered.push(mention.prefix.clone());
            }
            let Some(actor) = mention.actor else { continue };
            if cx.registry.actor(actor).kind != ActorKind::Person {
                continue;
            }
            table.note(prose, last_word(prose, &mention.range), Some(actor), true);
        }
        for name in &cx.names.unknown {
            covered.push(name.range.clone());
            table.note(prose, last_word(prose, &name.range), None, true);
        }
        covered.extend(cx.names.near_misses.iter().map(|n| n.range.clone()));
        covered.sort_by_key(|r| r.start);
        let mut next_cover = 0;
        let mut cover_end = 0;
        for token in cx.tokens {
            let word = &prose[token.range.clone()];
            // Tokens come in order: advance over the covered ranges once.
            while next_cover < covered.len() && covered[next_cover].start <= token.range.start {
                cover_end = cover_end.max(covered[next_cover].end);
                next_cover += 1;
            }
            let inside = token.range.end <= cover_end;
            if !inside
                && is_capitalized(word)
                && word.chars().count() >= 5
                && word.chars().skip(1).any(char::is_lowercase)
                && !is_title(cx, word)
            {
                table.note(prose, token.range.clone(), None, false);
            }
        }
        let SpellingTable { spellings, order } = table;

        // Group near spellings around anchors (union-find over distinct spellings).
        let mut parent: Vec<usize> = (0..order.len()).collect();
        fn find(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        // Every anchor is compared with every spelling: rule pairs out by
        // first letter and length (an edit distance of at most two cannot
        // bridge more) before the full comparison.
        let shapes: Vec<(Option<char>, usize)> = order.iter().map(|w| (w.chars().next(), w.chars().count())).collect();
        for a in 0..order.len() {
            if !spellings[order[a]].anchor {
                continue;
            }
            for b in 0..order.len() {
                let comparable = shapes[a].0 == shapes[b].0 && shapes[a].1.abs_diff(shapes[b].1) <= 2;
                if a != b && comparable && alike(order[a], order[b]) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    parent[ra] = rb;
                }
            }
        }
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..order.len() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(i);
        }
        let mut roots: Vec<usize> = groups.keys().copied().collect();
        roots.sort_unstable();
        for root in roots {
            let members = &groups[&root];
            if members.len() < 2 || !members.iter().any(|&m| spellings[order[m]].anchor) {
                continue;
            }
            let registered = members.iter().find_map(|&m| spellings[order[m]].actor);
            let reference: String = match registered {
                Some(actor) => {
                    let name = &cx.registry.actor(actor).name;
                    surname_of(name).into_iter().next().unwrap_or_else(|| name.clone())
                }
                None => {
                    // The most used spelling; on a tie, the first used.
                    let best = members
                        .iter()
                        .max_by_key(|&&m| (spellings[order[m]].occurrences.len(), std::cmp::Reverse(m)))
                        .copied();
                    order[best.unwrap_or(members[0])].to_string()
                }
            };
            for &m in members {
                let spelling = &spellings[order[m]];
                if spelling.actor.is_some() || order[m] == reference {
                    continue;
                }
                let count = members
                    .iter()
                    .filter(|&&o| order[o] == reference)
                    .map(|&o| spellings[order[o]].occurrences.len())
                    .sum::<usize>();
                for range in &spelling.occurrences {
                    let message = match registered {
                        Some(actor) => format!(
                            "‘{}’ is spelled ‘{reference}’ ({}) elsewhere in this article",
                            order[m],
                            cx.registry.actor(actor).name
                        ),
                        None => format!(
                            "‘{}’ is spelled ‘{reference}’ elsewhere in this article ({count}×); use one spelling",
                            order[m]
                        ),
                    };
                    let fix = Fix::replace(range.clone(), reference.clone(), Applicability::Unsafe);
                    let mut finding =
                        Finding::new(Self::META.id, Self::META.default_severity, range.clone(), message).with_fix(fix);
                    if let Some(actor) = registered {
                        finding = finding.with_actor(actor);
                    }
                    out.push(finding);
                }
            }
        }
    }
}

fn last_word(prose: &str, range: &Range<usize>) -> Range<usize> {
    let text = &prose[range.clone()];
    let start = text.rfind(char::is_whitespace).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    range.start + start..range.end
}

/// Whether two capitalised words read as spellings of one name.
fn alike(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 5 || lb < 5 || a.chars().next() != b.chars().next() || a.starts_with(b) || b.starts_with(a) {
        return false;
    }
    bounded_distance(a, b, allowed_edits(la.min(lb))).is_some()
}

/// Whether `word` is a title word or a registered role form: a title, never
/// a spelling of a name.
fn is_title(cx: &Context<'_>, word: &str) -> bool {
    let lowercase = word.to_lowercase();
    is_title_word_lowercase(&lowercase) || cx.lexicon.is_role_form_lowercase(&lowercase)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, check_with};

    #[test]
    fn a_title_is_no_spelling_of_the_name() {
        let registry = r#"
[[actor]]
id = "neko-sentor"
name = "Neko Sentor"
[[actor.roles]]
title = "Senator for Westmark"
forms = ["Senator"]
"#;
        let text = "Senator Neko Sentor spoke. Sentor left.";
        assert_eq!(check_with(registry, "inconsistent-name", text, None), []);
        // Unregistered: the title before the name is no spelling either.
        assert_eq!(check("inconsistent-name", "Senator Dara Sentor spoke. Sentor left.", None), []);
    }

    #[test]
    fn unregistered_person_spelled_two_ways() {
        let text = "Ferry steward Ondrej Sattler said the line would stop. Satler added more. Sattler left.";
        let seen = check("inconsistent-name", text, None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "Satler");
        assert_eq!(seen[0].message, "‘Satler’ is spelled ‘Sattler’ elsewhere in this article (2×); use one spelling");
        assert_eq!(seen[0].actor, None);
    }

    #[test]
    fn registered_person_before_the_full_mention() {
        let seen = check("inconsistent-name", "Wallance arrived early. Later Ben Wallace spoke.", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].message, "‘Wallance’ is spelled ‘Wallace’ (Ben Wallace) elsewhere in this article");
        assert_eq!(seen[0].fixed.as_deref(), Some("Wallace arrived early. Later Ben Wallace spoke."));
    }

    #[test]
    fn different_words_are_not_spellings() {
        for text in [
            "Vladimir Putin spoke. Russia and Russian officials agreed.",
            "Ondrej Sattler said so. The Sattlers agreed.",
            "Ben Wallace spoke. Walrus Bay is far.",
            "Ben Wallace spoke. Wallace agreed.",
        ] {
            assert_eq!(check("inconsistent-name", text, None), [], "{text}");
        }
    }
}
