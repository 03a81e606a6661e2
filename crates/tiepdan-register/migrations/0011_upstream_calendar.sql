-- The working-day calendar the upstream server publishes (issue 14 §7): the days of the latest
-- version of the `holidays` reference data a desk pulled from the ward feed, as overrides (a day
-- off, or a working day such as a make-up Saturday), with the note the clerk reads. The whole set is
-- replaced by a newer version and never by an older one: `upstream_calendar_version` holds the feed
-- number of the version applied. Reference data from upstream, not a fact of the ward, so it is not
-- journaled (the district already holds it); the ward's own overrides (`calendar_overrides`) win.
CREATE TABLE upstream_calendar_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

CREATE TABLE upstream_calendar (
    date   TEXT PRIMARY KEY,
    change TEXT NOT NULL CHECK (change IN ('day_off', 'working_day')),
    note   TEXT NOT NULL
) STRICT;
