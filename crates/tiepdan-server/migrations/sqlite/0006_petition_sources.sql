-- Issue 16: petitions from every source and the leader's reception calendar. The projection keeps,
-- per visit or petition received without a visit, what the periodic reports (01/TCD, 01–04/XLD) and
-- the dashboard count by — and no identity: names, ID numbers, addresses and the clerk's words stay
-- in the event payloads (withheld there for a protected visit). The sending body and its letter
-- number are official names a protected visit still sends (`tiepdan_domain::upstream`).
-- Booleans are 0/1 integers, as on PostgreSQL (BIGINT), so `copy` moves them as they are.
ALTER TABLE visits ADD COLUMN source TEXT NOT NULL DEFAULT 'desk';
ALTER TABLE visits ADD COLUMN from_body TEXT;
ALTER TABLE visits ADD COLUMN letter_no TEXT;
ALTER TABLE visits ADD COLUMN letter_date TEXT;
ALTER TABLE visits ADD COLUMN petition_field TEXT;
ALTER TABLE visits ADD COLUMN signatories INTEGER;
ALTER TABLE visits ADD COLUMN stage TEXT;
ALTER TABLE visits ADD COLUMN eligible INTEGER;
ALTER TABLE visits ADD COLUMN competent INTEGER;
ALTER TABLE visits ADD COLUMN processed_on TEXT;
ALTER TABLE visits ADD COLUMN session_id TEXT;
ALTER TABLE visits ADD COLUMN reception TEXT;

-- Visits stored before this version: their field, counts, eligibility and mode from the details of
-- their latest record or amendment (the events a visit concerns are indexed since 0003). Nothing
-- before this version had a source other than the desk, a session or a processing event.
UPDATE visits SET
    petition_field = json_extract(latest.details, '$.petition.field'),
    signatories = json_extract(latest.details, '$.petition.signatories'),
    stage = json_extract(latest.details, '$.petition.stage'),
    eligible = CASE
        WHEN json_type(latest.details, '$.petition') IS NOT 'object' THEN NULL
        WHEN json_type(latest.details, '$.petition.eligible') = 'false' THEN 0
        ELSE 1 END,
    reception = json_extract(latest.details, '$.reception')
FROM (
    SELECT visit_id, details FROM (
        SELECT ve.visit_id,
               CASE e.kind WHEN 'visit_recorded' THEN json_extract(e.payload, '$.body')
                           ELSE json_extract(e.payload, '$.body.details') END AS details,
               row_number() OVER (PARTITION BY ve.visit_id ORDER BY e.received_at DESC, e.seq DESC) AS n
        FROM visit_events ve JOIN events e ON e.stream = ve.stream AND e.seq = ve.seq
        WHERE e.kind IN ('visit_recorded', 'visit_amended')
    ) WHERE n = 1
) AS latest
WHERE visits.visit_id = latest.visit_id;

-- Leader reception sessions (kỳ tiếp): planned, then held, unattended or cancelled. Who sat is
-- `head` or `delegate`; which officer, the delegation and the place stay in the events.
CREATE TABLE reception_sessions (
    session_id  TEXT PRIMARY KEY,
    ward_code   TEXT NOT NULL,
    desk        TEXT NOT NULL,
    stream      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    -- YYYY-MM-DD, the ward's calendar day.
    planned_on  TEXT,
    part        TEXT,
    kind        TEXT,
    sat         TEXT,
    -- NULL while open; then held, unattended or cancelled, with the visits received in it.
    outcome     TEXT,
    visits      INTEGER,
    updated_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX reception_sessions_by_ward_day ON reception_sessions(ward_code, planned_on);
