-- Issue 17: what 01/KQGQ and 02/KQGQ count about a complaint the ward resolved. Both are
-- projections of journal events (`petition_resolved` with figures, `decision_implemented`); the
-- figures are kept as their JSON, read back into domain types and never queried field by field.
ALTER TABLE petition_resolutions ADD COLUMN figures TEXT;

-- Every implementation record of a decision, in the order recorded; counting takes the latest
-- dated on or before a period's end.
CREATE TABLE decision_implementations (
    visit_no       INTEGER NOT NULL REFERENCES visits(no),
    position       INTEGER NOT NULL,
    implemented_on TEXT NOT NULL,
    completed      INTEGER NOT NULL CHECK (completed IN (0, 1)),
    done           TEXT NOT NULL,
    note           TEXT NOT NULL,
    PRIMARY KEY (visit_no, position)
) STRICT;
