-- Issue 17: the district's reports read, besides the projection, the few kinds of stored events
-- that set a petition's resolution deadline and its decision (acceptance, extensions, resolution
-- figures, implementation records) and a ward's deadline rules, calendar overrides and opening
-- balances (`tiepdan_server::reports::decisions`). They are found by kind.
CREATE INDEX events_by_kind ON events(kind);
