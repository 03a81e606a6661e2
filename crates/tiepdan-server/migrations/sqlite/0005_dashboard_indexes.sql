-- Issue 14 (item 10) and 15: the dashboard refreshes every ward's figures while desks push, so its
-- counts must come from indexes, not from scanning every stored event. A stream's stored events
-- are its hwm (streams are gapless prefixes, I5); the events held for review are few and found
-- through this partial index.
CREATE INDEX events_for_review ON events(stream) WHERE review IS NOT NULL;
-- The month's visits of every ward in one range scan.
CREATE INDEX visits_by_day ON visits(received_on);
