-- A print job whose paper names a denouncer sealed in the register (issue 7 §2): the slip handed
-- to the denouncer, printed by the session that typed their identity or by a leader.
-- `named_identities` is the fingerprint (SHA-256, hex) of the sealed values the paper names; NULL
-- for a paper that names nobody sealed. Such a job's archived PDF is sealed to the ward's seal key
-- (only a leader opens it), and it is sent again only for a session that may name those very
-- identities now (docs/access.md, "The slip handed to the denouncer").
ALTER TABLE print_jobs ADD COLUMN named_identities TEXT
    CHECK (named_identities IS NULL OR length(named_identities) = 64);
