-- Short PINs that unlock a locked screen (issue 7 §1, docs/access.md "Unlocking with a PIN"). A PIN
-- is not a key slot and opens nothing on disk: it only gives an officer back the session the running
-- app still holds for them. The argon2id verifier (`pin:v1:…`, tiepdan-keys) lives here, inside the
-- encrypted register. A credential, not a record: replaced or removed in place, never journaled;
-- every change and every wrong PIN is in the access audit.
CREATE TABLE unlock_pins (
    officer_id TEXT PRIMARY KEY REFERENCES officers(id),
    verifier   TEXT NOT NULL,
    set_at     TEXT NOT NULL
) STRICT;
