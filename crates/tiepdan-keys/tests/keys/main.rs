//! The key store's behaviour as the desk app and an attacker would see it. One binary; modules
//! mirror `src/`. Every register here uses `KdfParams::insecure_for_tests` so the suite stays fast;
//! the floor that refuses such files in real use is tested in `slots`.

mod password;
mod recovery;
mod seal;
mod slots;
mod store;

use std::path::PathBuf;

use tempfile::TempDir;
use tiepdan_keys::{KdfFloor, KdfParams, KeySlots, OfficerSlotSpec, RecoveryKey, Unlocked};

pub const ADMIN_PASSWORD: &str = "quản trị viên 2024";
pub const LEADER_PASSWORD: &str = "chủ tịch phường!";
pub const CLERK_PASSWORD: &str = "cán bộ tiếp dân";

/// A register set up as at first run: an administrator who is not a leader, then a leader and a clerk
/// added by the recovery session (which holds the seal).
pub struct Ward {
    pub dir: TempDir,
    pub path: PathBuf,
    pub slots: KeySlots,
    pub admin: Unlocked,
    pub recovery: RecoveryKey,
}

pub fn ward() -> Ward {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("register.keys");
    let recovery = RecoveryKey::generate().expect("randomness");
    let (mut slots, admin) = KeySlots::create_with_params(
        &recovery,
        OfficerSlotSpec { officer_id: "admin", password: ADMIN_PASSWORD, may_unseal: false },
        KdfParams::insecure_for_tests(),
    )
    .expect("a new key file");
    let safe = slots.unlock_recovery(&recovery).expect("the recovery key opens a new file");
    slots.add_officer(&safe, "leader", LEADER_PASSWORD, true).expect("the recovery session may add a leader");
    slots.add_officer(&admin, "clerk", CLERK_PASSWORD, false).expect("the administrator may add a clerk");
    slots.save(&path).expect("the key file saves");
    Ward { dir, path, slots, admin, recovery }
}

pub fn load(path: &std::path::Path) -> Result<KeySlots, tiepdan_keys::KeyError> {
    KeySlots::load_with_floor(path, KdfFloor::insecure_for_tests())
}
