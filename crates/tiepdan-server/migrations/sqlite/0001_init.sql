-- The district store. Append-only migrations: never edit a released file, add the next one.
-- Times are RFC 3339 UTC text with microseconds, so text order is time order.

CREATE TABLE wards (
    code       TEXT PRIMARY KEY CHECK (length(code) = 5 AND code NOT GLOB '*[^0-9]*'),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE desks (
    ward_code TEXT NOT NULL REFERENCES wards(code),
    desk      TEXT NOT NULL CHECK (length(desk) = 1 AND desk GLOB '[A-Z]'),
    added_at  TEXT NOT NULL,
    PRIMARY KEY (ward_code, desk)
) STRICT;

-- One-time enrollment codes, stored hashed.
CREATE TABLE enrollment_codes (
    code_hash  TEXT PRIMARY KEY,
    ward_code  TEXT NOT NULL,
    desk       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    FOREIGN KEY (ward_code, desk) REFERENCES desks(ward_code, desk)
) STRICT;

-- Device credentials, stored hashed; revoked, never deleted.
CREATE TABLE credentials (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    ward_code    TEXT NOT NULL,
    desk         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT,
    FOREIGN KEY (ward_code, desk) REFERENCES desks(ward_code, desk)
) STRICT;

-- A stream belongs to the ward and desk of the credential that first pushed it.
CREATE TABLE streams (
    stream         TEXT PRIMARY KEY,
    ward_code      TEXT NOT NULL,
    desk           TEXT NOT NULL,
    hwm            INTEGER NOT NULL DEFAULT 0,
    head           TEXT NOT NULL,
    local_max_seq  INTEGER NOT NULL DEFAULT 0,
    first_push_at  TEXT NOT NULL,
    last_push_at   TEXT NOT NULL,
    quarantined_at TEXT,
    FOREIGN KEY (ward_code, desk) REFERENCES desks(ward_code, desk)
) STRICT;

CREATE TABLE events (
    stream       TEXT NOT NULL REFERENCES streams(stream),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    event_id     TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    officer      TEXT,
    payload      TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    chain_hash   TEXT NOT NULL,
    -- JSON array of the pointers withheld at the ward, or NULL.
    withheld     TEXT,
    -- Business-rule remarks for district review; never a reason to refuse the event.
    review       TEXT,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (stream, seq)
) STRICT;

CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Both versions of a fork: the stored one by reference, the incoming one in full (as received).
CREATE TABLE quarantine (
    id                  INTEGER PRIMARY KEY,
    stream              TEXT NOT NULL REFERENCES streams(stream),
    seq                 INTEGER NOT NULL,
    stored_event_id     TEXT NOT NULL,
    stored_payload_hash TEXT NOT NULL,
    stored_chain_hash   TEXT NOT NULL,
    incoming_event      TEXT NOT NULL,
    received_at         TEXT NOT NULL
) STRICT;

-- Projection of the visits received, per ward, for the dashboard and reports.
CREATE TABLE visits (
    visit_id      TEXT PRIMARY KEY,
    ward_code     TEXT NOT NULL,
    desk          TEXT NOT NULL,
    stream        TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    receipt_no    TEXT,
    received_at   TEXT,
    -- The ward's calendar day (UTC+7), YYYY-MM-DD.
    received_on   TEXT,
    people_count  INTEGER,
    petition_kind TEXT,
    handling      TEXT,
    status        TEXT NOT NULL,
    amendments    INTEGER NOT NULL DEFAULT 0,
    updated_seq   INTEGER NOT NULL
) STRICT;
CREATE INDEX visits_by_ward_day ON visits(ward_code, received_on);

-- The ward feed. Numbers are assigned inside the write transaction, under SQLite's write lock.
CREATE TABLE feed (
    number     INTEGER PRIMARY KEY,
    ward_code  TEXT REFERENCES wards(code),
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users(name),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
