//! Restoring a desk (`shared/sync-design.md`, Lifecycle: restore from backup): the copies it is
//! restored from (`backup`: taking one while the register stays open, and restoring one, which
//! freezes every stream in it and starts a new epoch) and, afterwards, taking back from the district
//! the events written after that copy (`import`).
//!
//! This is the top concern of the crate: a restore replaces the whole file with its key file and
//! audits the act, and an import applies each event through the very functions of `ward`, `visits`
//! and `petitions` that a live command uses. Nothing below imports from here.

pub(crate) mod backup;
pub(crate) mod import;
