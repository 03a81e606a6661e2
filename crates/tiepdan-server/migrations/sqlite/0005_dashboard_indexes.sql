-- Issue 14 (item 10) and 15: the dashboard refreshes every ward's figures while desks push, so its
-- counts come from per-stream columns and indexes, never from scanning stored events. A stream's
-- stored events are its hwm (streams are gapless prefixes, I5); the events it holds for review are
-- counted as they are stored (a join of events to find them read every payload page: seconds on a
-- country's store).
ALTER TABLE streams ADD COLUMN reviews INTEGER NOT NULL DEFAULT 0;
UPDATE streams SET reviews = (SELECT count(*) FROM events e WHERE e.stream = streams.stream AND e.review IS NOT NULL);
-- The month's visits of every ward in one range scan.
CREATE INDEX visits_by_day ON visits(received_on);
-- Whether each desk holds a live credential: without this, every desk's line scanned every
-- credential (seconds a refresh with a country's desks).
CREATE INDEX credentials_by_desk ON credentials(ward_code, desk);
