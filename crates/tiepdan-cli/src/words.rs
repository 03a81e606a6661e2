//! Command-line words for the register's enums (`--source post`, `--sat head`, `--state processed`):
//! the same snake_case words as the JSON, read through serde so the two can never disagree.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The value `text` names, or serde's message listing the words it accepts.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(Value::String(text.trim().to_string())).map_err(|e| e.to_string())
}
