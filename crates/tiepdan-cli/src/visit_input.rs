//! Reading the JSON inputs of `docs/cli.md` (a visit draft, a received petition, a processing
//! decision, the reception schedule) from a file or standard input.
//!
//! Parse errors keep serde's line, column and the name of an unknown field, because the person
//! fixing the file needs exactly that. For amendments the output of `visit show --json` is accepted
//! as it is: its stored-only keys (`id`, `receipt_no`, `status`) are dropped, and the `id`, when
//! present, must be the visit being amended so an edited copy of one visit cannot overwrite another.

use crate::error::{CliError, Exit};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::io::Read;
use std::path::Path;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_domain::VisitId;

/// Keys a stored visit has and a draft does not.
const STORED_ONLY: [&str; 3] = ["id", "receipt_no", "status"];

/// The text of `source`: a file path, or `-` for standard input.
fn read_text(source: &Path) -> Result<String, CliError> {
    let mut text = String::new();
    let read = if source == Path::new("-") {
        std::io::stdin().read_to_string(&mut text).map(drop)
    } else {
        std::fs::read_to_string(source).map(|t| text = t)
    };
    read.map_err(|e| CliError::new(Exit::Invalid, format!("cannot read {}: {e}", label(source))))?;
    Ok(text)
}

fn label(source: &Path) -> String {
    if source == Path::new("-") {
        "standard input".into()
    } else {
        source.display().to_string()
    }
}

fn unreadable(source: &Path, err: serde_json::Error) -> CliError {
    unreadable_as("visit", source, err)
}

fn unreadable_as(what: &str, source: &Path, err: serde_json::Error) -> CliError {
    CliError::new(Exit::Invalid, format!("the {what} JSON in {} is not valid: {err}", label(source)))
}

/// Any JSON input of `docs/cli.md`, named `what` in the message when it cannot be read.
pub fn read<T: DeserializeOwned>(what: &str, source: &Path) -> Result<T, CliError> {
    serde_json::from_str(&read_text(source)?).map_err(|e| unreadable_as(what, source, e))
}

/// A new visit: the draft format only.
pub fn new_visit(source: &Path) -> Result<VisitDraft, CliError> {
    read("visit", source)
}

/// The details of an amendment to visit `id`: a draft, or a stored visit as `visit show --json` prints it.
pub fn amendment(source: &Path, id: VisitId) -> Result<VisitDraft, CliError> {
    let text = read_text(source)?;
    let first_error = match serde_json::from_str(&text) {
        Ok(draft) => return Ok(draft),
        Err(e) => e,
    };
    let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(&text) else {
        return Err(unreadable(source, first_error));
    };
    if !STORED_ONLY.iter().any(|k| object.contains_key(*k)) {
        return Err(unreadable(source, first_error));
    }
    if let Some(stored) = object.get("id") {
        if stored.as_str() != Some(id.to_string().as_str()) {
            return Err(CliError::new(
                Exit::Invalid,
                format!("{} is visit {stored}, not the visit {id} being amended", label(source)),
            ));
        }
    }
    STORED_ONLY.iter().for_each(|k| drop(object.remove(*k)));
    serde_json::from_value(Value::Object(object)).map_err(|e| unreadable(source, e))
}
