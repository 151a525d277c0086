//! Wikidata's entity JSON (the Wikibase JSON data model), reduced to what
//! an import reads: the id, labels, aliases and descriptions, and the
//! statements of `P31` (instance of) and `P39` (position held) with their
//! `P580`/`P582` (start/end time) qualifiers. Every other key is skipped
//! without being kept.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer};

/// One entity, as far as an import reads it.
#[derive(Debug, Default, Deserialize)]
pub struct Entity {
    /// `Q42`, `P39`, `L1`.
    pub id: String,
    /// Labels by language code.
    #[serde(default, deserialize_with = "map_or_empty_list")]
    pub labels: HashMap<String, Term>,
    /// Aliases by language code.
    #[serde(default, deserialize_with = "map_or_empty_list")]
    pub aliases: HashMap<String, Vec<Term>>,
    /// Descriptions by language code.
    #[serde(default, deserialize_with = "map_or_empty_list")]
    pub descriptions: HashMap<String, Term>,
    /// Statements (`claims` in entity dumps, `statements` in newer output).
    #[serde(default, alias = "statements", deserialize_with = "map_or_empty_list")]
    pub claims: Claims,
}

/// A label, alias or description in one language.
#[derive(Debug, Deserialize)]
pub struct Term {
    /// The text.
    pub value: String,
}

/// The statements an import reads.
#[derive(Debug, Default, Deserialize)]
pub struct Claims {
    /// Instance of.
    #[serde(default, rename = "P31")]
    pub instance_of: Vec<Statement>,
    /// Position held.
    #[serde(default, rename = "P39")]
    pub position_held: Vec<Statement>,
}

/// One statement: its main value, rank and qualifiers.
#[derive(Debug, Deserialize)]
pub struct Statement {
    /// The main value.
    pub mainsnak: Snak,
    /// `preferred`, `normal` or `deprecated`.
    #[serde(default)]
    pub rank: Option<String>,
    /// Qualifiers by property.
    #[serde(default, deserialize_with = "map_or_empty_list")]
    pub qualifiers: Qualifiers,
}

impl Statement {
    /// Whether the statement is deprecated (known to be wrong).
    pub fn is_deprecated(&self) -> bool {
        self.rank.as_deref() == Some("deprecated")
    }
}

/// The qualifiers an import reads.
#[derive(Debug, Default, Deserialize)]
pub struct Qualifiers {
    /// Start time.
    #[serde(default, rename = "P580")]
    pub start: Vec<Snak>,
    /// End time.
    #[serde(default, rename = "P582")]
    pub end: Vec<Snak>,
}

/// A property and its value (`snaktype` `value`), or a statement that a
/// value is unknown (`somevalue`) or absent (`novalue`).
#[derive(Debug, Deserialize)]
pub struct Snak {
    /// `value`, `somevalue` or `novalue`.
    pub snaktype: String,
    /// The value, for `value` snaks.
    #[serde(default)]
    pub datavalue: Option<DataValue>,
}

/// A snak's value.
#[derive(Debug, Deserialize)]
pub struct DataValue {
    /// An item reference (`{"id": "Q5", ...}`), a time, or another type.
    pub value: serde_json::Value,
}

impl Snak {
    /// The item this snak names (`Q5`), if its value is an item.
    pub fn item(&self) -> Option<&str> {
        let value = &self.datavalue.as_ref().filter(|_| self.snaktype == "value")?.value;
        value.get("id").and_then(|v| v.as_str())
    }

    /// The snak's time as a registry date, to the precision Wikidata gives:
    /// `YYYY` (precision 9), `YYYY-MM` (10) or `YYYY-MM-DD` (11 and finer).
    /// `None` for coarser precisions, dates before year 1 or after 9999,
    /// and values that are not times.
    pub fn date(&self) -> Option<String> {
        let value = &self.datavalue.as_ref().filter(|_| self.snaktype == "value")?.value;
        let time = value.get("time")?.as_str()?;
        let precision = value.get("precision")?.as_u64()?;
        wikidata_date(time, precision)
    }
}

/// `+2019-05-20T00:00:00Z` at `precision` as a registry date.
pub fn wikidata_date(time: &str, precision: u64) -> Option<String> {
    let rest = time.strip_prefix('+')?;
    let (date, _) = rest.split_once('T')?;
    let mut parts = date.split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?;
    let day = parts.next()?;
    if !(1..=9999).contains(&year) {
        return None;
    }
    let out = match precision {
        9 => format!("{year:04}"),
        10 if month != "00" => format!("{year:04}-{month}"),
        10 => format!("{year:04}"),
        11..=14 if month != "00" && day != "00" => format!("{year:04}-{month}-{day}"),
        11..=14 if month != "00" => format!("{year:04}-{month}"),
        11..=14 => format!("{year:04}"),
        _ => return None,
    };
    crate::date::PartialDate::parse(&out).ok().map(|_| out)
}

/// Wikibase writes an empty map as `[]`: read either as the map.
fn map_or_empty_list<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either<T> {
        Map(T),
        List(Vec<serde::de::IgnoredAny>),
    }
    match Either::<T>::deserialize(deserializer)? {
        Either::Map(map) => Ok(map),
        Either::List(items) if items.is_empty() => Ok(T::default()),
        Either::List(_) => Err(serde::de::Error::custom("expected an object, found a list with items")),
    }
}

#[cfg(test)]
mod tests {
    use super::{Entity, wikidata_date};

    #[test]
    fn dates_keep_wikidata_precision() {
        assert_eq!(wikidata_date("+2019-05-20T00:00:00Z", 11).as_deref(), Some("2019-05-20"));
        assert_eq!(wikidata_date("+2019-05-00T00:00:00Z", 10).as_deref(), Some("2019-05"));
        assert_eq!(wikidata_date("+2019-00-00T00:00:00Z", 9).as_deref(), Some("2019"));
        assert_eq!(wikidata_date("+2019-00-00T00:00:00Z", 11).as_deref(), Some("2019"));
        assert_eq!(wikidata_date("+2010-00-00T00:00:00Z", 8), None, "a decade is no registry date");
        assert_eq!(wikidata_date("-0044-03-15T00:00:00Z", 11), None);
        assert_eq!(wikidata_date("+2019-02-30T00:00:00Z", 11), None);
    }

    #[test]
    fn empty_maps_written_as_lists_are_read() {
        let e: Entity =
            serde_json::from_str(r#"{"id":"Q1","labels":[],"aliases":[],"claims":[],"sitelinks":{"x":1}}"#).unwrap();
        assert_eq!(e.id, "Q1");
        assert!(e.labels.is_empty() && e.claims.instance_of.is_empty());
    }
}
