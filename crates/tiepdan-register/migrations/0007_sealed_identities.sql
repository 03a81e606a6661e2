-- Denouncers' identities sealed at the ward (issue 7 §2, docs/access.md "Sealed identities"): a
-- visitor of a denunciation or mixed petition is stored with its identifying columns blank ('' for
-- the name, NULL for the rest) and its identity sealed to the ward's seal key in `sealed`
-- (`sealed:v1:` text). Nothing indexes `sealed`: equal identities seal to different values, and no
-- search may find a denouncer by name.
ALTER TABLE visitors ADD COLUMN sealed TEXT;
