//! `tiepdan-server copy`: moves a whole store from one engine to another (an existing SQLite file
//! into PostgreSQL when a province outgrows it), row for row, so every hash, number and time is kept
//! and the result passes `check` as the original did.
//!
//! The target must be empty and no server may be writing to the source: the copy reads each table
//! in its own snapshot. Rows go over in batches, each its own transaction; a copy that fails halfway
//! leaves a partial target, which `copy` refuses to add to (drop and re-create that database).

use super::{Row, Store, Table};
use crate::error::{Error, Result};

/// Every table of the store, parents before children, with the columns both engines share.
pub const TABLES: &[Table] = &[
    Table { name: "wards", columns: &["code", "name", "created_at"], key: "code" },
    Table { name: "desks", columns: &["ward_code", "desk", "added_at"], key: "ward_code, desk" },
    Table {
        name: "enrollment_codes",
        columns: &["code_hash", "ward_code", "desk", "created_at", "expires_at", "used_at"],
        key: "code_hash",
    },
    Table {
        name: "credentials",
        columns: &["id", "token_hash", "ward_code", "desk", "created_at", "revoked_at"],
        key: "id",
    },
    Table {
        name: "streams",
        columns: &[
            "stream",
            "ward_code",
            "desk",
            "hwm",
            "head",
            "local_max_seq",
            "first_push_at",
            "last_push_at",
            "quarantined_at",
            "reviews",
        ],
        key: "stream",
    },
    Table {
        name: "events",
        columns: &[
            "stream",
            "seq",
            "event_id",
            "kind",
            "recorded_at",
            "officer",
            "payload",
            "payload_hash",
            "chain_hash",
            "withheld",
            "review",
            "received_at",
            "redacted_at",
        ],
        key: "stream, seq",
    },
    Table {
        name: "quarantine",
        columns: &[
            "id",
            "stream",
            "seq",
            "stored_event_id",
            "stored_payload_hash",
            "stored_chain_hash",
            "incoming_event",
            "received_at",
            "released_at",
            "release_note",
        ],
        key: "id",
    },
    Table {
        name: "visits",
        columns: &[
            "visit_id",
            "ward_code",
            "desk",
            "stream",
            "seq",
            "receipt_no",
            "received_at",
            "received_on",
            "people_count",
            "petition_kind",
            "handling",
            "status",
            "amendments",
            "updated_seq",
            "source",
            "from_body",
            "letter_no",
            "letter_date",
            "petition_field",
            "signatories",
            "stage",
            "eligible",
            "competent",
            "processed_on",
            "session_id",
            "reception",
            "level",
            "accepted_on",
            "transferred_on",
            "answered_on",
            "resolved_on",
            "outcome",
        ],
        key: "visit_id",
    },
    Table {
        name: "repeat_links",
        columns: &["visit_id", "ward_code", "earlier_visit_id", "stream", "seq"],
        key: "visit_id",
    },
    Table {
        name: "reception_sessions",
        columns: &[
            "session_id",
            "ward_code",
            "desk",
            "stream",
            "seq",
            "planned_on",
            "part",
            "kind",
            "sat",
            "outcome",
            "visits",
            "updated_seq",
        ],
        key: "session_id",
    },
    Table { name: "feed", columns: &["number", "ward_code", "kind", "data", "created_at"], key: "number" },
    Table { name: "users", columns: &["name", "password_hash", "created_at", "removed_at"], key: "name" },
    Table {
        name: "sessions",
        columns: &["token_hash", "user_name", "created_at", "expires_at"],
        key: "token_hash",
    },
    Table { name: "visit_events", columns: &["visit_id", "stream", "seq"], key: "visit_id, stream, seq" },
    Table { name: "protected_visits", columns: &["visit_id", "protected_at"], key: "visit_id" },
];

const BATCH: usize = 500;

/// Rows copied per table, in [`TABLES`] order.
pub type CopyReport = Vec<(&'static str, u64)>;

pub fn copy(from: &Store, to: &Store) -> Result<CopyReport> {
    if !to.backend().is_empty()? {
        return Err(Error::BadRequest(
            "kho đích đã có dữ liệu: chỉ chép vào một cơ sở dữ liệu trống (the target store is not empty)"
                .into(),
        ));
    }
    let mut report = Vec::new();
    for table in TABLES {
        let mut batch: Vec<Row> = Vec::with_capacity(BATCH);
        let mut copied = 0u64;
        from.backend().export(table, &mut |row| {
            batch.push(row);
            if batch.len() == BATCH {
                to.backend().import(table, &batch)?;
                copied += batch.len() as u64;
                batch.clear();
            }
            Ok(())
        })?;
        if !batch.is_empty() {
            to.backend().import(table, &batch)?;
            copied += batch.len() as u64;
        }
        tracing::info!(table = table.name, rows = copied, "copied");
        report.push((table.name, copied));
    }
    to.backend().finish_import()?;
    Ok(report)
}
