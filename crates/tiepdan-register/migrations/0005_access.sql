-- Who may do what, and who looked at what (issue 7, docs/access.md).

-- An officer's roles, as words in a fixed order separated by commas ('clerk,leader'). Every officer
-- of a register from before roles existed becomes a clerk, and the first officer added also its
-- administrator, so that someone can hand out the other roles; nobody becomes a leader (who may read
-- denouncers' identities) without an administrator saying so.
ALTER TABLE officers ADD COLUMN roles TEXT NOT NULL DEFAULT 'clerk';
UPDATE officers SET roles = 'clerk,administrator'
 WHERE added_no = (SELECT MIN(added_no) FROM officers);

-- The access audit: every sign-in (and every failed one), every opening of a visit, every view of a
-- sealed identity, every print, export and backup, every password or role change. Append-only like
-- the journal, and hash-chained so a removed or edited row shows: chain = SHA-256 of the previous
-- row's chain and this row's canonical text. Not journaled and never sent upstream: it is this
-- desk's record of access to personal data (Nghị định 13/2023), kept with the register.
-- officer_id is who acted, or who was named at a failed sign-in; visit_id the visit concerned.
CREATE TABLE access_log (
    no         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    officer_id TEXT REFERENCES officers(id),
    action     TEXT NOT NULL,
    visit_id   TEXT,
    detail     TEXT NOT NULL,
    chain      BLOB NOT NULL CHECK (length(chain) = 32)
) STRICT;
CREATE INDEX access_log_by_officer ON access_log(officer_id, no);
CREATE INDEX access_log_by_visit ON access_log(visit_id) WHERE visit_id IS NOT NULL;

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
