//! Who may do what, and the secrets that decide it (issue 7, issue 12; docs/access.md, docs/keys.md):
//! the [`actor::Actor`] every act names, signing in and out (`sessions`, `signins`, `pins`), opening
//! an encrypted register from a key slot (`keyed`, `recovery`; the SQLCipher keying of the file is
//! `store::cipher`), denouncers' identities sealed inside it (`sealing`, `typed`; those recorded
//! before the first password are sealed by `visits::sealed_later`), files kept beside it
//! (`protected_files`, `desk_card`), the access audit (`access_log`, with the sync administrator's
//! entries in `sync_audit`) and the first-time set-up that creates the first officer and the keys
//! (`setup`).
//!
//! Invariants: every write and every permissioned read names one explicit actor, is checked against
//! the domain's permission matrix and carries that actor's officer (on its journal event, in the
//! access audit); a password or the recovery key is only ever checked by unwrapping the register key
//! with it (a PIN only gives back a session the app still holds); no secret (register key, seal
//! secret, typed identity) is written in clear or kept past its session. This concern sits on `store`
//! only (see the layers in lib.rs): it reads the officer an actor names itself, and seals or opens
//! the visit details it is handed; what it needs of a visit's history, `visits` passes in.

pub(crate) mod access_log;
pub(crate) mod actor;
pub(crate) mod desk_card;
pub(crate) mod keyed;
pub(crate) mod pins;
pub(crate) mod protected_files;
pub(crate) mod recovery;
pub(crate) mod sealing;
pub mod sessions;
pub(crate) mod setup;
pub(crate) mod signins;
pub(crate) mod sync_audit;
pub(crate) mod typed;
