-- The ward register's schema after all migrations (crates/tiepdan-register/migrations).
-- Generated: do not edit. Regenerate with
--   TIEPDAN_WRITE_SCHEMA=1 cargo test -p tiepdan-register schema

CREATE TABLE streams (
    id              TEXT PRIMARY KEY,
    epoch           INTEGER NOT NULL UNIQUE CHECK (epoch >= 1),
    frozen          INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
    previous_stream TEXT REFERENCES streams(id),
    started_at      TEXT NOT NULL
) STRICT;

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
, roles TEXT NOT NULL DEFAULT 'clerk') STRICT;

CREATE TABLE desk_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

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
    phone            TEXT, sealed TEXT,
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
, competent INTEGER, processed_on TEXT) STRICT;

CREATE TABLE documents (
    visit_no INTEGER NOT NULL REFERENCES visits(no),
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    original INTEGER NOT NULL,
    pages    INTEGER NOT NULL,
    PRIMARY KEY (visit_no, position)
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE visit_search USING fts5(
    names, id_numbers, receipt, content,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3'
);

CREATE TABLE petition_acceptances (
    visit_no    INTEGER PRIMARY KEY REFERENCES visits(no),
    decided_on  TEXT NOT NULL,
    accepted    INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    reason      TEXT,
    level       TEXT NOT NULL,
    complexity  TEXT NOT NULL,
    remote_area INTEGER NOT NULL CHECK (remote_area IN (0, 1))
) STRICT;

CREATE TABLE petition_transfers (
    visit_no       INTEGER PRIMARY KEY REFERENCES visits(no),
    transferred_on TEXT NOT NULL,
    receiver       TEXT NOT NULL,
    note           TEXT NOT NULL,
    answered_on    TEXT,
    answer         TEXT
) STRICT;

CREATE TABLE petition_extensions (
    visit_no   INTEGER NOT NULL REFERENCES visits(no),
    position   INTEGER NOT NULL,
    decided_on TEXT NOT NULL,
    complexity TEXT NOT NULL,
    reason     TEXT NOT NULL,
    PRIMARY KEY (visit_no, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE petition_resolutions (
    visit_no    INTEGER PRIMARY KEY REFERENCES visits(no),
    resolved_on TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    document_no TEXT,
    note        TEXT NOT NULL
, figures TEXT) STRICT;

CREATE TABLE repeat_links (
    visit_no   INTEGER PRIMARY KEY REFERENCES visits(no),
    earlier_no INTEGER NOT NULL REFERENCES visits(no),
    matter_no  INTEGER NOT NULL REFERENCES visits(no),
    CHECK (visit_no <> earlier_no AND visit_no <> matter_no)
) STRICT;

CREATE INDEX repeat_links_by_matter ON repeat_links(matter_no);

CREATE TABLE calendar_overrides (
    date   TEXT PRIMARY KEY,
    change TEXT NOT NULL CHECK (change IN ('day_off', 'working_day')),
    note   TEXT NOT NULL
) STRICT;

CREATE TABLE deadline_rules (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    rules TEXT NOT NULL
) STRICT;

CREATE TABLE print_jobs (
    id         INTEGER PRIMARY KEY,
    visit_no   INTEGER NOT NULL REFERENCES visits(no),
    form       TEXT NOT NULL,
    copy       INTEGER NOT NULL CHECK (copy >= 1),
    archive    TEXT NOT NULL,
    options    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    officer_id TEXT REFERENCES officers(id)
, named_identities TEXT
    CHECK (named_identities IS NULL OR length(named_identities) = 64)) STRICT;

CREATE INDEX print_jobs_by_visit ON print_jobs(visit_no, form);

CREATE TABLE print_attempts (
    job_id     INTEGER NOT NULL REFERENCES print_jobs(id),
    attempt    INTEGER NOT NULL CHECK (attempt >= 1),
    printer    TEXT,
    outcome    TEXT NOT NULL CHECK (outcome IN ('sent', 'failed')),
    spool_job  TEXT,
    error_code TEXT,
    message    TEXT,
    at         TEXT NOT NULL,
    officer_id TEXT REFERENCES officers(id),
    PRIMARY KEY (job_id, attempt)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER print_jobs_are_never_updated BEFORE UPDATE ON print_jobs
BEGIN
    SELECT RAISE(ABORT, 'the print log is append-only: jobs are never updated');
END;

CREATE TRIGGER print_jobs_are_never_deleted BEFORE DELETE ON print_jobs
BEGIN
    SELECT RAISE(ABORT, 'the print log is append-only: jobs are never deleted');
END;

CREATE TRIGGER print_attempts_are_never_updated BEFORE UPDATE ON print_attempts
BEGIN
    SELECT RAISE(ABORT, 'the print log is append-only: attempts are never updated');
END;

CREATE TRIGGER print_attempts_are_never_deleted BEFORE DELETE ON print_attempts
BEGIN
    SELECT RAISE(ABORT, 'the print log is append-only: attempts are never deleted');
END;

CREATE TABLE access_log (
    no         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    officer_id TEXT REFERENCES officers(id),
    action     TEXT NOT NULL,
    visit_id   TEXT,
    detail     TEXT NOT NULL,
    chain      BLOB NOT NULL CHECK (length(chain) = 32)
) STRICT;

CREATE INDEX access_log_by_officer ON access_log(officer_id, no);

CREATE INDEX access_log_by_visit ON access_log(visit_id) WHERE visit_id IS NOT NULL;

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;

CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;

CREATE TABLE withheld_fields (
    stream  TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    pointer TEXT NOT NULL,
    PRIMARY KEY (stream, seq, pointer),
    FOREIGN KEY (stream, seq) REFERENCES events(stream, seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER withheld_fields_are_never_updated BEFORE UPDATE ON withheld_fields
BEGIN
    SELECT RAISE(ABORT, 'withheld fields are append-only: never updated');
END;

CREATE TRIGGER withheld_fields_are_never_deleted BEFORE DELETE ON withheld_fields
BEGIN
    SELECT RAISE(ABORT, 'withheld fields are append-only: never deleted');
END;

CREATE TABLE unlock_pins (
    officer_id TEXT PRIMARY KEY REFERENCES officers(id),
    verifier   TEXT NOT NULL,
    set_at     TEXT NOT NULL
) STRICT;

CREATE TABLE outgoing_documents (
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    kind       TEXT NOT NULL CHECK (kind IN ('transfer_slip', 'refusal_notice', 'guidance_slip')),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    symbol     TEXT NOT NULL,
    visit_no   INTEGER NOT NULL REFERENCES visits(no),
    issued_on  TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    officer_id TEXT REFERENCES officers(id),
    PRIMARY KEY (year, kind, seq),
    UNIQUE (visit_no, kind)
) STRICT;

CREATE TRIGGER outgoing_documents_are_never_updated BEFORE UPDATE ON outgoing_documents
BEGIN
    SELECT RAISE(ABORT, 'the outgoing register is append-only: numbers are never changed');
END;

CREATE TRIGGER outgoing_documents_are_never_deleted BEFORE DELETE ON outgoing_documents
BEGIN
    SELECT RAISE(ABORT, 'the outgoing register is append-only: numbers are never deleted');
END;

CREATE TABLE upstream_calendar_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

CREATE TABLE upstream_calendar (
    date   TEXT PRIMARY KEY,
    change TEXT NOT NULL CHECK (change IN ('day_off', 'working_day')),
    note   TEXT NOT NULL
) STRICT;

CREATE TABLE "visits" (
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

CREATE INDEX visits_by_day ON visits(received_on);

CREATE INDEX visits_by_source ON visits(source, received_on);

CREATE INDEX visits_by_session ON visits(session_id) WHERE session_id IS NOT NULL;

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

CREATE TABLE reception_schedule (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    schedule TEXT NOT NULL
) STRICT;

CREATE TABLE report_openings (
    form     TEXT PRIMARY KEY,
    from_day TEXT NOT NULL,
    columns  TEXT NOT NULL
) STRICT;

CREATE TABLE decision_implementations (
    visit_no       INTEGER NOT NULL REFERENCES visits(no),
    position       INTEGER NOT NULL,
    implemented_on TEXT NOT NULL,
    completed      INTEGER NOT NULL CHECK (completed IN (0, 1)),
    done           TEXT NOT NULL,
    note           TEXT NOT NULL,
    PRIMARY KEY (visit_no, position)
) STRICT;
