-- LicenseKit schema, version 7: a version per user account and per claim, so that every
-- read-modify-write is an optimistic compare-and-set (WHERE version = the version read) and an edit
-- racing another change of the same row is detected instead of silently overwriting it.
ALTER TABLE ${prefix}users ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}claims ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
