-- LicenseKit schema for H2 (2.x), version 5: a tamper-evident audit trail.
--
-- Each tenant's audit entries form a hash chain (see AuditChain in license-core for the canonical
-- encoding): chain_position counts the tenant's entries from 1, previous_hash is the hash of the
-- entry before, entry_hash the entry's own SHA-256. audit_chain_heads keeps each tenant's newest
-- position and hash: appending locks that row (SELECT ... FOR UPDATE), so two transactions
-- appending to one tenant take turns and can never fork its chain, and removing the newest entries
-- is detected. (H2 has no SQL trigger language; PostgreSQL's version also refuses UPDATE and DELETE.)

ALTER TABLE ${prefix}audit_entries ADD COLUMN chain_position BIGINT;
ALTER TABLE ${prefix}audit_entries ADD COLUMN previous_hash CHAR(64);
ALTER TABLE ${prefix}audit_entries ADD COLUMN entry_hash CHAR(64);

-- Entries written before this version get their positions in append order; their hashes stay
-- empty until the store's first append for their tenant seals them.
MERGE INTO ${prefix}audit_entries a
USING (SELECT tenant_id, seq, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY seq) AS position
       FROM ${prefix}audit_entries) n
ON a.tenant_id = n.tenant_id AND a.seq = n.seq
WHEN MATCHED THEN UPDATE SET chain_position = n.position;

ALTER TABLE ${prefix}audit_entries ALTER COLUMN chain_position SET NOT NULL;
CREATE UNIQUE INDEX ${prefix}audit_entries_position_uk ON ${prefix}audit_entries (tenant_id, chain_position);

-- Newest-first keyset pages and counts per filter.
DROP INDEX ${prefix}audit_entries_user_idx;
DROP INDEX ${prefix}audit_entries_subject_idx;
CREATE INDEX ${prefix}audit_entries_user_idx ON ${prefix}audit_entries (tenant_id, user_id, chain_position);
CREATE INDEX ${prefix}audit_entries_subject_idx ON ${prefix}audit_entries (tenant_id, subject_id, chain_position);
CREATE INDEX ${prefix}audit_entries_action_idx ON ${prefix}audit_entries (tenant_id, action, chain_position);

CREATE TABLE ${prefix}audit_chain_heads (
  tenant_id          VARCHAR(128) NOT NULL,
  chain_position     BIGINT NOT NULL,
  entry_hash         CHAR(64) NOT NULL,
  CONSTRAINT ${prefix}audit_chain_heads_pk PRIMARY KEY (tenant_id),
  CONSTRAINT ${prefix}audit_chain_heads_position_ck CHECK (chain_position >= 0)
);

-- Text keys of users, computed in Java (NFC, lower case by Locale.ROOT; e-mail addresses also
-- stripped) so that searching and matching e-mail addresses agree with the in-memory store whatever
-- the database's LOWER does with non-ASCII letters. Rows written before this version get SQL's
-- LOWER, which agrees for ASCII; a row written without them (by SQL outside LicenseKit) is matched
-- by LOWER(...) instead.
ALTER TABLE ${prefix}users ADD COLUMN email_key VARCHAR(320);
ALTER TABLE ${prefix}users ADD COLUMN name_key VARCHAR(400);
UPDATE ${prefix}users SET email_key = LOWER(TRIM(email)), name_key = LOWER(name);
-- Reconciliation matches accounts sharing an address by this key now (H2 cannot index the
-- COALESCE(email_key, LOWER(email)) expression PostgreSQL's version indexes).
CREATE INDEX ${prefix}users_email_key_idx ON ${prefix}users (tenant_id, email_key);
