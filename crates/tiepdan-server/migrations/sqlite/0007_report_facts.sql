-- Issue 17: the district computes the periodic reports (01/TCD, 01–04/XLD…) from this projection
-- with the desk's own counting code (`tiepdan_domain::reports`), so it keeps what that counting reads
-- and 0006 did not: the acceptance decision (its level, and its day when it accepted), the transfer
-- and the day its answer came, the resolution (day and outcome), and the repeat links that make
-- matters and their visit numbers. Still no identity: a link names two visit ids, and the other end
-- of a link either of whose visits is protected is NULL here, as it is in the stored event
-- (`tiepdan_domain::upstream`, item 3).
--
-- Each column holds what the latest event of its kind says, as the desk's register keeps it
-- (`INSERT OR REPLACE`): a new acceptance decision replaces the old, a new transfer clears the
-- earlier transfer's answer.
ALTER TABLE visits ADD COLUMN level TEXT;
ALTER TABLE visits ADD COLUMN accepted_on TEXT;
ALTER TABLE visits ADD COLUMN transferred_on TEXT;
ALTER TABLE visits ADD COLUMN answered_on TEXT;
ALTER TABLE visits ADD COLUMN resolved_on TEXT;
ALTER TABLE visits ADD COLUMN outcome TEXT;

-- A visit linked to an earlier visit of the same matter (the desk refuses a second link, so the
-- first stored is the one). `earlier_visit_id` NULL: the link was withheld (a protected end).
CREATE TABLE repeat_links (
    visit_id         TEXT PRIMARY KEY,
    ward_code        TEXT NOT NULL,
    earlier_visit_id TEXT,
    stream           TEXT NOT NULL,
    seq              INTEGER NOT NULL
) STRICT;
CREATE INDEX repeat_links_by_ward ON repeat_links(ward_code);

-- Backfill from the stored events, latest first by arrival (the order the projection applies them).
UPDATE visits SET
    level = coalesce(json_extract(d.body, '$.variant.level'), 'first'),
    accepted_on = CASE WHEN json_extract(d.body, '$.accepted') THEN json_extract(d.body, '$.on') END
FROM (
    SELECT visit_id, body FROM (
        SELECT ve.visit_id, json_extract(e.payload, '$.body') AS body,
               row_number() OVER (PARTITION BY ve.visit_id ORDER BY e.received_at DESC, e.seq DESC) AS n
        FROM visit_events ve JOIN events e ON e.stream = ve.stream AND e.seq = ve.seq
        WHERE e.kind = 'petition_accepted' AND json_extract(e.payload, '$.body.visit_id') = ve.visit_id
    ) WHERE n = 1
) AS d
WHERE visits.visit_id = d.visit_id;

UPDATE visits SET resolved_on = json_extract(d.body, '$.on'), outcome = json_extract(d.body, '$.outcome')
FROM (
    SELECT visit_id, body FROM (
        SELECT ve.visit_id, json_extract(e.payload, '$.body') AS body,
               row_number() OVER (PARTITION BY ve.visit_id ORDER BY e.received_at DESC, e.seq DESC) AS n
        FROM visit_events ve JOIN events e ON e.stream = ve.stream AND e.seq = ve.seq
        WHERE e.kind = 'petition_resolved' AND json_extract(e.payload, '$.body.visit_id') = ve.visit_id
    ) WHERE n = 1
) AS d
WHERE visits.visit_id = d.visit_id;

-- The latest transfer, and the latest answer that came after it (an answer before a newer transfer
-- answered the older one).
UPDATE visits SET transferred_on = d.on_day, answered_on = d.answered
FROM (
    SELECT visit_id, on_day, (
        SELECT json_extract(a.payload, '$.body.on')
        FROM visit_events va JOIN events a ON a.stream = va.stream AND a.seq = va.seq
        WHERE va.visit_id = t.visit_id AND a.kind = 'transfer_answered'
          AND (a.received_at, a.seq) > (t.received_at, t.seq)
        ORDER BY a.received_at DESC, a.seq DESC LIMIT 1
    ) AS answered
    FROM (
        SELECT ve.visit_id, json_extract(e.payload, '$.body.on') AS on_day, e.received_at, e.seq,
               row_number() OVER (PARTITION BY ve.visit_id ORDER BY e.received_at DESC, e.seq DESC) AS n
        FROM visit_events ve JOIN events e ON e.stream = ve.stream AND e.seq = ve.seq
        WHERE e.kind = 'petition_transferred' AND json_extract(e.payload, '$.body.visit_id') = ve.visit_id
    ) AS t WHERE n = 1
) AS d
WHERE visits.visit_id = d.visit_id;

INSERT OR IGNORE INTO repeat_links (visit_id, ward_code, earlier_visit_id, stream, seq)
SELECT json_extract(e.payload, '$.body.visit_id'), s.ward_code,
       nullif(json_extract(e.payload, '$.body.earlier_visit_id'), '00000000-0000-0000-0000-000000000000'),
       e.stream, e.seq
FROM events e JOIN streams s ON s.stream = e.stream
WHERE e.kind = 'repeat_linked' AND json_extract(e.payload, '$.body.visit_id') IS NOT NULL
ORDER BY e.received_at, e.seq;
