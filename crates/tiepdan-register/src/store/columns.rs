//! How domain values are spelled in SQL columns: enums by their serde names (`complaint`, `land`,
//! `leader_periodic`), the same words as the JSON of the CLI and the journal, so a row, an event and a
//! request read alike; times as RFC 3339; dates as `YYYY-MM-DD`.

use crate::error::{RegisterError, Result};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use tiepdan_domain::access::Role;

/// The serde name of a unit enum value.
pub(crate) fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        other => unreachable_word(other),
    }
}

// Only unit enums reach `word`; anything else is a programming error caught by the round-trip tests.
fn unreachable_word(other: serde_json::Result<Value>) -> String {
    panic!("column word for a value that is not a unit enum: {other:?}")
}

pub(crate) fn opt_word<T: Serialize>(value: &Option<T>) -> Option<String> {
    value.as_ref().map(word)
}

/// Reads a value written by [`word`].
pub(crate) fn from_word<T: DeserializeOwned>(column: &str, text: &str) -> Result<T> {
    serde_json::from_value(Value::String(text.to_string()))
        .map_err(|e| RegisterError::Decode(format!("{column} = {text:?}: {e}")))
}

pub(crate) fn from_opt_word<T: DeserializeOwned>(column: &str, text: Option<String>) -> Result<Option<T>> {
    text.map(|t| from_word(column, &t)).transpose()
}

pub(crate) fn time_text(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339()
}

pub(crate) fn parse_time(column: &str, text: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).map_err(|e| RegisterError::Decode(format!("{column} = {text:?}: {e}")))
}

pub(crate) fn parse_utc(column: &str, text: &str) -> Result<DateTime<Utc>> {
    parse_time(column, text).map(|t| t.with_timezone(&Utc))
}

pub(crate) fn parse_date(column: &str, text: &str) -> Result<NaiveDate> {
    text.parse().map_err(|e| RegisterError::Decode(format!("{column} = {text:?}: {e}")))
}

pub(crate) fn parse_id<T: std::str::FromStr>(column: &str, text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| RegisterError::Decode(format!("{column} = {text:?}: {e}")))
}

/// An officer's roles as stored: their words in a fixed order, separated by commas.
pub(crate) fn roles_column(roles: &[Role]) -> String {
    roles.iter().map(|r| r.word()).collect::<Vec<_>>().join(",")
}

/// Reads a value written by [`roles_column`]; an unknown word means the file is damaged.
pub(crate) fn parse_roles(column: &str) -> Result<Vec<Role>> {
    column
        .split(',')
        .map(|word| {
            Role::from_word(word)
                .ok_or_else(|| RegisterError::Corrupt(format!("officers.roles has an unknown role {word:?}")))
        })
        .collect()
}
