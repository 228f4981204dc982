-- LicenseKit schema for H2 (2.x), version 2: the tables and indexes of bulk actions and lifecycle
-- jobs. Keys start with tenant_id, like every table of version 1.

-- Bulk requests remembered by idempotency key. result is NULL while the first run is going; it
-- holds the run's encoded result (any length) once it finished.
CREATE TABLE ${prefix}idempotency_keys (
  tenant_id          VARCHAR(128) NOT NULL,
  idempotency_key    VARCHAR(200) NOT NULL,
  fingerprint        CHARACTER LARGE OBJECT NOT NULL,
  reserved_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  result             CHARACTER LARGE OBJECT,
  CONSTRAINT ${prefix}idempotency_keys_pk PRIMARY KEY (tenant_id, idempotency_key)
);

-- Once-only messages (claim reminders per step, expiration alerts per window) already sent.
CREATE TABLE ${prefix}notification_log (
  tenant_id          VARCHAR(128) NOT NULL,
  notification_key   VARCHAR(300) NOT NULL,
  recorded_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}notification_log_pk PRIMARY KEY (tenant_id, notification_key)
);

-- H2 has no partial indexes: status leads, so the live statuses are two ranges of one index.
-- expireDue: claims past their own expiry, and pools whose term ended.
CREATE INDEX ${prefix}claims_status_expiry_idx ON ${prefix}claims (tenant_id, status, expires_at);
CREATE INDEX ${prefix}pools_term_end_idx ON ${prefix}pools (tenant_id, term_end);
-- Follow-up: pending claims by assignment.
CREATE INDEX ${prefix}claims_status_assigned_idx ON ${prefix}claims (tenant_id, status, assigned_at);
-- User filters: a role held in an organization; users by job profile.
CREATE INDEX ${prefix}membership_roles_role_idx ON ${prefix}membership_roles (tenant_id, role_id, organization_id);
CREATE INDEX ${prefix}users_job_profile_idx ON ${prefix}users (tenant_id, job_profile_id);
