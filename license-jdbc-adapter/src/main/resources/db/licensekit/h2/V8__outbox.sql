-- LicenseKit schema for H2 (2.x), version 8: the outbox. Notifications and domain events are
-- written here in the transaction of the command that caused them, delivered after it commits,
-- and retried with backoff until delivered or dead (a dead letter the host retries or discards).
-- id is the message's stable id, the same on every delivery attempt.
CREATE TABLE ${prefix}outbox (
  tenant_id          VARCHAR(128) NOT NULL,
  id                 VARCHAR(64) NOT NULL,
  topic              VARCHAR(32) NOT NULL,
  payload            CHARACTER LARGE OBJECT NOT NULL,
  created_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  status             VARCHAR(16) NOT NULL,
  attempts           INTEGER DEFAULT 0 NOT NULL,
  next_attempt_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  last_error         CHARACTER LARGE OBJECT,
  delivered_at       TIMESTAMP(9) WITH TIME ZONE,
  CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT ${prefix}outbox_status_ck CHECK
    (CASE status WHEN 'PENDING' THEN TRUE WHEN 'DELIVERED' THEN TRUE WHEN 'DEAD' THEN TRUE WHEN 'DISCARDED' THEN TRUE ELSE FALSE END),
  CONSTRAINT ${prefix}outbox_attempts_ck CHECK (attempts >= 0)
);

-- H2 has no partial indexes: status leads, so the pending messages are one range.
CREATE INDEX ${prefix}outbox_due_idx ON ${prefix}outbox (tenant_id, status, next_attempt_at);
-- Dead letters (and any status) oldest first, and the counts by status.
CREATE INDEX ${prefix}outbox_status_idx ON ${prefix}outbox (tenant_id, status, created_at, id);
