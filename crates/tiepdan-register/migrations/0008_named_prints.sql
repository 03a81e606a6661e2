-- A print job whose paper names a denouncer sealed in the register (issue 7 §2): the slip handed
-- to the denouncer, printed by the session that typed their identity or by a leader. Its archived
-- PDF carries the name in clear (inside the encrypted archive), so sending it again or writing it
-- out needs a session that may name the denouncer; reprints are drawn anew and masked otherwise.
ALTER TABLE print_jobs ADD COLUMN names_denouncer INTEGER NOT NULL DEFAULT 0
    CHECK (names_denouncer IN (0, 1));
