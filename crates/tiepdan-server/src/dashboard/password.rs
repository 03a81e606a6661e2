//! Checks dashboard passwords with argon2id (19 MiB, about a tenth of a second each).
//!
//! Invariants:
//! - At most [`PARALLEL`] checks run at once, each on a thread of its own: guesses queue here and
//!   never occupy tokio's blocking pool, which pushes and every store call use. The permit travels
//!   with the thread, so a request that times out does not free a slot while its hash still runs.
//! - A name that does not exist costs the same work as one that does: its password is checked
//!   against a decoy hash made with the same parameters, so the answer's timing does not tell
//!   which names exist.

use crate::error::{Error, Result};
use crate::store::hash_password;
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

/// Password checks running at once; with 19 MiB each, 38 MiB at most.
pub const PARALLEL: usize = 2;

#[derive(Debug)]
pub struct PasswordCheck {
    permits: Arc<Semaphore>,
    decoy: Arc<OnceLock<String>>,
    verified: AtomicU64,
}

impl Default for PasswordCheck {
    fn default() -> Self {
        PasswordCheck {
            permits: Arc::new(Semaphore::new(PARALLEL)),
            decoy: Arc::default(),
            verified: AtomicU64::new(0),
        }
    }
}

impl PasswordCheck {
    /// Whether `password` matches `stored` (the user's hash, `None` for an unknown name). An unknown
    /// name is always refused, after the same work as a known one.
    pub async fn verify(&self, stored: Option<String>, password: String) -> Result<bool> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Error::Internal("password checks closed".into()))?;
        self.verified.fetch_add(1, Ordering::Relaxed);
        let decoy = self.decoy.clone();
        let (answer, answered) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("password-check".into())
            .spawn(move || {
                let _permit = permit;
                let known = stored.is_some();
                let result = match stored {
                    Some(hash) => matches(&hash, &password),
                    None => decoy_hash(&decoy).and_then(|hash| matches(&hash, &password)),
                };
                let _ = answer.send(result.map(|ok| ok && known));
            })
            .map_err(|e| Error::Internal(format!("password check thread: {e}")))?;
        answered.await.map_err(|_| Error::Internal("password check thread ended".into()))?
    }

    /// How many passwords were checked (known and unknown names alike) since start.
    pub fn verifications(&self) -> u64 {
        self.verified.load(Ordering::Relaxed)
    }
}

fn matches(stored: &str, password: &str) -> Result<bool> {
    let parsed = PasswordHash::new(stored).map_err(|e| Error::Internal(format!("stored hash: {e}")))?;
    Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash of a random password with the default parameters, made once.
fn decoy_hash(decoy: &OnceLock<String>) -> Result<String> {
    if let Some(hash) = decoy.get() {
        return Ok(hash.clone());
    }
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| Error::Internal(format!("random: {e}")))?;
    let hash = hash_password(&hex::encode(secret))?;
    // Two first logins racing may both make one; either is as good.
    Ok(decoy.get_or_init(|| hash).clone())
}
