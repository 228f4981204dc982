-- LicenseKit schema for PostgreSQL, version 3: product use per user x product x day, and the
-- indexes of the report queries. Keys start with tenant_id, like every table before.

-- One row per user x product x UTC day: launches added up, progress kept at its highest. Recording
-- is INSERT ... ON CONFLICT (the key) DO UPDATE.
CREATE TABLE ${prefix}usage_days (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  user_id            VARCHAR(128) COLLATE "C" NOT NULL,
  product_id         VARCHAR(128) COLLATE "C" NOT NULL,
  usage_day          DATE NOT NULL,
  launches           INTEGER NOT NULL,
  progress           INTEGER NOT NULL,
  CONSTRAINT ${prefix}usage_days_pk PRIMARY KEY (tenant_id, user_id, product_id, usage_day),
  CONSTRAINT ${prefix}usage_days_launches_ck CHECK (launches >= 0),
  CONSTRAINT ${prefix}usage_days_progress_ck CHECK (progress BETWEEN 0 AND 100)
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
-- Status filter and sort (version 2's partial indexes cover only live and pending claims).
CREATE INDEX ${prefix}claims_status_idx ON ${prefix}claims (tenant_id, status, assigned_at);
-- User filter: claims_user_idx. Organization and role filters: memberships_organization_idx,
-- membership_roles_role_idx.
-- The claims report's name and e-mail sorts compare by code point, as these indexes are ordered.
CREATE INDEX ${prefix}users_name_idx ON ${prefix}users (tenant_id, name COLLATE "C", id);
CREATE INDEX ${prefix}users_email_idx ON ${prefix}users (tenant_id, email COLLATE "C", id);
-- Reconciliation: accounts by status, and accounts sharing an e-mail address ignoring case.
CREATE INDEX ${prefix}users_status_idx ON ${prefix}users (tenant_id, status);
CREATE INDEX ${prefix}users_email_lower_idx ON ${prefix}users (tenant_id, lower(email));
