-- The outgoing register (sổ đăng ký văn bản đi) of the documents this desk issues about a visit in
-- the ward's name: the transfer slip, the refusal notice and the guidance slip (issue 13 §12). A
-- document gets its number the first time it is printed, in the same transaction that finds the
-- next free one, and keeps it on every reprint: one row per visit and kind. Numbers run per year
-- and per kind from 1 (printed "01"); `symbol` is the abbreviation it was issued with ("PC-UBND"),
-- so a later change of the ward's abbreviations never renumbers paper already handed out.
-- Append-only: triggers refuse UPDATE and DELETE. Like the print log it is this desk's record of
-- its paper and is not journaled (docs/forms.md, "Outgoing numbers").
CREATE TABLE outgoing_documents (
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    kind       TEXT NOT NULL CHECK (kind IN ('transfer_slip', 'refusal_notice', 'guidance_slip')),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    symbol     TEXT NOT NULL,
    visit_no   INTEGER NOT NULL REFERENCES visits(no),
    issued_on  TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    officer_id TEXT REFERENCES officers(id),
    PRIMARY KEY (year, kind, seq),
    UNIQUE (visit_no, kind)
) STRICT;

CREATE TRIGGER outgoing_documents_are_never_updated BEFORE UPDATE ON outgoing_documents
BEGIN
    SELECT RAISE(ABORT, 'the outgoing register is append-only: numbers are never changed');
END;
CREATE TRIGGER outgoing_documents_are_never_deleted BEFORE DELETE ON outgoing_documents
BEGIN
    SELECT RAISE(ABORT, 'the outgoing register is append-only: numbers are never deleted');
END;
