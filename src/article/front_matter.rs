//! Front matter: a `---` block of `key: value` lines (the YAML subset news
//! tools write) or a `+++` block of TOML, at the very start of an article.

use std::ops::Range;

/// One `key: value` entry of the front matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key, as written.
    pub key: String,
    /// The value, unquoted.
    pub value: String,
    /// Byte range of the value in the article text.
    pub value_range: Range<usize>,
}

/// A parsed front-matter block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// Byte range of the whole block, delimiters included.
    pub range: Range<usize>,
    /// Its scalar fields, in order.
    pub fields: Vec<Field>,
    /// What could not be read: a TOML block that is not TOML, a `date`
    /// that is not a single value (byte range, message).
    pub problems: Vec<(Range<usize>, String)>,
}

impl FrontMatter {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Parses the front matter at the start of `text`, if there is a complete
/// block. A block that is never closed is not front matter.
pub fn parse(text: &str) -> Option<FrontMatter> {
    let delimiter = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let mut lines = line_ranges(text);
    let first = lines.next()?;
    if text[first].trim_end() != delimiter {
        return None;
    }
    let mut body = Vec::new();
    for line in lines {
        let content = text[line.clone()].trim_end_matches(['\r', '\n']);
        if content.trim_end() == delimiter || (delimiter == "---" && content.trim_end() == "...") {
            let (fields, problems) =
                if delimiter == "---" { (yaml_fields(text, &body), Vec::new()) } else { toml_fields(text, &body) };
            return Some(FrontMatter { range: 0..line.end, fields, problems });
        }
        body.push(line);
    }
    None
}

fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let range = start..start + line.len();
        start += line.len();
        range
    })
}

fn yaml_fields(text: &str, lines: &[Range<usize>]) -> Vec<Field> {
    let mut fields = Vec::new();
    for line in lines {
        let content = text[line.clone()].trim_end_matches(['\r', '\n']);
        if content.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some(colon) = content.find(':') else { continue };
        let key = content[..colon].trim();
        let raw = &content[colon + 1..];
        let lead = raw.len() - raw.trim_start().len();
        let mut value = raw.trim();
        if let Some(hash) = value.find(" #")
            && !value.starts_with(['"', '\''])
        {
            value = value[..hash].trim_end();
        }
        let mut start = line.start + colon + 1 + lead;
        if value.len() >= 2
            && (value.starts_with('"') && value.ends_with('"') || value.starts_with('\'') && value.ends_with('\''))
        {
            value = &value[1..value.len() - 1];
            start += 1;
        }
        if key.is_empty() {
            continue;
        }
        fields.push(Field { key: key.to_string(), value: value.to_string(), value_range: start..start + value.len() });
    }
    fields
}

fn toml_fields(text: &str, lines: &[Range<usize>]) -> (Vec<Field>, Vec<(Range<usize>, String)>) {
    let mut problems = Vec::new();
    let Some(first) = lines.first() else { return (Vec::new(), problems) };
    let body = &text[first.start..lines.last().map_or(first.end, |l| l.end)];
    let table = match body.parse::<toml::Table>() {
        Ok(table) => table,
        Err(e) => {
            let span = e.span().map_or(first.start..first.start, |s| first.start + s.start..first.start + s.end);
            let message = format!(
                "front matter is not valid TOML: {}; its fields (date, title, ...) are ignored",
                e.message().trim_end()
            );
            problems.push((span, message));
            return (Vec::new(), problems);
        }
    };
    let mut fields = Vec::new();
    for (key, value) in table {
        let value = match value {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            other => {
                if key == "date" {
                    let line = lines.iter().find(|l| text[(*l).clone()].trim_start().starts_with("date"));
                    let span = line.map_or(first.start..first.start, |l| {
                        let content = text[l.clone()].trim_end_matches(['\r', '\n']);
                        l.start..l.start + content.len()
                    });
                    let message = format!(
                        "front-matter date cannot be used: expected a full date as YYYY-MM-DD, found {} {}; \
                         date-dependent checks are skipped",
                        if other.type_str().starts_with(['a', 'i']) { "an" } else { "a" },
                        other.type_str()
                    );
                    problems.push((span, message));
                }
                continue;
            }
        };
        let value_range = locate_value(text, lines, &key, &value);
        fields.push(Field { key, value, value_range });
    }
    fields.sort_by_key(|f| f.value_range.start);
    (fields, problems)
}

fn locate_value(text: &str, lines: &[Range<usize>], key: &str, value: &str) -> Range<usize> {
    for line in lines {
        let content = &text[line.clone()];
        if content.trim_start().starts_with(key)
            && let Some(i) = content.find(value)
        {
            return line.start + i..line.start + i + value.len();
        }
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_style() {
        let text = "---\ndate: 2025-08-19\ntitle: \"Talks: day two\"\nlang: en # English\n---\nBody";
        let fm = parse(text).unwrap();
        assert_eq!(
            &text[fm.range.clone()],
            "---\ndate: 2025-08-19\ntitle: \"Talks: day two\"\nlang: en # English\n---\n"
        );
        assert_eq!(fm.get("title").unwrap().value, "Talks: day two");
        assert_eq!(&text[fm.get("title").unwrap().value_range.clone()], "Talks: day two");
        assert_eq!(fm.get("lang").unwrap().value, "en");
        assert_eq!(&text[fm.get("date").unwrap().value_range.clone()], "2025-08-19");
    }

    #[test]
    fn toml_style_and_crlf() {
        let text = "+++\r\ndate = 2025-08-19\r\ntitle = \"A\"\r\n+++\r\nBody";
        let fm = parse(text).unwrap();
        assert_eq!(fm.get("date").unwrap().value, "2025-08-19");
        assert_eq!(&text[fm.get("date").unwrap().value_range.clone()], "2025-08-19");
        assert_eq!(&text[fm.range.end..], "Body");
    }

    #[test]
    fn unclosed_or_rule_is_not_front_matter() {
        assert!(parse("---\ndate: 2025-01-01\nno end").is_none());
        assert!(parse("--- a rule\n").is_none());
        assert!(parse("Body").is_none());
    }
}
