-- LicenseKit schema for PostgreSQL, version 5: a tamper-evident audit trail.
--
-- Each tenant's audit entries form a hash chain (see AuditChain in license-core for the canonical
-- encoding): chain_position counts the tenant's entries from 1, previous_hash is the hash of the
-- entry before, entry_hash the entry's own SHA-256. audit_chain_heads keeps each tenant's newest
-- position and hash: appending locks that row (SELECT ... FOR UPDATE), so two transactions
-- appending to one tenant take turns and can never fork its chain, and removing the newest entries
-- is detected. A trigger refuses UPDATE, DELETE and TRUNCATE on the entries.

ALTER TABLE ${prefix}audit_entries ADD COLUMN chain_position BIGINT;
ALTER TABLE ${prefix}audit_entries ADD COLUMN previous_hash CHAR(64) COLLATE "C";
ALTER TABLE ${prefix}audit_entries ADD COLUMN entry_hash CHAR(64) COLLATE "C";

-- Entries written before this version get their positions in append order; their hashes stay
-- empty until the store's first append for their tenant seals them (the only update the trigger
-- below lets through).
UPDATE ${prefix}audit_entries a SET chain_position = n.position
FROM (SELECT tenant_id, seq, row_number() OVER (PARTITION BY tenant_id ORDER BY seq) AS position
      FROM ${prefix}audit_entries) n
WHERE a.tenant_id = n.tenant_id AND a.seq = n.seq;

ALTER TABLE ${prefix}audit_entries ALTER COLUMN chain_position SET NOT NULL;
CREATE UNIQUE INDEX ${prefix}audit_entries_position_uk ON ${prefix}audit_entries (tenant_id, chain_position);

-- Newest-first keyset pages and counts per filter.
DROP INDEX ${prefix}audit_entries_user_idx;
DROP INDEX ${prefix}audit_entries_subject_idx;
CREATE INDEX ${prefix}audit_entries_user_idx ON ${prefix}audit_entries (tenant_id, user_id, chain_position);
CREATE INDEX ${prefix}audit_entries_subject_idx ON ${prefix}audit_entries (tenant_id, subject_id, chain_position);
CREATE INDEX ${prefix}audit_entries_action_idx ON ${prefix}audit_entries (tenant_id, action, chain_position);

CREATE TABLE ${prefix}audit_chain_heads (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  chain_position     BIGINT NOT NULL,
  entry_hash         CHAR(64) COLLATE "C" NOT NULL,
  CONSTRAINT ${prefix}audit_chain_heads_pk PRIMARY KEY (tenant_id),
  CONSTRAINT ${prefix}audit_chain_heads_position_ck CHECK (chain_position >= 0)
);

-- Append-only: no UPDATE (except sealing an entry written before version 5, leaving its content
-- as it is), no DELETE, no TRUNCATE, whoever the database user is. A superuser can still disable
-- the trigger; the hash chain is what makes such an edit visible (audit().verify()).
CREATE FUNCTION ${prefix}audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.entry_hash IS NULL
       AND NEW.entry_hash IS NOT NULL
       AND (NEW.tenant_id, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_kind, NEW.actor_id, NEW.action,
            NEW.subject_type, NEW.subject_id, NEW.user_id, NEW.before_state, NEW.after_state, NEW.reason,
            NEW.chain_position)
           IS NOT DISTINCT FROM
           (OLD.tenant_id, OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_kind, OLD.actor_id, OLD.action,
            OLD.subject_type, OLD.subject_id, OLD.user_id, OLD.before_state, OLD.after_state, OLD.reason,
            OLD.chain_position) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'LicenseKit audit entries are append-only: % refused on %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER ${prefix}audit_entries_append_only_row
  BEFORE UPDATE OR DELETE ON ${prefix}audit_entries
  FOR EACH ROW EXECUTE FUNCTION ${prefix}audit_entries_append_only();

CREATE TRIGGER ${prefix}audit_entries_append_only_truncate
  BEFORE TRUNCATE ON ${prefix}audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}audit_entries_append_only();

-- Text keys of users, computed in Java (NFC, lower case by Locale.ROOT; e-mail addresses also
-- stripped) so that searching and matching e-mail addresses agree with the in-memory store whatever
-- the database's LOWER does with non-ASCII letters. Rows written before this version get SQL's
-- LOWER, which agrees for ASCII; a row written without them (by SQL outside LicenseKit) is matched
-- by LOWER(...) instead.
ALTER TABLE ${prefix}users ADD COLUMN email_key VARCHAR(320);
ALTER TABLE ${prefix}users ADD COLUMN name_key VARCHAR(400);
UPDATE ${prefix}users SET email_key = LOWER(TRIM(email)), name_key = LOWER(name);
-- Reconciliation matches accounts sharing an address by this key now, not by lower(email).
CREATE INDEX ${prefix}users_email_key_idx ON ${prefix}users (tenant_id, (COALESCE(email_key, LOWER(email))));
