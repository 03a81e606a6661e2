-- A dashboard account can be removed (`user remove`). The row stays, so the sign-in record in
-- `sessions` keeps pointing at it; a removed account cannot log in and its sessions are ended.
-- `user add` with the same name makes it an account again, with the new password.
ALTER TABLE users ADD COLUMN removed_at TEXT;
