-- foreign_keys: off
-- Petitions from every source, and the reception calendar (issue 16).
--
-- A petition received without a visit (by post, transferred in, …) is a row of `visits` like a visit,
-- with its source, and numbered in its own series: the unique key on receipt numbers gains `series`.
-- SQLite cannot change a table's constraint, so `visits` is rebuilt (SQLite's documented procedure,
-- with foreign keys off for this migration only and checked before it commits; `no` is kept, so
-- every row that refers to a visit, and the search index keyed by −no, stays valid).
CREATE TABLE visits_rebuilt (
    no              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    receipt_no      TEXT NOT NULL UNIQUE,
    series          TEXT NOT NULL DEFAULT 'visit' CHECK (series IN ('visit', 'petition')),
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
    source          TEXT NOT NULL DEFAULT 'desk',
    from_body       TEXT,
    letter_no       TEXT,
    letter_date     TEXT,
    session_id      TEXT,
    online_site     TEXT,
    recording_ref   TEXT,
    UNIQUE (series, desk, epoch, receipt_year, receipt_number)
) STRICT;
INSERT INTO visits_rebuilt (no, id, receipt_no, desk, epoch, receipt_year, receipt_number, stream, status,
    cancel_reason, received_at, received_on, reception, visitor_kind, people_count, organisation, summary,
    refusal_ground, refusal_detail, officer_id, notes)
SELECT no, id, receipt_no, desk, epoch, receipt_year, receipt_number, stream, status,
    cancel_reason, received_at, received_on, reception, visitor_kind, people_count, organisation, summary,
    refusal_ground, refusal_detail, officer_id, notes
FROM visits;
DROP TABLE visits;
ALTER TABLE visits_rebuilt RENAME TO visits;
CREATE INDEX visits_by_day ON visits(received_on);
CREATE INDEX visits_by_source ON visits(source, received_on);
CREATE INDEX visits_by_session ON visits(session_id) WHERE session_id IS NOT NULL;

-- The processing of a petition (xử lý đơn): competence and the day decided. NULL until processed.
ALTER TABLE petitions ADD COLUMN competent INTEGER;
ALTER TABLE petitions ADD COLUMN processed_on TEXT;

-- Leader reception sessions (kỳ tiếp), planned then closed; `outcome` NULL while open.
CREATE TABLE reception_sessions (
    id          TEXT PRIMARY KEY,
    planned_on  TEXT NOT NULL,
    part        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    sat         TEXT NOT NULL CHECK (sat IN ('head', 'delegate')),
    officer_id  TEXT REFERENCES officers(id),
    delegation  TEXT,
    place       TEXT,
    outcome     TEXT CHECK (outcome IN ('held', 'unattended', 'cancelled')),
    visits      INTEGER,
    note        TEXT
) STRICT;
CREATE INDEX reception_sessions_by_day ON reception_sessions(planned_on);

-- The head's fixed reception days and the desk's hours, as the last schedule event set them (JSON).
CREATE TABLE reception_schedule (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    schedule TEXT NOT NULL
) STRICT;
