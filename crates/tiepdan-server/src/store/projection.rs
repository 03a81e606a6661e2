//! The server's projection of received visits per ward, kept in the push transaction.
//!
//! Read from the payload JSON rather than the domain types so an event from a newer desk, or one
//! with withheld fields, still counts. Only what the dashboard and reports need is kept: dates,
//! head counts, petition kind and handling, status. Personal data stays in the event payloads.

use super::Credential;
use crate::error::Result;
use chrono::DateTime;
use rusqlite::{params, Transaction};
use serde_json::Value;
use tiepdan_domain::clock::vietnam_offset;

struct Facts {
    received_at: Option<String>,
    received_on: Option<String>,
    people_count: Option<i64>,
    petition_kind: Option<String>,
    handling: Option<String>,
}

fn facts(details: &Value) -> Facts {
    let received_at = details.get("received_at").and_then(Value::as_str).map(str::to_string);
    let received_on = received_at
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&vietnam_offset()).date_naive().to_string());
    let text = |p: &str| details.pointer(p).and_then(Value::as_str).map(str::to_string);
    Facts {
        received_at,
        received_on,
        people_count: details.get("people_count").and_then(Value::as_i64),
        petition_kind: text("/petition/kind"),
        handling: text("/petition/handling"),
    }
}

pub(super) fn apply(
    tx: &Transaction<'_>,
    stream: &str,
    cred: &Credential,
    seq: u64,
    payload: &Value,
) -> Result<()> {
    let Some(body) = payload.get("body") else { return Ok(()) };
    let visit_id = |v: &Value| v.as_str().map(str::to_string);
    match payload.get("kind").and_then(Value::as_str) {
        Some("visit_recorded") => {
            let Some(id) = body.get("id").and_then(visit_id) else { return Ok(()) };
            let f = facts(body);
            let status = body.get("status").and_then(Value::as_str).unwrap_or("active");
            tx.execute(
                "INSERT INTO visits (visit_id, ward_code, desk, stream, seq, receipt_no, received_at,
                     received_on, people_count, petition_kind, handling, status, updated_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?5)
                 ON CONFLICT (visit_id) DO NOTHING",
                params![
                    id,
                    cred.ward_code,
                    cred.desk.to_string(),
                    stream,
                    seq as i64,
                    body.get("receipt_no").and_then(Value::as_str),
                    f.received_at,
                    f.received_on,
                    f.people_count,
                    f.petition_kind,
                    f.handling,
                    status
                ],
            )?;
        }
        Some("visit_amended") => {
            let (Some(id), Some(details)) = (body.get("visit_id").and_then(visit_id), body.get("details"))
            else {
                return Ok(());
            };
            let f = facts(details);
            tx.execute(
                "UPDATE visits SET received_at = ?3, received_on = ?4, people_count = ?5, petition_kind = ?6,
                     handling = ?7, amendments = amendments + 1, updated_seq = ?8
                 WHERE visit_id = ?1 AND ward_code = ?2",
                params![
                    id,
                    cred.ward_code,
                    f.received_at,
                    f.received_on,
                    f.people_count,
                    f.petition_kind,
                    f.handling,
                    seq as i64
                ],
            )?;
        }
        Some("visit_cancelled") => {
            let Some(id) = body.get("visit_id").and_then(visit_id) else { return Ok(()) };
            tx.execute(
                "UPDATE visits SET status = 'cancelled', updated_seq = ?3 WHERE visit_id = ?1 AND ward_code = ?2",
                params![id, cred.ward_code, seq as i64],
            )?;
        }
        _ => {}
    }
    Ok(())
}
