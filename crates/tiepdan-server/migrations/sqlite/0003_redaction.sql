-- Issue 14: nothing identifying stays at the district once a visit is protected. A visit recorded as
-- a proposal, synced, then amended to a denunciation had its first event stored in clear. From this
-- version the store knows which events are about which visit (and which visit a repeat link names),
-- which visits are protected, and redacts the earlier events of a visit when one of its events
-- marks it protected: the withheld values become null and are listed in `withheld`, exactly as a
-- desk sends a protected event, while the payload hash and chain hash stay, so every chain still
-- verifies (I5) and a desk can still take the event back. The existing rows are redacted by the
-- server once, right after this migration (`store::redaction::backfill`).

CREATE TABLE visit_events (
    visit_id TEXT NOT NULL,
    stream   TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (visit_id, stream, seq),
    FOREIGN KEY (stream, seq) REFERENCES events(stream, seq)
) STRICT;

CREATE TABLE protected_visits (
    visit_id     TEXT PRIMARY KEY,
    protected_at TEXT NOT NULL
) STRICT;

ALTER TABLE events ADD COLUMN redacted_at TEXT;

-- Events stay append-only except for redaction: only the payload and the withheld list may change,
-- the withheld list must then be set and the redaction time recorded; every hash and side column
-- stays as received.
DROP TRIGGER events_are_never_updated;
CREATE TRIGGER events_are_only_redacted BEFORE UPDATE ON events
WHEN NOT (
    NEW.stream IS OLD.stream AND NEW.seq IS OLD.seq AND NEW.event_id IS OLD.event_id
    AND NEW.kind IS OLD.kind AND NEW.recorded_at IS OLD.recorded_at AND NEW.officer IS OLD.officer
    AND NEW.payload_hash IS OLD.payload_hash AND NEW.chain_hash IS OLD.chain_hash
    AND NEW.review IS OLD.review AND NEW.received_at IS OLD.received_at
    AND NEW.withheld IS NOT NULL AND NEW.redacted_at IS NOT NULL
)
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event may only be redacted'); END;
