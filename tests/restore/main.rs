//! Restoring a desk from backup, against a real `tiepdan-server` process on 127.0.0.1:0 with real
//! registers and the real sync engine (issue #5, `shared/sync-design.md` Lifecycle): with the
//! district ahead of the backup and with the backup ahead of the district, the register ends
//! complete, new work goes to a new stream, nothing forks, and every scenario ends with the server's
//! invariant checker (I1–I10 as far as a store shows them) and the desk's mark checked against it (I6).
//!
//! `intake`: a petition received by post reaches the same real district with what the reports count
//! and no identity of its sender (issue 16).
//!
//! Needs the server binary: `cargo test --workspace --no-run` first (the helper says so if it is missing).

mod intake;
mod scenarios;
