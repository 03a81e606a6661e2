-- Issue 16: petitions from every source and the leader's reception calendar, as SQLite's 0006,
-- column for column. The projection keeps, per visit or petition received without a visit, what the
-- periodic reports (01/TCD, 01–04/XLD) and the dashboard count by — and no identity: names, ID
-- numbers, addresses and the clerk's words stay in the event payloads (withheld there for a
-- protected visit). The sending body and its letter number are official names a protected visit
-- still sends (`tiepdan_domain::upstream`). Booleans are 0/1 BIGINTs, as SQLite's integers.
ALTER TABLE visits
    ADD COLUMN source         TEXT NOT NULL DEFAULT 'desk',
    ADD COLUMN from_body      TEXT,
    ADD COLUMN letter_no      TEXT,
    ADD COLUMN letter_date    TEXT,
    ADD COLUMN petition_field TEXT,
    ADD COLUMN signatories    BIGINT,
    ADD COLUMN stage          TEXT,
    ADD COLUMN eligible       BIGINT,
    ADD COLUMN competent      BIGINT,
    ADD COLUMN processed_on   TEXT,
    ADD COLUMN session_id     TEXT,
    ADD COLUMN reception      TEXT;

-- Visits stored before this version: their field, counts, eligibility and mode from the details of
-- their latest record or amendment. Nothing before this version had a source other than the desk, a
-- session or a processing event.
UPDATE visits SET
    petition_field = latest.details #>> '{petition,field}',
    signatories = (latest.details #>> '{petition,signatories}')::bigint,
    stage = latest.details #>> '{petition,stage}',
    eligible = CASE
        WHEN jsonb_typeof(latest.details -> 'petition') IS DISTINCT FROM 'object' THEN NULL
        WHEN latest.details #> '{petition,eligible}' = 'false'::jsonb THEN 0
        ELSE 1 END,
    reception = latest.details ->> 'reception'
FROM (
    SELECT DISTINCT ON (ve.visit_id) ve.visit_id,
           CASE e.kind WHEN 'visit_recorded' THEN e.payload::jsonb -> 'body'
                       ELSE e.payload::jsonb #> '{body,details}' END AS details
    FROM visit_events ve JOIN events e ON e.stream = ve.stream AND e.seq = ve.seq
    WHERE e.kind IN ('visit_recorded', 'visit_amended')
    ORDER BY ve.visit_id, e.received_at DESC, e.seq DESC
) AS latest
WHERE visits.visit_id = latest.visit_id;

-- Leader reception sessions (kỳ tiếp): planned, then held, unattended or cancelled. Who sat is
-- `head` or `delegate`; which officer, the delegation and the place stay in the events.
CREATE TABLE reception_sessions (
    session_id  TEXT PRIMARY KEY,
    ward_code   TEXT NOT NULL,
    desk        TEXT NOT NULL,
    stream      TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    -- YYYY-MM-DD, the ward's calendar day.
    planned_on  TEXT,
    part        TEXT,
    kind        TEXT,
    sat         TEXT,
    -- NULL while open; then held, unattended or cancelled, with the visits received in it.
    outcome     TEXT,
    visits      BIGINT,
    updated_seq BIGINT NOT NULL
);
CREATE INDEX reception_sessions_by_ward_day ON reception_sessions(ward_code, planned_on);
