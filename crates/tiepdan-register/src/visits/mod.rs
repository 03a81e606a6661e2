//! Visits (lượt tiếp): recording, amending and cancelling them with their receipt numbers
//! (`recording`), reading them back as domain types (`visit_rows`) with their history (`history`),
//! finding them as the clerk types (`search`), linking a returning citizen's visits into one matter
//! (`repeat_matters`), the reception calendar and leader sessions a visit is received at
//! (`reception_calendar`), and sealing in bulk the denunciations recorded before the register had
//! passwords (`sealed_later`).
//!
//! Invariants: each change is one transaction that checks the input, appends its journal event and
//! applies it to the projection tables, the search index included; a receipt number is never handed
//! out twice; a sealed visitor's identity is read only through `access::sealing`, never from a row.
//! Petitions and printing sit above this concern, `access` and `journal` below it.

pub(crate) mod history;
pub(crate) mod reception_calendar;
pub(crate) mod recording;
pub(crate) mod repeat_matters;
pub(crate) mod sealed_later;
pub(crate) mod search;
pub(crate) mod visit_rows;

pub(crate) use recording::{apply_amended, apply_cancelled, apply_recorded};
