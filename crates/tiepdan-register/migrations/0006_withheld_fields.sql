-- Values withheld at the district (issue 5): a denunciation's sender identity never leaves the ward
-- (tiepdan_protocol::withhold), so events a restored desk takes back from the district
-- (Register::import_events) may carry `null` where the ward once had a name. One row per withheld
-- value, as a JSON pointer into the stored payload. The payload hash stored with such an event is
-- still that of the full event, so its chain verifies; only its payload hash cannot be recomputed.
-- Append-only like the journal.
CREATE TABLE withheld_fields (
    stream  TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    pointer TEXT NOT NULL,
    PRIMARY KEY (stream, seq, pointer),
    FOREIGN KEY (stream, seq) REFERENCES events(stream, seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER withheld_fields_are_never_updated BEFORE UPDATE ON withheld_fields
BEGIN
    SELECT RAISE(ABORT, 'withheld fields are append-only: never updated');
END;

CREATE TRIGGER withheld_fields_are_never_deleted BEFORE DELETE ON withheld_fields
BEGIN
    SELECT RAISE(ABORT, 'withheld fields are append-only: never deleted');
END;
