-- District staff may release a quarantined stream once the copy that forked it has been dealt with
-- (its desk revoked and the genuine one enrolled again). The stored version stays as it was; the
-- refused version stays on record with who-knows-why in the note.
ALTER TABLE quarantine ADD COLUMN released_at TEXT;
ALTER TABLE quarantine ADD COLUMN release_note TEXT;
