//! Calendar dates of the precision newsrooms actually record.
//!
//! Roles are often known only to the year or month ("minister since 2019"),
//! while articles carry a full publication date. A [`PartialDate`] keeps the
//! precision it was written with, and comparisons treat it as the interval of
//! days it stands for, so "2019" as the end of a role means "until the end of
//! 2019", never "until 1 January".

use std::fmt;

/// A date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PartialDate {
    /// The year.
    pub year: u16,
    /// The month (1-12), if written.
    pub month: Option<u8>,
    /// The day of the month, if written (only together with a month).
    pub day: Option<u8>,
}

/// A full calendar date, the unit articles are dated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// The month, 1-12.
    pub month: u8,
    /// The day of the month, 1-31.
    pub day: u8,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found `{0}`")]
    Format(String),
    /// Well formed, but no such day exists.
    #[error("`{0}` is not a calendar date")]
    NoSuchDay(String),
    /// Where a full date is needed (an article's date): not `YYYY-MM-DD`.
    #[error("expected a full date as YYYY-MM-DD, found `{0}`")]
    NotFull(String),
    /// A full date with a time of day that does not exist.
    #[error("`{0}` has no such time of day (expected HH:MM or HH:MM:SS, hours 00-23, minutes and seconds 00-59)")]
    NoSuchTime(String),
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<PartialDate, DateError> {
        let format_error = || DateError::Format(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if parts.is_empty() || parts.len() > 3 || !digits(parts[0], 4) {
            return Err(format_error());
        }
        let year: u16 = parts[0].parse().map_err(|_| format_error())?;
        let mut date = PartialDate { year, month: None, day: None };
        if let Some(m) = parts.get(1) {
            if !digits(m, 2) {
                return Err(format_error());
            }
            let month: u8 = m.parse().map_err(|_| format_error())?;
            if !(1..=12).contains(&month) {
                return Err(DateError::NoSuchDay(s.to_string()));
            }
            date.month = Some(month);
        }
        if let Some(d) = parts.get(2) {
            if !digits(d, 2) {
                return Err(format_error());
            }
            let day: u8 = d.parse().map_err(|_| format_error())?;
            if day == 0 || day > days_in_month(year, date.month.unwrap_or(1)) {
                return Err(DateError::NoSuchDay(s.to_string()));
            }
            date.day = Some(day);
        }
        Ok(date)
    }

    /// The first day this partial date stands for.
    pub fn first_day(self) -> Date {
        Date { year: self.year, month: self.month.unwrap_or(1), day: self.day.unwrap_or(1) }
    }

    /// The last day this partial date stands for.
    pub fn last_day(self) -> Date {
        let month = self.month.unwrap_or(12);
        Date { year: self.year, month, day: self.day.unwrap_or_else(|| days_in_month(self.year, month)) }
    }
}

impl Date {
    /// Parses a full `YYYY-MM-DD` date. A time of day after `T` or a space
    /// (RFC 3339 `2026-01-06T10:00:00Z`, Jekyll `2026-01-06 10:00:00 +0100`)
    /// must exist but is otherwise ignored.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let (day_part, time) = match s.find(['T', 't', ' ']) {
            Some(at) => (&s[..at], Some(&s[at + 1..])),
            None => (s, None),
        };
        let partial = PartialDate::parse(day_part).map_err(|e| match e {
            DateError::Format(_) => DateError::NotFull(s.to_string()),
            other => other,
        })?;
        if partial.day.is_none() {
            return Err(DateError::NotFull(s.to_string()));
        }
        if time.is_some_and(|t| !is_time_of_day(t.trim_start())) {
            return Err(DateError::NoSuchTime(s.to_string()));
        }
        Ok(partial.first_day())
    }
}

/// `HH:MM` or `HH:MM:SS` (fractions allowed), then nothing, `Z`, an offset
/// (`+01:00`, `-0500`) or a zone name (`UTC`, `CET`), with or without a
/// space before it.
fn is_time_of_day(text: &str) -> bool {
    let two = |s: &str, max: u8| {
        s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u8>().is_ok_and(|n| n <= max)
    };
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(text.len());
    let (clock, zone) = text.split_at(end);
    let mut parts = clock.splitn(3, ':');
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else { return false };
    if !two(h, 23) || !two(m, 59) {
        return false;
    }
    if let Some(seconds) = parts.next() {
        let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
        // 60: a leap second.
        if !two(whole, 60) || fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    let zone = zone.trim_start();
    if zone.is_empty() || zone.eq_ignore_ascii_case("z") {
        return true;
    }
    if let Some(offset) = zone.strip_prefix(['+', '-']) {
        let (h, m) = match offset.split_once(':') {
            Some(parts) => parts,
            None if offset.len() == 4 => offset.split_at(2),
            None => (offset, "00"),
        };
        return two(h, 23) && two(m, 59);
    }
    (1..=5).contains(&zone.len()) && zone.bytes().all(|b| b.is_ascii_uppercase())
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `secs` seconds after the Unix epoch as an RFC 3339 UTC timestamp
/// (`2026-12-01T10:00:00Z`): when a person recorded a decision.
pub fn utc_timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3_600, rest % 3_600 / 60, rest % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc_3339_utc() {
        assert_eq!(super::utc_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::utc_timestamp(951_782_400 + 3_661), "2000-02-29T01:01:01Z");
        assert_eq!(super::utc_timestamp(1_796_119_200), "2026-12-01T10:00:00Z");
    }

    use super::*;

    #[test]
    fn partial_dates_cover_their_interval() {
        let year = PartialDate::parse("2019").unwrap();
        assert_eq!(year.first_day().to_string(), "2019-01-01");
        assert_eq!(year.last_day().to_string(), "2019-12-31");
        let month = PartialDate::parse("2024-02").unwrap();
        assert_eq!(month.last_day().to_string(), "2024-02-29");
        assert_eq!(PartialDate::parse("2025-08-19").unwrap().to_string(), "2025-08-19");
    }

    #[test]
    fn bad_dates_are_refused() {
        for bad in ["19", "2019-1", "2019-13", "2023-02-29", "2019-04-31", "2019/04/01", "", "2019-04-01-02"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} was accepted");
        }
        assert_eq!(PartialDate::parse("2023-02-29").unwrap_err().to_string(), "`2023-02-29` is not a calendar date");
        for good in [
            "2026-01-06",
            "2026-01-06T10:00:00Z",
            "2026-01-06 10:00:00 +0100",
            "2026-01-06T23:59:60.5+01:00",
            "2026-01-06 09:30 CET",
        ] {
            assert!(Date::parse(good).is_ok(), "{good} was refused");
        }
        assert_eq!(
            Date::parse("2026-01-06T25:99:00Z").unwrap_err().to_string(),
            "`2026-01-06T25:99:00Z` has no such time of day (expected HH:MM or HH:MM:SS, hours 00-23, minutes and seconds 00-59)"
        );
        assert_eq!(Date::parse("2026").unwrap_err().to_string(), "expected a full date as YYYY-MM-DD, found `2026`");
        assert_eq!(Date::parse("").unwrap_err().to_string(), "expected a full date as YYYY-MM-DD, found ``");
    }

    #[test]
    fn article_dates_accept_timestamps() {
        assert_eq!(Date::parse("2025-08-19T10:30:00Z").unwrap().to_string(), "2025-08-19");
        assert!(Date::parse("2025-08").is_err());
    }
}
