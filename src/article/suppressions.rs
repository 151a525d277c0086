//! Suppression comments inside articles:
//!
//! - `<!-- copydesk-disable RULE[, RULE] -->` ... `<!-- copydesk-enable -->`
//! - `<!-- copydesk-disable-next-line RULE[, RULE] -->`
//! - `<!-- copydesk-disable-file -->`
//!
//! No rule means all rules. They are HTML comments, so they are invisible in
//! rendered Markdown and are never prose.

use std::ops::Range;

/// Which rules a suppression covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSet {
    /// Every rule.
    All,
    /// These rule ids.
    Only(Vec<String>),
}

impl RuleSet {
    /// Whether `rule` is covered.
    pub fn covers(&self, rule: &str) -> bool {
        match self {
            RuleSet::All => true,
            RuleSet::Only(rules) => rules.iter().any(|r| r == rule),
        }
    }
}

/// One region where rules are suppressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Byte range of text it covers.
    pub range: Range<usize>,
    /// The rules.
    pub rules: RuleSet,
}

/// A rule id named in a suppression comment, with where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedRule {
    /// Byte range of the id in the text.
    pub range: Range<usize>,
    /// The id as written.
    pub id: String,
}

/// All suppressions of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suppressions {
    /// Regions.
    pub regions: Vec<Suppression>,
    /// Every rule id named in a comment, for validation.
    pub named: Vec<NamedRule>,
}

impl Suppressions {
    /// Whether a finding of `rule` starting at `offset` is suppressed.
    pub fn suppresses(&self, rule: &str, offset: usize) -> bool {
        self.regions.iter().any(|s| s.range.contains(&offset) && s.rules.covers(rule))
    }

    /// Keeps the items (sorted by `offset`) that no region suppresses: one
    /// sweep over region starts and ends, so an article with thousands of
    /// suppression comments and thousands of findings costs
    /// O((regions + items) log regions), never their product.
    pub fn retain_unsuppressed<T>(&self, items: &mut Vec<T>, rule: impl Fn(&T) -> &str, offset: impl Fn(&T) -> usize) {
        if self.regions.is_empty() {
            return;
        }
        let mut starts: Vec<&Suppression> = self.regions.iter().collect();
        starts.sort_by_key(|s| s.range.start);
        let mut ends: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>> = Default::default();
        let mut all_open = 0usize;
        let mut open_by_rule: std::collections::HashMap<&str, usize> = Default::default();
        let mut next = 0;
        let mut keep = Vec::with_capacity(items.len());
        for item in items.drain(..) {
            let at = offset(&item);
            while next < starts.len() && starts[next].range.start <= at {
                let region = starts[next];
                if region.range.end > at {
                    ends.push(std::cmp::Reverse((region.range.end, next)));
                    match &region.rules {
                        RuleSet::All => all_open += 1,
                        RuleSet::Only(rules) => rules.iter().for_each(|r| *open_by_rule.entry(r).or_default() += 1),
                    }
                }
                next += 1;
            }
            while let Some(&std::cmp::Reverse((end, k))) = ends.peek() {
                if end > at {
                    break;
                }
                ends.pop();
                match &starts[k].rules {
                    RuleSet::All => all_open -= 1,
                    RuleSet::Only(rules) => rules.iter().for_each(|r| *open_by_rule.entry(r).or_default() -= 1),
                }
            }
            if all_open == 0 && open_by_rule.get(rule(&item)).is_none_or(|n| *n == 0) {
                keep.push(item);
            }
        }
        *items = keep;
    }
}

