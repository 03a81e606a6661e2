//! The register file itself: where it lives (`paths`), the single-writer lock beside it (`lock`),
//! opening a connection to it (`connection`) keyed with SQLCipher when encrypted (`cipher`), its
//! schema (`migrations`) and how domain values are spelled in its columns (`columns`). Its backup
//! and restore are `restore::backup`.
//!
//! Invariants: one process writes a register at a time; every connection runs in WAL mode with
//! `synchronous=FULL` and foreign keys on, keyed first when the register is encrypted; migrations are
//! append-only and a register newer than this build is refused; the file is readable by its owner
//! only. This is the lowest concern after `error`: it uses no other.

pub(crate) mod cipher;
pub(crate) mod columns;
pub(crate) mod connection;
pub(crate) mod lock;
pub mod migrations;
pub mod paths;
