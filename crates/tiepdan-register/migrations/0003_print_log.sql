-- The print log (issue 4): every print job of a form of a visit, and every attempt to send it to a
-- printer. Printing happens after the registration committed, so a job row never shares a
-- transaction with a visit and a failed print never undoes one (shared/sync-design.md).
-- Append-only like the journal: a job is recorded once, each attempt's outcome is another row, and
-- triggers refuse UPDATE and DELETE. The log is this desk's record of its paper, not a fact of the
-- register: it is not journaled and never leaves the desk.

-- One job: one form of one visit rendered once, archived as a PDF. copy is 1 for the original and
-- n + 1 for the n-th reprint ("Bản in lại lần n"), which is printed on the paper. archive is relative
-- to the data folder. options is the form's options as the print workflow wrote them (JSON), so a
-- reprint draws the same form.
CREATE TABLE print_jobs (
    id         INTEGER PRIMARY KEY,
    visit_no   INTEGER NOT NULL REFERENCES visits(no),
    form       TEXT NOT NULL,
    copy       INTEGER NOT NULL CHECK (copy >= 1),
    archive    TEXT NOT NULL,
    options    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    officer_id TEXT REFERENCES officers(id)
) STRICT;
CREATE INDEX print_jobs_by_visit ON print_jobs(visit_no, form);

-- One attempt to hand a job to the OS spooler, and what came of it. A failed job is retried by
-- another attempt on the same job (same archived PDF, same copy number).
CREATE TABLE print_attempts (
    job_id     INTEGER NOT NULL REFERENCES print_jobs(id),
    attempt    INTEGER NOT NULL CHECK (attempt >= 1),
    printer    TEXT,
    outcome    TEXT NOT NULL CHECK (outcome IN ('sent', 'failed')),
    spool_job  TEXT,
    error_code TEXT,
    message    TEXT,
    at         TEXT NOT NULL,
    officer_id TEXT REFERENCES officers(id),
    PRIMARY KEY (job_id, attempt)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER print_jobs_are_never_updated BEFORE UPDATE ON print_jobs
BEGIN
    SELECT RAISE(ABORT, 'the print log is append-only: jobs are never updated');
END;
CREATE TRIGGER print_jobs_are_never_deleted BEFORE DELETE ON print_jobs
BEGIN
    SELECT RAISE(ABORT, 'the print log is append-only: jobs are never deleted');
END;
CREATE TRIGGER print_attempts_are_never_updated BEFORE UPDATE ON print_attempts
BEGIN
    SELECT RAISE(ABORT, 'the print log is append-only: attempts are never updated');
END;
CREATE TRIGGER print_attempts_are_never_deleted BEFORE DELETE ON print_attempts
BEGIN
    SELECT RAISE(ABORT, 'the print log is append-only: attempts are never deleted');
END;
