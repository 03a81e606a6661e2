//! The ward register's key material and the key slot file that guards it.
//!
//! This crate owns one outside world of its own: secrets. It holds
//! - the **register key** (32 random bytes; the SQLCipher raw key of the register and its backups), never
//!   on disk in clear but wrapped, LUKS-style, once per officer password and once by a **recovery key**
//!   printed at setup for the ward's safe ([`KeySlots`], `register.keys` beside the register);
//! - the **seal key pair** (X25519): any session, a clerk's included, seals a denouncer's identity to the
//!   public key ([`seal()`]); only leader slots and the recovery slot carry the secret that opens it
//!   ([`Unlocked::open_sealed`]), because the identity is a state secret (domain.md §6).
//!
//! It depends on no other workspace crate, on purpose: the code that can see keys stays small enough to
//! review in one sitting, it can be audited and fuzzed alone, and nothing in the domain or register can
//! reach into it except through this API. The register wires the register key into SQLCipher; roles
//! (who is an administrator, who a leader) live in the register, and this crate checks only what the
//! keys themselves require.
//!
//! Invariants: no password, key or plaintext appears in `Debug`, `Display`, an error or a log line;
//! secrets are zeroized on drop; the file is only ever replaced atomically. `docs/keys.md` documents
//! the hierarchy, the file and sealed formats and the threat model.

mod error;
mod file_box;
mod kdf;
mod password;
mod pin;
mod random;
mod record;
mod recovery;
mod seal;
mod slots;
mod store;
mod unlocked;

pub use error::KeyError;
pub use file_box::{decrypt_file, encrypt_file, is_encrypted_file};
pub use kdf::{KdfFloor, KdfParams};
pub use password::{check_password, PasswordProblem, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
pub use pin::{check_pin, PinProblem, MAX_PIN_DIGITS, MIN_PIN_DIGITS};
pub use recovery::RecoveryKey;
pub use seal::{seal, SealPublicKey, SealedBytes};
pub use slots::{KeySlots, OfficerSlot, OfficerSlotSpec, PasswordReset};
pub use store::temp_path;
pub use unlocked::{RegisterKey, SlotHolder, Unlocked};
