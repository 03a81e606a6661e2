//! The wire contract between a ward desk and the district server (`shared/sync-design.md`).
//!
//! This crate holds only what both sides must agree on: the protocol version and its header, the
//! request and response bodies of every endpoint, the error codes, the conversion of a journal
//! [`Event`](tiepdan_domain::event::Event) to its wire form, and the rule that withholds a
//! denouncer's identity before an event leaves the ward ([`withhold`]). It does no I/O and must not
//! depend on an HTTP client or server: the desk's engine (`tiepdan-sync`) and the server
//! (`tiepdan-server`) both depend on it, never the other way round.

pub mod error;
pub mod feed;
pub mod push;
pub mod upstream;
pub mod withhold;

pub use error::{ErrorBody, ErrorCode};
pub use feed::{FeedEntry, FeedPage, ReferenceKind};
pub use push::{PushRequest, PushResponse, StreamState, WireEvent, WireEventError};
pub use upstream::{upstream_name, UpstreamNameError, MAX_UPSTREAM_NAME_CHARS};

use serde::{Deserialize, Serialize};

/// The version this build speaks. Bumped when a request or response changes incompatibly.
pub const PROTOCOL_VERSION: u32 = 1;

/// The oldest desk version the server still accepts; older desks get [`ErrorCode::ProtocolTooOld`].
pub const MIN_SUPPORTED_VERSION: u32 = 1;

/// Sent by the desk on every request, with [`PROTOCOL_VERSION`] as its decimal value.
pub const VERSION_HEADER: &str = "x-tiepdan-protocol";

/// The largest request body the server reads, in bytes; larger gets 413 and the desk halves its batch.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The most events one push may carry.
pub const MAX_BATCH_EVENTS: usize = 1000;

/// The largest feed page the server returns.
pub const MAX_FEED_PAGE: u64 = 500;

/// Paths of the API, relative to the server's base URL.
pub mod paths {
    pub const HEALTH: &str = "/api/v1/health";
    pub const ENROLL: &str = "/api/v1/enroll";
    /// Who the credential belongs to, and the server's state of each of the desk's streams.
    pub const DESK: &str = "/api/v1/desk";
    pub const FEED: &str = "/api/v1/feed";

    /// `POST` a batch; `GET ?after=N&limit=M` reads stored events back (restore from backup).
    pub fn stream_events(stream: &str) -> String {
        format!("/api/v1/streams/{stream}/events")
    }

    pub fn stream(stream: &str) -> String {
        format!("/api/v1/streams/{stream}")
    }
}

/// `POST /api/v1/enroll`: exchange a one-time code for a device credential. No credential needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    pub code: String,
}

/// The credential is shown once; the server keeps only its hash. Send it as `Authorization: Bearer …`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub credential: String,
    pub ward_code: String,
    pub ward_name: String,
    pub desk: char,
    /// The name the server's operator gave the upstream ([`upstream`]); absent from servers that
    /// have none configured (and from older ones), when the desk says "cấp trên".
    #[serde(default)]
    pub upstream_name: Option<String>,
}

/// `GET /api/v1/desk`: the credential's ward and desk, and the server's view of the desk's streams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskInfo {
    pub ward_code: String,
    pub ward_name: String,
    pub desk: char,
    pub streams: Vec<StreamState>,
    /// The server's clock when it answered; the desk shows a skew over 5 minutes to the clerk.
    #[serde(default)]
    pub server_time: Option<chrono::DateTime<chrono::Utc>>,
    /// As in [`EnrollResponse`]; sent on every round, so a renamed upstream reaches every desk.
    #[serde(default)]
    pub upstream_name: Option<String>,
}

/// `GET /api/v1/health`: no credential needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub protocol_version: u32,
    pub min_supported_version: u32,
}
