-- LicenseKit schema for PostgreSQL, version 8: the outbox. Notifications and domain events are
-- written here in the transaction of the command that caused them, delivered after it commits,
-- and retried with backoff until delivered or dead (a dead letter the host retries or discards).
-- id is the message's stable id, the same on every delivery attempt.
CREATE TABLE ${prefix}outbox (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 VARCHAR(64) COLLATE "C" NOT NULL,
  topic              VARCHAR(32) NOT NULL,
  payload            TEXT NOT NULL,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  status             VARCHAR(16) NOT NULL,
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_error         TEXT,
  delivered_at       TIMESTAMP WITH TIME ZONE,
  CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT ${prefix}outbox_status_ck CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD', 'DISCARDED')),
  CONSTRAINT ${prefix}outbox_attempts_ck CHECK (attempts >= 0)
);

-- The relay: a tenant's pending messages by due time.
CREATE INDEX ${prefix}outbox_due_idx ON ${prefix}outbox (tenant_id, next_attempt_at) WHERE status = 'PENDING';
-- Dead letters (and any status) oldest first, and the counts by status.
CREATE INDEX ${prefix}outbox_status_idx ON ${prefix}outbox (tenant_id, status, created_at, id);
