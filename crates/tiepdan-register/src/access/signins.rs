//! Failed sign-ins of an encrypted register, kept beside it in `register.signins` (one line each:
//! time, officer id, and whether the access audit has it yet): the growing wait after wrong passwords
//! must hold before the register can be decrypted, and across restarts.
//!
//! The file holds nothing secret (times and officer ids) and only failures since each officer's last
//! successful sign-in: a success rewrites it without that officer's lines. Lines written while the
//! register was closed are copied into the access audit at the next successful open
//! ([`crate::Register::audit_pending_sign_in_failures`]), then marked as audited; a crash between the two
//! steps cannot copy a line twice (a copy is skipped when the audit already holds it). Deleting the
//! file forgives the waits — someone who can delete it can also copy the register and its key file
//! away and guess offline, which argon2id, not the wait, defends against (docs/access.md).

use crate::error::{RegisterError, Result};
use crate::store::cipher::{remove_if_present, sync_directory, with_suffix};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tiepdan_domain::access::sign_in_wait;
use tiepdan_domain::event::canonical_time;
use tiepdan_domain::OfficerId;

/// `register.signins` beside `register.sqlite3`.
pub fn signins_path(register: &Path) -> PathBuf {
    register.with_extension("signins")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub at: DateTime<Utc>,
    pub officer: OfficerId,
    pub audited: bool,
}

fn parse(text: &str) -> Result<Vec<Failure>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let bad = || RegisterError::Corrupt(format!("register.signins has a bad line {line:?}"));
            let mut words = line.split_whitespace();
            let at = words.next().ok_or_else(bad)?;
            let at = DateTime::parse_from_rfc3339(at).map_err(|_| bad())?.with_timezone(&Utc);
            let officer = words.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
            let audited = match words.next() {
                Some("failed") => false,
                Some("audited") => true,
                _ => return Err(bad()),
            };
            Ok(Failure { at, officer, audited })
        })
        .collect()
}

fn line(f: &Failure) -> String {
    format!("{} {} {}\n", canonical_time(&f.at), f.officer, if f.audited { "audited" } else { "failed" })
}

pub(crate) fn read(register: &Path) -> Result<Vec<Failure>> {
    match std::fs::read_to_string(signins_path(register)) {
        Ok(text) => parse(&text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

fn open_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Appends one failure, flushed to disk before the answer is given.
pub(crate) fn append(register: &Path, failure: &Failure) -> Result<()> {
    let mut file = open_options().create(true).append(true).open(signins_path(register))?;
    file.write_all(line(failure).as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// Replaces the file with `failures` (atomically: a side file renamed over it).
pub(crate) fn rewrite(register: &Path, failures: &[Failure]) -> Result<()> {
    let path = signins_path(register);
    if failures.is_empty() {
        remove_if_present(&path)?;
        return sync_directory(&path);
    }
    let temp = with_suffix(&path, ".tmp");
    remove_if_present(&temp)?;
    let mut file = open_options().create_new(true).write(true).open(&temp)?;
    for f in failures {
        file.write_all(line(f).as_bytes())?;
    }
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temp, &path)?;
    sync_directory(&path)
}

/// A successful sign-in forgives the officer's earlier failures.
pub(crate) fn forgive(register: &Path, officer: OfficerId) -> Result<()> {
    let all = read(register)?;
    if all.iter().any(|f| f.officer == officer) {
        let kept: Vec<_> = all.into_iter().filter(|f| f.officer != officer).collect();
        rewrite(register, &kept)?;
    }
    Ok(())
}

/// How long `officer` must still wait at `now` ([`sign_in_wait`] of the failures in the file).
pub(crate) fn wait_remaining(register: &Path, officer: OfficerId, now: DateTime<Utc>) -> Result<Duration> {
    let mine: Vec<_> = read(register)?.into_iter().filter(|f| f.officer == officer).collect();
    let Some(last) = mine.iter().map(|f| f.at).max() else { return Ok(Duration::ZERO) };
    let wait = sign_in_wait(mine.len() as u32);
    let elapsed = (now - last).to_std().unwrap_or(Duration::ZERO);
    Ok(wait.saturating_sub(elapsed))
}
