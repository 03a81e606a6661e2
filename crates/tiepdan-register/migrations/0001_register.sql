-- The ward register, first version. Append-only: never edit this file after release; add 0002_….sql.

-- One row per install epoch of this desk (shared/sync-design.md, Identities). Only the newest
-- stream that is not frozen receives events; a restore freezes the streams it brought back.
CREATE TABLE streams (
    id              TEXT PRIMARY KEY,
    epoch           INTEGER NOT NULL UNIQUE CHECK (epoch >= 1),
    frozen          INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
    previous_stream TEXT REFERENCES streams(id),
    started_at      TEXT NOT NULL
) STRICT;

-- The journal. The payload bytes are the record; the other columns are copies kept for queries and
-- are checked against the payload by verify().
CREATE TABLE events (
    stream       TEXT NOT NULL REFERENCES streams(id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    event_id     TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    officer      TEXT,
    visit_id     TEXT,
    payload      BLOB NOT NULL,
    payload_hash BLOB NOT NULL,
    chain_hash   BLOB NOT NULL,
    PRIMARY KEY (stream, seq)
) STRICT;
CREATE INDEX events_by_visit ON events(visit_id) WHERE visit_id IS NOT NULL;

CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only: events are never updated');
END;
CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only: events are never deleted');
END;

-- Read state below is a projection of the journal, written in the same transaction as each event.

CREATE TABLE ward (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    ward_code TEXT NOT NULL,
    ward_name TEXT NOT NULL,
    place     TEXT NOT NULL,
    upstream  TEXT NOT NULL,
    desk      TEXT NOT NULL
) STRICT;

CREATE TABLE officers (
    id        TEXT PRIMARY KEY,
    full_name TEXT NOT NULL,
    position  TEXT NOT NULL,
    active    INTEGER NOT NULL CHECK (active IN (0, 1)),
    added_no  INTEGER NOT NULL UNIQUE
) STRICT;

-- Settings of this desk that are not facts of the register (the officer on duty).
CREATE TABLE desk_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- One row per visit; `no` is the register order (STT).
CREATE TABLE visits (
    no              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    receipt_no      TEXT NOT NULL UNIQUE,
    desk            TEXT NOT NULL,
    epoch           INTEGER NOT NULL,
    receipt_year    INTEGER NOT NULL,
    receipt_number  INTEGER NOT NULL CHECK (receipt_number >= 1),
    stream          TEXT NOT NULL REFERENCES streams(id),
    status          TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
    cancel_reason   TEXT,
    received_at     TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    reception       TEXT NOT NULL,
    visitor_kind    TEXT NOT NULL,
    people_count    INTEGER NOT NULL,
    organisation    TEXT,
    summary         TEXT NOT NULL,
    refusal_ground  TEXT,
    refusal_detail  TEXT,
    officer_id      TEXT REFERENCES officers(id),
    notes           TEXT NOT NULL,
    UNIQUE (desk, epoch, receipt_year, receipt_number)
) STRICT;
CREATE INDEX visits_by_day ON visits(received_on);

CREATE TABLE visitors (
    visit_no         INTEGER NOT NULL REFERENCES visits(no),
    position         INTEGER NOT NULL,
    full_name        TEXT NOT NULL,
    full_name_folded TEXT NOT NULL,
    id_kind          TEXT,
    id_number        TEXT,
    id_issued_on     TEXT,
    id_issued_by     TEXT,
    birth_year       INTEGER,
    sex              TEXT,
    address          TEXT,
    phone            TEXT,
    PRIMARY KEY (visit_no, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX visitors_by_name ON visitors(full_name_folded, visit_no DESC);
CREATE INDEX visitors_by_id_number ON visitors(id_number, visit_no DESC) WHERE id_number IS NOT NULL;

CREATE TABLE petitions (
    visit_no          INTEGER PRIMARY KEY REFERENCES visits(no),
    kind              TEXT NOT NULL,
    field             TEXT NOT NULL,
    anonymous         INTEGER NOT NULL,
    signatories       INTEGER NOT NULL,
    previous_handler  TEXT,
    previous_result   TEXT,
    stage             TEXT NOT NULL,
    eligible          INTEGER NOT NULL,
    ineligible_reason TEXT,
    handling          TEXT,
    transfer_to       TEXT,
    guidance          TEXT
) STRICT;

CREATE TABLE documents (
    visit_no INTEGER NOT NULL REFERENCES visits(no),
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    original INTEGER NOT NULL,
    pages    INTEGER NOT NULL,
    PRIMARY KEY (visit_no, position)
) STRICT, WITHOUT ROWID;

-- Full-text search over text folded by tiepdan_domain::text::fold (đ → d, no tones, lower case);
-- rowid = −visits.no, so ascending rowid order is newest first. remove_diacritics 2 also folds what the folding function might miss.
-- Contentless: the text already lives in visits and visitors, so the index keeps only its terms;
-- contentless_delete lets an amendment replace a visit's row. Prefix indexes of 1–3 characters keep
-- as-you-type queries on a partly typed last word fast.
CREATE VIRTUAL TABLE visit_search USING fts5(
    names, id_numbers, receipt, content,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3'
);
