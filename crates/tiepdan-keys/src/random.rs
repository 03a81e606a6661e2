//! Random bytes from the operating system, the only source this crate uses (no user-space generator to
//! seed or to fork-duplicate).

use crate::error::KeyError;

pub(crate) fn random_array<const N: usize>() -> Result<[u8; N], KeyError> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|_| KeyError::Randomness)?;
    Ok(out)
}
