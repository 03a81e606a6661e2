//! The register file itself: where it lives (`paths`), the single-writer lock beside it (`lock`),
//! opening a connection to it (`connection`), its schema (`migrations`), how domain values are
//! spelled in its columns (`columns`) and its backup and restore (`backup`).
//!
//! Invariants: one process writes a register at a time; every connection runs in WAL mode with
//! `synchronous=FULL` and foreign keys on, keyed first when the register is encrypted; migrations are
//! append-only and a register newer than this build is refused; the file is readable by its owner
//! only. Only `backup` reaches into other concerns: it audits the act, carries the key file beside
//! the copy and, after a restore, freezes the old streams and starts a new epoch.

pub(crate) mod backup;
pub(crate) mod columns;
pub(crate) mod connection;
pub(crate) mod lock;
pub mod migrations;
pub mod paths;
