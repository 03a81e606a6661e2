//! Visits (lượt tiếp): recording, amending and cancelling them with their receipt numbers
//! (`recording`), reading them and their history back as domain types (`visit_rows`), finding them as
//! the clerk types (`search`) and linking a returning citizen's visits into one matter
//! (`repeat_matters`).
//!
//! Invariants: each change is one transaction that checks the input, appends its journal event and
//! applies it to the projection tables, the search index included; a receipt number is never handed
//! out twice; a sealed visitor's identity is read only through `access::sealing`, never from a row.

pub(crate) mod recording;
pub(crate) mod repeat_matters;
pub(crate) mod search;
pub(crate) mod visit_rows;

pub(crate) use recording::{apply_amended, apply_cancelled, apply_recorded};
