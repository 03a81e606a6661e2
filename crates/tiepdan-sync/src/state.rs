//! The desk's sync state, one JSON file beside the register, replaced atomically (write a side
//! file, fsync, rename, fsync the directory): either the old or the new state survives a power cut,
//! never a mix. A feed page and its cursor are written in one replacement (I7); an acknowledged mark
//! is written only from a server answer that followed the server's commit (I6).
//!
//! The credential is kept here encrypted under the register key ([`StoredCredential`],
//! `crate::credential`), in a file readable only by the OS user (mode 0600 on Unix).

pub use crate::credential::StoredCredential;
use crate::error::{Result, SyncError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::{ErrorCode, FeedEntry, FeedPage, ReferenceKind};

pub const FILE_NAME: &str = "sync-state.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    pub server_url: String,
    /// Encrypted under the register key when the register has one ([`StoredCredential`]).
    pub credential: StoredCredential,
    pub ward_code: String,
    pub ward_name: String,
    pub desk: char,
    pub enrolled_at: DateTime<Utc>,
    /// What the server's operator calls the upstream, as it last said ([`Enrollment::shown_name`]).
    #[serde(default)]
    pub upstream_name: Option<String>,
}

impl Enrollment {
    /// The name a server sent, if the desk can show it; anything else is dropped, and the desk says
    /// "cấp trên" as it does before enrollment.
    pub fn shown_name(sent: Option<&str>) -> Option<String> {
        sent.and_then(|name| tiepdan_protocol::upstream_name(name).ok())
    }
}

/// What the server has durably stored of a stream, as it last said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub hwm: u64,
    pub head: String,
}

/// Why a stream stopped for a person to look at. Its data is kept; district staff decide. Saved as
/// the server's error code for it (`"fork"`, `"broken_chain"`…), as state files always held it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StreamStop {
    /// The district holds another event at a seq of this stream, or holds the stream in
    /// quarantine. Lifted by itself once the district releases the stream.
    Fork,
    /// An event id of this stream is already stored in another stream.
    EventIdReused,
    /// The district found an event's payload hash or side fields wrong.
    BadHash,
    /// The chain does not continue: refused by the district, or a restored stream's missing events
    /// that do not continue the register's own.
    BrokenChain,
    /// A stop saved by another version of the app and unknown to this one: the file still loads
    /// and the stream stays stopped, never lifted by a release meant for a fork.
    #[serde(other)]
    Other,
}

impl StreamStop {
    /// The stop a refused push asks for, if the refusal is one that stops the stream.
    pub fn of(code: ErrorCode) -> Option<StreamStop> {
        match code {
            ErrorCode::Fork => Some(StreamStop::Fork),
            ErrorCode::EventIdReused => Some(StreamStop::EventIdReused),
            ErrorCode::BadHash => Some(StreamStop::BadHash),
            ErrorCode::BrokenChain => Some(StreamStop::BrokenChain),
            _ => None,
        }
    }

    /// The code as saved and shown beside the message.
    pub fn as_str(self) -> &'static str {
        match self {
            StreamStop::Fork => "fork",
            StreamStop::EventIdReused => "event_id_reused",
            StreamStop::BadHash => "bad_hash",
            StreamStop::BrokenChain => "broken_chain",
            StreamStop::Other => "other",
        }
    }
}

impl std::fmt::Display for StreamStop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stream stopped for attention: why, from which seq, the server's words, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    pub code: StreamStop,
    pub seq: Option<u64>,
    pub message: String,
    pub at: DateTime<Utc>,
}

/// Why no round runs until a person acts. Saved as `"needs_enrollment"` / `"needs_update"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// The district needs a newer protocol: update the app (lifted by the update itself).
    NeedsUpdate,
    /// The district refused the credential: enrol the desk again. A stop unknown to this version
    /// reads as this one, as the desk treated any stop but an update before stops were typed.
    #[serde(other)]
    NeedsEnrollment,
}

impl Block {
    pub fn as_str(self) -> &'static str {
        match self {
            Block::NeedsUpdate => "needs_update",
            Block::NeedsEnrollment => "needs_enrollment",
        }
    }
}

impl std::fmt::Display for Block {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocked {
    pub code: Block,
    pub message: String,
    /// The protocol this build spoke when blocked: a newer build retries a `NeedsUpdate` block.
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
    /// The end of the last round after which no stream was left stopped: what the desk shows as
    /// "Gửi thành công lần cuối". A round that stopped a stream reached the server but did not send
    /// that stream, and a clerk would read the time as "it was sent".
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
