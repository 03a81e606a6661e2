-- Issue 17: what the periodic reports count and 0002 did not keep, as SQLite's 0007, column for
-- column: the acceptance decision (level; its day when it accepted), the transfer and the day its
-- answer came, the resolution (day, outcome), and the repeat links that make matters. No identity:
-- the other end of a link either of whose visits is protected is NULL, as in the stored event.
-- Each column holds what the latest event of its kind says, as the desk's register keeps it.
ALTER TABLE visits
    ADD COLUMN level          TEXT,
    ADD COLUMN accepted_on    TEXT,
    ADD COLUMN transferred_on TEXT,
    ADD COLUMN answered_on    TEXT,
    ADD COLUMN resolved_on    TEXT,
    ADD COLUMN outcome        TEXT;

-- `earlier_visit_id` NULL: the link was withheld (a protected end).
CREATE TABLE repeat_links (
    visit_id         TEXT PRIMARY KEY,
    ward_code        TEXT NOT NULL,
    earlier_visit_id TEXT,
    stream           TEXT NOT NULL,
    seq              BIGINT NOT NULL
);
CREATE INDEX repeat_links_by_ward ON repeat_links(ward_code);

-- Backfill from the stored events, latest first by arrival (the order the projection applies them).
UPDATE visits SET
    level = coalesce(d.body #>> '{variant,level}', 'first'),
    accepted_on = CASE WHEN d.body -> 'accepted' = 'true'::jsonb THEN d.body ->> 'on' END
FROM (
    SELECT DISTINCT ON (ve.visit_id) ve.visit_id, e.payload::jsonb -> 'body' AS body
    FROM visit_events ve JOIN events e ON e.stream = ve.stream AND e.seq = ve.seq
    WHERE e.kind = 'petition_accepted' AND e.payload::jsonb #>> '{body,visit_id}' = ve.visit_id
    ORDER BY ve.visit_id, e.received_at DESC, e.seq DESC
) AS d
WHERE visits.visit_id = d.visit_id;

UPDATE visits SET resolved_on = d.body ->> 'on', outcome = d.body ->> 'outcome'
FROM (
    SELECT DISTINCT ON (ve.visit_id) ve.visit_id, e.payload::jsonb -> 'body' AS body
    FROM visit_events ve JOIN events e ON e.stream = ve.stream AND e.seq = ve.seq
    WHERE e.kind = 'petition_resolved' AND e.payload::jsonb #>> '{body,visit_id}' = ve.visit_id
    ORDER BY ve.visit_id, e.received_at DESC, e.seq DESC
) AS d
WHERE visits.visit_id = d.visit_id;

-- The latest transfer, and the latest answer that came after it.
UPDATE visits SET transferred_on = d.on_day, answered_on = d.answered
FROM (
    SELECT t.visit_id, t.on_day, (
        SELECT a.payload::jsonb #>> '{body,on}'
        FROM visit_events va JOIN events a ON a.stream = va.stream AND a.seq = va.seq
        WHERE va.visit_id = t.visit_id AND a.kind = 'transfer_answered'
          AND (a.received_at, a.seq) > (t.received_at, t.seq)
        ORDER BY a.received_at DESC, a.seq DESC LIMIT 1
    ) AS answered
    FROM (
        SELECT DISTINCT ON (ve.visit_id) ve.visit_id, e.payload::jsonb #>> '{body,on}' AS on_day,
               e.received_at, e.seq
        FROM visit_events ve JOIN events e ON e.stream = ve.stream AND e.seq = ve.seq
        WHERE e.kind = 'petition_transferred' AND e.payload::jsonb #>> '{body,visit_id}' = ve.visit_id
        ORDER BY ve.visit_id, e.received_at DESC, e.seq DESC
    ) AS t
) AS d
WHERE visits.visit_id = d.visit_id;

INSERT INTO repeat_links (visit_id, ward_code, earlier_visit_id, stream, seq)
SELECT DISTINCT ON (e.payload::jsonb #>> '{body,visit_id}')
       e.payload::jsonb #>> '{body,visit_id}', s.ward_code,
       nullif(e.payload::jsonb #>> '{body,earlier_visit_id}', '00000000-0000-0000-0000-000000000000'),
       e.stream, e.seq
FROM events e JOIN streams s ON s.stream = e.stream
WHERE e.kind = 'repeat_linked' AND e.payload::jsonb #>> '{body,visit_id}' IS NOT NULL
ORDER BY e.payload::jsonb #>> '{body,visit_id}', e.received_at, e.seq;
