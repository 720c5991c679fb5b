//! Calendar dates as authors write them in front matter (`date = 2025-03-18`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub chrono::NaiveDate);

impl Date {
    pub fn year(self) -> i32 {
        chrono::Datelike::year(&self.0)
    }

    pub fn quarter(self) -> String {
        format!(
            "{}Q{}",
            self.year(),
            (chrono::Datelike::month(&self.0) - 1) / 3 + 1
        )
    }

    pub fn parse(s: &str) -> Option<Date> {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(Date)
    }

    pub fn today() -> Date {
        Date(chrono::Local::now().date_naive())
    }

    pub fn add_months(self, months: u32) -> Date {
        Date(
            self.0
                .checked_add_months(chrono::Months::new(months))
                .unwrap_or(self.0),
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// What `Date` says when the value is a TOML date that no calendar has (toml itself
/// already rejects most of these); `toml_message` recognises it.
pub const NOT_A_DAY: &str = "not a calendar date";
/// What `Date` says when the value has a time of day; `toml_message` recognises it.
pub const HAS_TIME: &str = "expected a date like 2025-03-18, without a time";

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        match (dt.date, dt.time) {
            (Some(date), None) => chrono::NaiveDate::from_ymd_opt(
                date.year as i32,
                date.month as u32,
                date.day as u32,
            )
            .map(Date)
            .ok_or_else(|| serde::de::Error::custom(NOT_A_DAY)),
            _ => Err(serde::de::Error::custom(HAS_TIME)),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}
