-- Follow-up of petitions after reception (issue 6): the results recorded by events, repeat visits of
-- one matter, the administrator's calendar overrides and the deadline rule set in force.
-- Due dates and statuses are NOT stored: they are computed on read from the rules, the calendar and
-- these rows, so an override or a new rule set changes the due dates of every open petition at once.
-- Dates are YYYY-MM-DD; enums are their serde words (see columns.rs).

-- The decision on accepting a petition (thụ lý), with what sets its deadlines; the latest decision
-- stands (the journal keeps every one).
CREATE TABLE petition_acceptances (
    visit_no    INTEGER PRIMARY KEY REFERENCES visits(no),
    decided_on  TEXT NOT NULL,
    accepted    INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    reason      TEXT,
    level       TEXT NOT NULL,
    complexity  TEXT NOT NULL,
    remote_area INTEGER NOT NULL CHECK (remote_area IN (0, 1))
) STRICT;

-- The transfer to the competent body and, once it comes, that body's answer.
CREATE TABLE petition_transfers (
    visit_no       INTEGER PRIMARY KEY REFERENCES visits(no),
    transferred_on TEXT NOT NULL,
    receiver       TEXT NOT NULL,
    note           TEXT NOT NULL,
    answered_on    TEXT,
    answer         TEXT
) STRICT;

-- Extensions of the resolution period, in the order they were granted.
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
) STRICT;

-- A visit that repeats an earlier visit's matter. matter_no is the first visit of the matter, so the
-- visits of one matter are that visit and every row naming it.
CREATE TABLE repeat_links (
    visit_no   INTEGER PRIMARY KEY REFERENCES visits(no),
    earlier_no INTEGER NOT NULL REFERENCES visits(no),
    matter_no  INTEGER NOT NULL REFERENCES visits(no),
    CHECK (visit_no <> earlier_no AND visit_no <> matter_no)
) STRICT;

CREATE INDEX repeat_links_by_matter ON repeat_links(matter_no);

-- Days the administrator (or the upstream server) declares off or working; one per date.
CREATE TABLE calendar_overrides (
    date   TEXT PRIMARY KEY,
    change TEXT NOT NULL CHECK (change IN ('day_off', 'working_day')),
    note   TEXT NOT NULL
) STRICT;

-- A province's deadline rule set, as JSON (DeadlineRules); no row means the shipped national set.
CREATE TABLE deadline_rules (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    rules TEXT NOT NULL
) STRICT;