/// Parses the suppression comments of `text`.
pub fn parse(text: &str) -> Suppressions {
    let mut out = Suppressions::default();
    let mut open: Vec<(usize, RuleSet)> = Vec::new();
    let mut search = 0;
    while let Some(found) = text[search..].find("<!--") {
        let start = search + found;
        let body_start = start + 4;
        // `<!-->` and `<!--->` are complete (empty) comments in HTML; the
        // closing `-->` is otherwise looked for after the opener, never
        // overlapping it.
        let (body_end, end) = if text[body_start..].starts_with('>') {
            (body_start, body_start + 1)
        } else if text[body_start..].starts_with("->") {
            (body_start, body_start + 2)
        } else {
            let Some(close) = text[body_start..].find("-->") else { break };
            (body_start + close, body_start + close + 3)
        };
        search = end;
        let body = &text[body_start..body_end];
        let trimmed = body.trim_start();
        let lead = body.len() - trimmed.len();
        let Some((directive, rest)) = directive(trimmed) else { continue };
        let rest_start = body_start + lead + directive.len();
        let rules = rule_list(text, rest, rest_start, &mut out.named);
        match directive {
            "copydesk-disable-file" => out.regions.push(Suppression { range: 0..text.len() + 1, rules }),
            "copydesk-disable-next-line" => {
                let next_line_start = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                let next_line_end = text[next_line_start..].find('\n').map_or(text.len(), |i| next_line_start + i);
                out.regions.push(Suppression { range: next_line_start..next_line_end + 1, rules });
            }
            "copydesk-disable" => open.push((end, rules)),
            "copydesk-enable" => {
                // Re-enabling named rules closes the regions that disabled them;
                // a bare enable closes every open region.
                let mut remaining = Vec::new();
                for (from, disabled) in open.drain(..) {
                    let closes = match (&rules, &disabled) {
                        (RuleSet::All, _) => true,
                        (RuleSet::Only(r), RuleSet::Only(d)) => d.iter().all(|x| r.contains(x)),
                        (RuleSet::Only(_), RuleSet::All) => false,
                    };
                    if closes {
                        out.regions.push(Suppression { range: from..start, rules: disabled });
                    } else {
                        remaining.push((from, disabled));
                    }
                }
                open = remaining;
            }
            _ => {}
        }
    }
    for (from, rules) in open {
        out.regions.push(Suppression { range: from..text.len() + 1, rules });
    }
    out
}

fn directive(body: &str) -> Option<(&'static str, &str)> {
    // Longest first: "copydesk-disable" is a prefix of the others.
    for d in ["copydesk-disable-next-line", "copydesk-disable-file", "copydesk-disable", "copydesk-enable"] {
        if let Some(rest) = body.strip_prefix(d)
            && (rest.is_empty() || rest.starts_with(char::is_whitespace))
        {
            return Some((d, rest));
        }
    }
    None
}

fn rule_list(text: &str, rest: &str, rest_start: usize, named: &mut Vec<NamedRule>) -> RuleSet {
    let mut rules = Vec::new();
    let mut offset = rest_start;
    for part in rest.split(',') {
        let lead = part.len() - part.trim_start().len();
        let id = part.trim();
        if !id.is_empty() {
            let at = offset + lead;
            debug_assert_eq!(&text[at..at + id.len()], id);
            named.push(NamedRule { range: at..at + id.len(), id: id.to_string() });
            rules.push(id.to_string());
        }
        offset += part.len() + 1;
    }
    if rules.is_empty() { RuleSet::All } else { RuleSet::Only(rules) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_blocks_and_file() {
        let text = "a\n<!-- copydesk-disable-next-line name-variant, repeated-word -->\nZelensky the the\nZelensky\n<!-- copydesk-disable -->\nx\n<!-- copydesk-enable -->\ny";
        let s = parse(text);
        let line3 = text.find("Zelensky the").unwrap();
        let line4 = text.rfind("Zelensky\n").unwrap();
        assert!(s.suppresses("name-variant", line3));
        assert!(s.suppresses("repeated-word", line3 + 9));
        assert!(!s.suppresses("misspelled-name", line3));
        assert!(!s.suppresses("name-variant", line4));
        assert!(s.suppresses("anything", text.find("\nx").unwrap() + 1));
        assert!(!s.suppresses("anything", text.rfind('y').unwrap()));
        let ids: Vec<&str> = s.named.iter().map(|n| &text[n.range.clone()]).collect();
        assert_eq!(ids, ["name-variant", "repeated-word"]);
        assert!(parse("<!-- copydesk-disable-file -->\nend").suppresses("x", 20));
        assert!(!parse("<!-- copydesk-disabled -->\nend").suppresses("x", 30));
    }

    #[test]
    fn abruptly_closed_comments_are_empty() {
        for text in
            ["a <!--> b", "a <!---> b", "<!-->", "<!--->", "<!--", "<!---", "x<!-->\n<!-- copydesk-disable -->\ny"]
        {
            let s = parse(text);
            assert!(s.named.is_empty(), "{text}");
        }
        let s = parse("x<!-->\n<!-- copydesk-disable -->\ny");
        assert!(s.suppresses("any", s.regions[0].range.start));
    }

    #[test]
    fn sweep_agrees_with_the_definition() {
        let text = "<!-- copydesk-disable a -->x<!-- copydesk-disable-next-line b -->\nyy\nz<!-- copydesk-enable a -->w<!-- copydesk-disable -->v";
        let s = parse(text);
        let mut items: Vec<(&str, usize)> = (0..=text.len()).flat_map(|at| [("a", at), ("b", at), ("c", at)]).collect();
        let expected: Vec<(&str, usize)> = items.iter().copied().filter(|(r, at)| !s.suppresses(r, *at)).collect();
        s.retain_unsuppressed(&mut items, |i| i.0, |i| i.1);
        assert_eq!(items, expected);
    }
}
