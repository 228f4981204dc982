-- LicenseKit schema for PostgreSQL, version 30: a bulk chunk's audit entries are found by action
-- and by time through one summary row per chunk instead of two index entries per entry.
--
-- A bulk chunk appends thousands of entries in one statement, and they share a few actions (a
-- grant: ROLE_GRANTED and CLAIM_ASSIGNED; an import: USER_REGISTERED, MEMBERSHIP_ADDED,
-- CLAIM_ASSIGNED, USER_INVITED) and one instant, interleaved user by user. Each entry wrote one
-- entry in the action index and one in the time index, to answer filters whose answer for the
-- chunk is one contiguous run of chain positions read through the primary key.
--
-- Now a set-based append (the store's COPY path) writes one row into audit_batches: its first and
-- last chain position, the earliest and latest instant and, for each action that makes up at least
-- an eighth of the append (and at least 16 entries), the action and how many entries have it. The
-- entries of those actions are marked batched; the action and time indexes hold only the entries
-- that are not. A filter by action or time (without a user or subject, whose indexes hold every
-- entry) reads both sides: the indexes for the entries that are not batched, and for the entries
-- that are, the summary rows of the chunks whose actions and instants can match, then each such
-- chunk's run of positions through the primary key newest first, until the page is full. Since an
-- action is summarized only where it is at least an eighth of its chunk, a page of N matches reads
-- at most 8N entries of a chunk, which lie in the same heap pages the index would have led to (the
-- chunk's entries are interleaved user by user). Counts add the summaries' counts for chunks the
-- time filter holds whole.
--
-- Every other entry (a command's few, appended in one statement with the chain head) is written
-- as before. The user and subject indexes and the primary key are unchanged.
ALTER TABLE ${prefix}audit_entries ADD COLUMN batched BOOLEAN DEFAULT false NOT NULL;

CREATE TABLE ${prefix}audit_batches (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  last_position      BIGINT NOT NULL,
  first_position     BIGINT NOT NULL,
  first_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  last_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  actions            VARCHAR(64)[] NOT NULL,
  action_entries     INTEGER[] NOT NULL,
  CONSTRAINT ${prefix}audit_batches_pk PRIMARY KEY (tenant_id, last_position),
  CONSTRAINT ${prefix}audit_batches_range_ck CHECK (first_position >= 1 AND first_position <= last_position AND first_at <= last_at),
  CONSTRAINT ${prefix}audit_batches_actions_ck CHECK (cardinality(actions) >= 1 AND cardinality(actions) = cardinality(action_entries))
);

DROP INDEX ${prefix}audit_entries_action_idx;
CREATE INDEX ${prefix}audit_entries_action_idx ON ${prefix}audit_entries (tenant_id, action, chain_position) WHERE NOT batched;
DROP INDEX ${prefix}audit_entries_at_idx;
CREATE INDEX ${prefix}audit_entries_at_idx ON ${prefix}audit_entries (tenant_id, occurred_at) WHERE NOT batched;

-- The summaries are part of the trail: append-only like the entries.
CREATE FUNCTION ${prefix}audit_batches_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'LicenseKit audit batches are append-only: % refused on %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER ${prefix}audit_batches_append_only_row
  BEFORE UPDATE OR DELETE ON ${prefix}audit_batches
  FOR EACH ROW EXECUTE FUNCTION ${prefix}audit_batches_append_only();

CREATE TRIGGER ${prefix}audit_batches_append_only_truncate
  BEFORE TRUNCATE ON ${prefix}audit_batches
  FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}audit_batches_append_only();

-- An entry's batched mark never changes: the two updates the entries allow (sealing an entry
-- written before version 5, an erasure) now also leave it as it is.
CREATE OR REPLACE FUNCTION ${prefix}audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.entry_hash IS NULL
       AND NEW.entry_hash IS NOT NULL
       AND (NEW.tenant_id, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_kind, NEW.actor_id, NEW.action,
            NEW.subject_type, NEW.subject_id, NEW.user_id, NEW.before_state, NEW.after_state, NEW.reason,
            NEW.chain_position, NEW.hash_version, NEW.personal_salt, NEW.personal_digests, NEW.erased_by, NEW.batched)
           IS NOT DISTINCT FROM
           (OLD.tenant_id, OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_kind, OLD.actor_id, OLD.action,
            OLD.subject_type, OLD.subject_id, OLD.user_id, OLD.before_state, OLD.after_state, OLD.reason,
            OLD.chain_position, OLD.hash_version, OLD.personal_salt, OLD.personal_digests, OLD.erased_by, OLD.batched) THEN
      RETURN NEW;
    END IF;
    IF OLD.entry_hash IS NOT NULL
       AND (NEW.tenant_id, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_kind, NEW.actor_id, NEW.action,
            NEW.subject_type, NEW.subject_id, NEW.user_id, NEW.chain_position, NEW.previous_hash,
            NEW.entry_hash, NEW.hash_version, NEW.batched)
           IS NOT DISTINCT FROM
           (OLD.tenant_id, OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_kind, OLD.actor_id, OLD.action,
            OLD.subject_type, OLD.subject_id, OLD.user_id, OLD.chain_position, OLD.previous_hash,
            OLD.entry_hash, OLD.hash_version, OLD.batched)
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
