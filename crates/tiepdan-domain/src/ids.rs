//! Identifiers made on the desk. All are UUIDv7 so they sort by creation time and never need a
//! server round-trip to be unique (`shared/sync-design.md`, Identities).

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

uuid_id!(
    /// One visit (lượt tiếp) in the register.
    VisitId
);
uuid_id!(
    /// One event of the journal.
    EventId
);
uuid_id!(
    /// One install epoch of a desk: a new install, reinstall or restore starts a new stream.
    StreamId
);
uuid_id!(
    /// One leader reception session (kỳ tiếp) of the reception calendar.
    SessionId
);
uuid_id!(
    /// One reception officer (cán bộ tiếp công dân) of the ward.
    OfficerId
);
