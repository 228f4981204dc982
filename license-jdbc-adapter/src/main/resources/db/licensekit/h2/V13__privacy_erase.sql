-- LicenseKit schema for H2 (2.x), version 13: erasing a person's personal data (Privacy.erase).
--
-- Audit entries appended from now on are hashed with encoding version 2 (see AuditChain in
-- license-core): the hash commits to salted digests of before_state, after_state and reason
-- instead of their text. hash_version says which encoding an entry's hash uses (1 for every entry
-- written before this version); personal_salt is a version-2 entry's random salt. An erasure
-- rewrites those three fields, keeps their digests (personal_digests), drops the salt and records
-- the position of its PERSONAL_DATA_ERASED entry (erased_by), which lists each rewritten entry's
-- fingerprint; audit().verify() checks both. (H2 has no SQL trigger language: PostgreSQL's
-- append-only trigger lets exactly this update through; here the chain alone detects others.)

ALTER TABLE ${prefix}audit_entries ADD COLUMN hash_version SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE ${prefix}audit_entries ADD COLUMN personal_salt CHAR(64);
ALTER TABLE ${prefix}audit_entries ADD COLUMN personal_digests VARCHAR(200);
ALTER TABLE ${prefix}audit_entries ADD COLUMN erased_by BIGINT;
