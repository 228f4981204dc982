-- LicenseKit schema for PostgreSQL, version 13: erasing a person's personal data (Privacy.erase).
--
-- Audit entries appended from now on are hashed with encoding version 2 (see AuditChain in
-- license-core): the hash commits to salted digests of before_state, after_state and reason
-- instead of their text. hash_version says which encoding an entry's hash uses (1 for every entry
-- written before this version); personal_salt is a version-2 entry's random salt. An erasure
-- rewrites those three fields, keeps their digests (personal_digests), drops the salt and records
-- the position of its PERSONAL_DATA_ERASED entry (erased_by), which lists each rewritten entry's
-- fingerprint; audit().verify() checks both.

ALTER TABLE ${prefix}audit_entries ADD COLUMN hash_version SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE ${prefix}audit_entries ADD COLUMN personal_salt CHAR(64) COLLATE "C";
ALTER TABLE ${prefix}audit_entries ADD COLUMN personal_digests VARCHAR(200) COLLATE "C";
ALTER TABLE ${prefix}audit_entries ADD COLUMN erased_by BIGINT;

-- Append-only, with two narrow exceptions:
-- 1. sealing an entry written before version 5 (hashes set where they were empty, content unchanged);
-- 2. an erasure: only before_state, after_state, reason, personal_salt, personal_digests and
--    erased_by change; the salt goes; a version-2 entry keeps (or gets) its digests and never
--    changes them once kept; erased_by moves forward, past the entry, to the tenant's newest
--    entry (the erasure's own, appended in the same transaction while it holds the chain head),
--    which must be a PERSONAL_DATA_ERASED entry.
CREATE OR REPLACE FUNCTION ${prefix}audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.entry_hash IS NULL
       AND NEW.entry_hash IS NOT NULL
       AND (NEW.tenant_id, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_kind, NEW.actor_id, NEW.action,
            NEW.subject_type, NEW.subject_id, NEW.user_id, NEW.before_state, NEW.after_state, NEW.reason,
            NEW.chain_position, NEW.hash_version, NEW.personal_salt, NEW.personal_digests, NEW.erased_by)
           IS NOT DISTINCT FROM
           (OLD.tenant_id, OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_kind, OLD.actor_id, OLD.action,
            OLD.subject_type, OLD.subject_id, OLD.user_id, OLD.before_state, OLD.after_state, OLD.reason,
            OLD.chain_position, OLD.hash_version, OLD.personal_salt, OLD.personal_digests, OLD.erased_by) THEN
      RETURN NEW;
    END IF;
    IF OLD.entry_hash IS NOT NULL
       AND (NEW.tenant_id, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_kind, NEW.actor_id, NEW.action,
            NEW.subject_type, NEW.subject_id, NEW.user_id, NEW.chain_position, NEW.previous_hash,
            NEW.entry_hash, NEW.hash_version)
           IS NOT DISTINCT FROM
           (OLD.tenant_id, OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_kind, OLD.actor_id, OLD.action,
            OLD.subject_type, OLD.subject_id, OLD.user_id, OLD.chain_position, OLD.previous_hash,
            OLD.entry_hash, OLD.hash_version)
       AND NEW.personal_salt IS NULL
       AND (NEW.hash_version = 1 AND NEW.personal_digests IS NULL
            OR NEW.hash_version = 2 AND NEW.personal_digests IS NOT NULL
               AND (OLD.personal_digests IS NULL OR NEW.personal_digests = OLD.personal_digests))
       AND NEW.erased_by IS NOT NULL
       AND NEW.erased_by > NEW.chain_position
       AND (OLD.erased_by IS NULL OR NEW.erased_by > OLD.erased_by)
       AND NEW.erased_by = (SELECT h.chain_position FROM ${prefix}audit_chain_heads h WHERE h.tenant_id = NEW.tenant_id)
       AND EXISTS (SELECT 1 FROM ${prefix}audit_entries e
                   WHERE e.tenant_id = NEW.tenant_id AND e.chain_position = NEW.erased_by
                     AND e.action = 'PERSONAL_DATA_ERASED') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'LicenseKit audit entries are append-only: % refused on %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
