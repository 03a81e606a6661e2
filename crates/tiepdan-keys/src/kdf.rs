//! Argon2id: how a password or a recovery key becomes the key that wraps a slot.
//!
//! Each slot stores its own parameters so they can be raised later without locking anyone out. Loading
//! refuses a slot whose parameters are below a floor (an attacker who can write the file must not be able
//! to make a slot cheap to brute-force after the next password change) or above a ceiling (a forged file
//! must not make the desk allocate gigabytes at sign-in).

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::KeyError;

/// Argon2id cost parameters, as stored in each slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost: u32,
    /// Passes over memory.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl KdfParams {
    /// The parameters for new slots: 128 MiB, 4 passes, 1 lane — measured in `docs/keys.md` at about
    /// a third of a second per sign-in on the project's 2-core machines in release.
    pub const fn recommended() -> KdfParams {
        KdfParams { m_cost: 128 * 1024, t_cost: 4, p_cost: 1 }
    }

    /// Parameters so small they are useless against an attacker: for tests only, and refused by
    /// [`KdfFloor::standard`].
    pub const fn insecure_for_tests() -> KdfParams {
        KdfParams { m_cost: 64, t_cost: 1, p_cost: 1 }
    }
}

/// The weakest (and strongest) parameters a loaded key file may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfFloor {
    min: KdfParams,
}

/// Ceilings that bound the work a forged file can ask of the desk.
const MAX_M_COST: u32 = 1024 * 1024;
const MAX_T_COST: u32 = 32;
const MAX_P_COST: u32 = 16;

impl KdfFloor {
    /// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane. What every real load uses.
    pub const fn standard() -> KdfFloor {
        KdfFloor { min: KdfParams { m_cost: 19 * 1024, t_cost: 2, p_cost: 1 } }
    }

    /// A floor at [`KdfParams::insecure_for_tests`], so tests can load files they wrote with tiny
    /// parameters. Never use it outside tests: it re-opens the downgrade the floor exists to stop.
    pub const fn insecure_for_tests() -> KdfFloor {
        KdfFloor { min: KdfParams::insecure_for_tests() }
    }

    /// Whether a slot with `p` may be loaded.
    pub fn accepts(&self, p: &KdfParams) -> bool {
        (self.min.m_cost..=MAX_M_COST).contains(&p.m_cost)
            && (self.min.t_cost..=MAX_T_COST).contains(&p.t_cost)
            && (self.min.p_cost..=MAX_P_COST).contains(&p.p_cost)
    }
}

/// The 32-byte key-encryption key for `secret` under `salt` and `params`.
pub(crate) fn derive(
    secret: &[u8],
    salt: &[u8],
    params: &KdfParams,
) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let params = Params::new(params.m_cost, params.t_cost, params.p_cost, Some(32))
        .map_err(|e| KeyError::Kdf(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, &mut out[..])
        .map_err(|e| KeyError::Kdf(e.to_string()))?;
    Ok(out)
}

/// [`derive`] with argon2's secret input (a pepper) set to `key`: the output depends on a value the
/// attacker must hold besides the salt and the input (a PIN's verifier, keyed by the officer's own
/// secret).
pub(crate) fn derive_keyed(
    input: &[u8],
    salt: &[u8],
    params: &KdfParams,
    key: &[u8; 32],
) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let params = Params::new(params.m_cost, params.t_cost, params.p_cost, Some(32))
        .map_err(|e| KeyError::Kdf(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new_with_secret(key, Algorithm::Argon2id, Version::V0x13, params)
        .map_err(|e| KeyError::Kdf(e.to_string()))?
        .hash_password_into(input, salt, &mut out[..])
        .map_err(|e| KeyError::Kdf(e.to_string()))?;
    Ok(out)
}
