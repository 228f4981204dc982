-- LicenseKit schema for PostgreSQL.
-- ${prefix} is the table prefix (default lk_); the tables go to the current schema (search_path).
-- Every primary key starts with tenant_id and every query filters by it, so the tables can be
-- distributed by tenant_id (Citus). Identifiers use the "C" collation: ids sort by code point,
-- as Java sorts them, whatever the database's locale.

CREATE TABLE ${prefix}products (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 VARCHAR(128) COLLATE "C" NOT NULL,
  name               TEXT NOT NULL,
  product_type       VARCHAR(32) NOT NULL,
  validity_kind      VARCHAR(32) NOT NULL,
  validity_duration  VARCHAR(64),
  CONSTRAINT ${prefix}products_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${prefix}product_prerequisites (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  product_id         VARCHAR(128) COLLATE "C" NOT NULL,
  training_id        VARCHAR(128) COLLATE "C" NOT NULL,
  kind               VARCHAR(32) NOT NULL,
  CONSTRAINT ${prefix}product_prerequisites_pk PRIMARY KEY (tenant_id, product_id, training_id, kind),
  CONSTRAINT ${prefix}product_prerequisites_product_fk FOREIGN KEY (tenant_id, product_id)
    REFERENCES ${prefix}products (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE ${prefix}roles (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 VARCHAR(128) COLLATE "C" NOT NULL,
  name               TEXT NOT NULL,
  description        TEXT NOT NULL,
  CONSTRAINT ${prefix}roles_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${prefix}role_grants (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  role_id            VARCHAR(128) COLLATE "C" NOT NULL,
  product_id         VARCHAR(128) COLLATE "C" NOT NULL,
  CONSTRAINT ${prefix}role_grants_pk PRIMARY KEY (tenant_id, role_id, product_id),
  CONSTRAINT ${prefix}role_grants_role_fk FOREIGN KEY (tenant_id, role_id)
    REFERENCES ${prefix}roles (tenant_id, id) ON DELETE CASCADE
);
-- Which roles grant a product (access checks and reports go from the product to its roles).
CREATE INDEX ${prefix}role_grants_product_idx ON ${prefix}role_grants (tenant_id, product_id);

CREATE TABLE ${prefix}job_profiles (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 VARCHAR(128) COLLATE "C" NOT NULL,
  name               TEXT NOT NULL,
  CONSTRAINT ${prefix}job_profiles_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${prefix}job_profile_roles (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  job_profile_id     VARCHAR(128) COLLATE "C" NOT NULL,
  role_id            VARCHAR(128) COLLATE "C" NOT NULL,
  CONSTRAINT ${prefix}job_profile_roles_pk PRIMARY KEY (tenant_id, job_profile_id, role_id),
  CONSTRAINT ${prefix}job_profile_roles_profile_fk FOREIGN KEY (tenant_id, job_profile_id)
    REFERENCES ${prefix}job_profiles (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE ${prefix}organizations (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 VARCHAR(128) COLLATE "C" NOT NULL,
  name               TEXT NOT NULL,
  parent_id          VARCHAR(128) COLLATE "C",
  CONSTRAINT ${prefix}organizations_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ${prefix}organizations_parent_idx ON ${prefix}organizations (tenant_id, parent_id);

CREATE TABLE ${prefix}users (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 VARCHAR(128) COLLATE "C" NOT NULL,
  name               TEXT NOT NULL,
  email              TEXT NOT NULL,
  job_profile_id     VARCHAR(128) COLLATE "C",
  status             VARCHAR(32) NOT NULL,
  end_date           DATE,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}users_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${prefix}memberships (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  user_id            VARCHAR(128) COLLATE "C" NOT NULL,
  organization_id    VARCHAR(128) COLLATE "C" NOT NULL,
  CONSTRAINT ${prefix}memberships_pk PRIMARY KEY (tenant_id, user_id, organization_id)
);
-- Members of an organization (reports, bulk workflows).
CREATE INDEX ${prefix}memberships_organization_idx ON ${prefix}memberships (tenant_id, organization_id);

CREATE TABLE ${prefix}membership_roles (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  user_id            VARCHAR(128) COLLATE "C" NOT NULL,
  organization_id    VARCHAR(128) COLLATE "C" NOT NULL,
  role_id            VARCHAR(128) COLLATE "C" NOT NULL,
  CONSTRAINT ${prefix}membership_roles_pk PRIMARY KEY (tenant_id, user_id, organization_id, role_id),
  CONSTRAINT ${prefix}membership_roles_membership_fk FOREIGN KEY (tenant_id, user_id, organization_id)
    REFERENCES ${prefix}memberships (tenant_id, user_id, organization_id) ON DELETE CASCADE
);

CREATE TABLE ${prefix}pools (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 VARCHAR(128) COLLATE "C" NOT NULL,
  product_id         VARCHAR(128) COLLATE "C" NOT NULL,
  seats              INTEGER NOT NULL,
  seats_in_use       INTEGER NOT NULL DEFAULT 0,
  term_start         TIMESTAMP WITH TIME ZONE NOT NULL,
  term_end           TIMESTAMP WITH TIME ZONE NOT NULL,
  renewal_date       DATE,
  reference          TEXT,
  scope_organization_id VARCHAR(128) COLLATE "C",
  CONSTRAINT ${prefix}pools_pk PRIMARY KEY (tenant_id, id),
  -- The seat rule, as a last line of defence behind the conditional updates.
  CONSTRAINT ${prefix}pools_seats_ck CHECK (seats_in_use >= 0 AND seats_in_use <= seats)
);
CREATE INDEX ${prefix}pools_product_idx ON ${prefix}pools (tenant_id, product_id, term_end, id);

CREATE TABLE ${prefix}claims (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 VARCHAR(128) COLLATE "C" NOT NULL,
  user_id            VARCHAR(128) COLLATE "C" NOT NULL,
  product_id         VARCHAR(128) COLLATE "C" NOT NULL,
  pool_id            VARCHAR(128) COLLATE "C" NOT NULL,
  status             VARCHAR(16) NOT NULL,
  direct             BOOLEAN NOT NULL,
  assigned_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  assigned_by_kind   VARCHAR(32) NOT NULL,
  assigned_by_id     VARCHAR(128) COLLATE "C" NOT NULL,
  claimed_at         TIMESTAMP WITH TIME ZONE,
  expires_at         TIMESTAMP WITH TIME ZONE,
  ended_at           TIMESTAMP WITH TIME ZONE,
  ended_by_kind      VARCHAR(32),
  ended_by_id        VARCHAR(128) COLLATE "C",
  reason             TEXT,
  CONSTRAINT ${prefix}claims_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT ${prefix}claims_status_ck CHECK (status IN ('PENDING', 'ACTIVE', 'EXPIRED', 'REVOKED'))
);
-- One live claim per tenant x user x product.
CREATE UNIQUE INDEX ${prefix}claims_live_uq ON ${prefix}claims (tenant_id, user_id, product_id)
  WHERE status IN ('PENDING', 'ACTIVE');
CREATE INDEX ${prefix}claims_user_idx ON ${prefix}claims (tenant_id, user_id, assigned_at);
CREATE INDEX ${prefix}claims_pool_live_idx ON ${prefix}claims (tenant_id, pool_id, assigned_at)
  WHERE status IN ('PENDING', 'ACTIVE');

CREATE TABLE ${prefix}training_records (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  user_id            VARCHAR(128) COLLATE "C" NOT NULL,
  training_id        VARCHAR(128) COLLATE "C" NOT NULL,
  completed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at         TIMESTAMP WITH TIME ZONE,
  CONSTRAINT ${prefix}training_records_pk PRIMARY KEY (tenant_id, user_id, training_id)
);

CREATE TABLE ${prefix}audit_entries (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  seq                BIGINT GENERATED ALWAYS AS IDENTITY,
  id                 TEXT COLLATE "C" NOT NULL,
  occurred_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  actor_kind         VARCHAR(32) NOT NULL,
  actor_id           VARCHAR(128) COLLATE "C" NOT NULL,
  action             VARCHAR(64) NOT NULL,
  subject_type       VARCHAR(128) NOT NULL,
  subject_id         TEXT COLLATE "C" NOT NULL,
  user_id            VARCHAR(128) COLLATE "C",
  before_state       TEXT,
  after_state        TEXT,
  reason             TEXT,
  CONSTRAINT ${prefix}audit_entries_pk PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX ${prefix}audit_entries_user_idx ON ${prefix}audit_entries (tenant_id, user_id, seq);
CREATE INDEX ${prefix}audit_entries_subject_idx ON ${prefix}audit_entries (tenant_id, subject_id, seq);
CREATE INDEX ${prefix}audit_entries_at_idx ON ${prefix}audit_entries (tenant_id, occurred_at);

CREATE TABLE ${prefix}tenant_settings (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  suspended_users_keep_seats BOOLEAN NOT NULL,
  claim_on_first_access      BOOLEAN NOT NULL,
  CONSTRAINT ${prefix}tenant_settings_pk PRIMARY KEY (tenant_id)
);
