//! The desk's sync state, one JSON file beside the register, replaced atomically (write a side
//! file, fsync, rename, fsync the directory): either the old or the new state survives a power cut,
//! never a mix. A feed page and its cursor are written in one replacement (I7); an acknowledged mark
//! is written only from a server answer that followed the server's commit (I6).
//!
//! The credential is kept here in clear, readable only by the OS user (mode 0600 on Unix);
//! encryption at rest of desk files is issue 7's work.

use crate::error::{Result, SyncError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::{FeedEntry, FeedPage, ReferenceKind};

pub const FILE_NAME: &str = "sync-state.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    pub server_url: String,
    pub credential: String,
    pub ward_code: String,
    pub ward_name: String,
    pub desk: char,
    pub enrolled_at: DateTime<Utc>,
}

/// What the server has durably stored of a stream, as it last said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub hwm: u64,
    pub head: String,
}

/// Why a stream stopped: a fork or a refused chain. Its data is kept; district staff decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    pub code: String,
    pub seq: Option<u64>,
    pub message: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocked {
    /// `needs_enrollment` or `needs_update`.
    pub code: String,
    pub message: String,
    pub protocol_version: u32,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    pub enrollment: Option<Enrollment>,
    #[serde(default)]
    pub acks: BTreeMap<StreamId, Ack>,
    #[serde(default)]
    pub attention: BTreeMap<StreamId, Attention>,
    #[serde(default)]
    pub blocked: Option<Blocked>,
    #[serde(default)]
    pub feed_cursor: u64,
    /// The latest version of each kind of reference data received from the district.
    #[serde(default)]
    pub reference: BTreeMap<ReferenceKind, FeedEntry>,
    #[serde(default)]
    pub last_success: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_error: Option<String>,
    #[serde(default)]
    pub last_error_at: Option<DateTime<Utc>>,
    /// How far the desk's clock was ahead of the server's (negative: behind) at the last round,
    /// in seconds, ignoring network delay. Clocks never order anything; this is only shown.
    #[serde(default)]
    pub clock_skew_seconds: Option<i64>,
}

impl SyncState {
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE_NAME)
    }

    /// Reads the state; a missing file is a fresh, unenrolled state.
    pub fn load(path: &Path) -> Result<SyncState> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| SyncError::State(format!("{} is not a sync state: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SyncState::default()),
            Err(e) => Err(SyncError::State(format!("{}: {e}", path.display()))),
        }
    }

    /// Replaces the file atomically and durably.
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |e: std::io::Error| SyncError::State(format!("{}: {e}", path.display()));
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| SyncError::State(e.to_string()))?;
        let side = path.with_extension("json.partial");
        {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut f = options.open(&side).map_err(io)?;
            f.write_all(&bytes).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&side, path).map_err(io)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Makes the rename itself durable; not possible on every OS, harmless where not.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    pub fn acknowledged(&self, stream: StreamId) -> u64 {
        self.acks.get(&stream).map_or(0, |a| a.hwm)
    }

    /// Applies a feed page: every entry replaces its kind; a snapshot replaces everything.
    pub fn apply_feed(&mut self, page: &FeedPage, snapshot: bool) {
        if snapshot {
            self.reference.clear();
        }
        for entry in &page.entries {
            let newer = self.reference.get(&entry.kind).is_none_or(|old| old.number < entry.number);
            if newer || snapshot {
                self.reference.insert(entry.kind, entry.clone());
            }
        }
        self.feed_cursor = page.cursor;
    }
}
