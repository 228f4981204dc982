-- LicenseKit schema for H2 (2.x), version 3: product use per user x product x day, and the
-- indexes of the report queries. Keys start with tenant_id, like every table before.

-- One row per user x product x UTC day: launches added up, progress kept at its highest.
-- (Plain comparisons in the checks: H2 2.4 binds an IN list in a check constraint to the session
-- that created the table.)
CREATE TABLE ${prefix}usage_days (
  tenant_id          VARCHAR(128) NOT NULL,
  user_id            VARCHAR(128) NOT NULL,
  product_id         VARCHAR(128) NOT NULL,
  usage_day          DATE NOT NULL,
  launches           INTEGER NOT NULL,
  progress           INTEGER NOT NULL,
  CONSTRAINT ${prefix}usage_days_pk PRIMARY KEY (tenant_id, user_id, product_id, usage_day),
  CONSTRAINT ${prefix}usage_days_launches_ck CHECK (launches >= 0),
  CONSTRAINT ${prefix}usage_days_progress_ck CHECK (progress >= 0 AND progress <= 100)
);
-- Daily trend: the selected products' use by day. (Engagement reads a claimant's rows by the key.)
CREATE INDEX ${prefix}usage_days_product_idx ON ${prefix}usage_days (tenant_id, product_id, usage_day);

-- Claims of a product by assignment: the claims report's product filter and sort, the cohort and
-- the daily trend's assignments, the claimants of engagement.
CREATE INDEX ${prefix}claims_product_assigned_idx ON ${prefix}claims (tenant_id, product_id, assigned_at);
-- The claims report's date ranges and instant sorts, ties by claim id (keyset pages).
CREATE INDEX ${prefix}claims_assigned_idx ON ${prefix}claims (tenant_id, assigned_at, id);
CREATE INDEX ${prefix}claims_claimed_idx ON ${prefix}claims (tenant_id, claimed_at, id);
CREATE INDEX ${prefix}claims_expires_idx ON ${prefix}claims (tenant_id, expires_at, id);
-- Status filter and sort: claims_status_assigned_idx (version 2). User filter: claims_user_idx.
-- Organization and role filters: memberships_organization_idx, membership_roles_role_idx.
-- Reconciliation's accounts by status, and the users' e-mail addresses.
CREATE INDEX ${prefix}users_status_idx ON ${prefix}users (tenant_id, status);
CREATE INDEX ${prefix}users_email_idx ON ${prefix}users (tenant_id, email);
