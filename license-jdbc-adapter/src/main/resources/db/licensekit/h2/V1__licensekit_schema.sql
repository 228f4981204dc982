-- LicenseKit schema for H2 (2.x).
-- ${prefix} is the table prefix (default lk_); the tables go to the current schema.
-- Every primary key starts with tenant_id and every query filters by it, like the PostgreSQL
-- schema. Instants keep nanoseconds (TIMESTAMP(9)).

CREATE TABLE ${prefix}products (
  tenant_id          VARCHAR(128) NOT NULL,
  id                 VARCHAR(128) NOT NULL,
  name               VARCHAR NOT NULL,
  product_type       VARCHAR(32) NOT NULL,
  validity_kind      VARCHAR(32) NOT NULL,
  validity_duration  VARCHAR(64),
  CONSTRAINT ${prefix}products_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${prefix}product_prerequisites (
  tenant_id          VARCHAR(128) NOT NULL,
  product_id         VARCHAR(128) NOT NULL,
  training_id        VARCHAR(128) NOT NULL,
  kind               VARCHAR(32) NOT NULL,
  CONSTRAINT ${prefix}product_prerequisites_pk PRIMARY KEY (tenant_id, product_id, training_id, kind),
  CONSTRAINT ${prefix}product_prerequisites_product_fk FOREIGN KEY (tenant_id, product_id)
    REFERENCES ${prefix}products (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE ${prefix}roles (
  tenant_id          VARCHAR(128) NOT NULL,
  id                 VARCHAR(128) NOT NULL,
  name               VARCHAR NOT NULL,
  description        VARCHAR NOT NULL,
  CONSTRAINT ${prefix}roles_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${prefix}role_grants (
  tenant_id          VARCHAR(128) NOT NULL,
  role_id            VARCHAR(128) NOT NULL,
  product_id         VARCHAR(128) NOT NULL,
  CONSTRAINT ${prefix}role_grants_pk PRIMARY KEY (tenant_id, role_id, product_id),
  CONSTRAINT ${prefix}role_grants_role_fk FOREIGN KEY (tenant_id, role_id)
    REFERENCES ${prefix}roles (tenant_id, id) ON DELETE CASCADE
);
-- Which roles grant a product (access checks and reports go from the product to its roles).
CREATE INDEX ${prefix}role_grants_product_idx ON ${prefix}role_grants (tenant_id, product_id);

CREATE TABLE ${prefix}job_profiles (
  tenant_id          VARCHAR(128) NOT NULL,
  id                 VARCHAR(128) NOT NULL,
  name               VARCHAR NOT NULL,
  CONSTRAINT ${prefix}job_profiles_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${prefix}job_profile_roles (
  tenant_id          VARCHAR(128) NOT NULL,
  job_profile_id     VARCHAR(128) NOT NULL,
  role_id            VARCHAR(128) NOT NULL,
  CONSTRAINT ${prefix}job_profile_roles_pk PRIMARY KEY (tenant_id, job_profile_id, role_id),
  CONSTRAINT ${prefix}job_profile_roles_profile_fk FOREIGN KEY (tenant_id, job_profile_id)
    REFERENCES ${prefix}job_profiles (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE ${prefix}organizations (
  tenant_id          VARCHAR(128) NOT NULL,
  id                 VARCHAR(128) NOT NULL,
  name               VARCHAR NOT NULL,
  parent_id          VARCHAR(128),
  CONSTRAINT ${prefix}organizations_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ${prefix}organizations_parent_idx ON ${prefix}organizations (tenant_id, parent_id);

CREATE TABLE ${prefix}users (
  tenant_id          VARCHAR(128) NOT NULL,
  id                 VARCHAR(128) NOT NULL,
  name               VARCHAR NOT NULL,
  email              VARCHAR NOT NULL,
  job_profile_id     VARCHAR(128),
  status             VARCHAR(32) NOT NULL,
  end_date           DATE,
  created_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}users_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${prefix}memberships (
  tenant_id          VARCHAR(128) NOT NULL,
  user_id            VARCHAR(128) NOT NULL,
  organization_id    VARCHAR(128) NOT NULL,
  CONSTRAINT ${prefix}memberships_pk PRIMARY KEY (tenant_id, user_id, organization_id)
);
-- Members of an organization (reports, bulk workflows).
CREATE INDEX ${prefix}memberships_organization_idx ON ${prefix}memberships (tenant_id, organization_id);

CREATE TABLE ${prefix}membership_roles (
  tenant_id          VARCHAR(128) NOT NULL,
  user_id            VARCHAR(128) NOT NULL,
  organization_id    VARCHAR(128) NOT NULL,
  role_id            VARCHAR(128) NOT NULL,
  CONSTRAINT ${prefix}membership_roles_pk PRIMARY KEY (tenant_id, user_id, organization_id, role_id),
  CONSTRAINT ${prefix}membership_roles_membership_fk FOREIGN KEY (tenant_id, user_id, organization_id)
    REFERENCES ${prefix}memberships (tenant_id, user_id, organization_id) ON DELETE CASCADE
);

CREATE TABLE ${prefix}pools (
  tenant_id          VARCHAR(128) NOT NULL,
  id                 VARCHAR(128) NOT NULL,
  product_id         VARCHAR(128) NOT NULL,
  seats              INTEGER NOT NULL,
  seats_in_use       INTEGER NOT NULL DEFAULT 0,
  term_start         TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  term_end           TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  renewal_date       DATE,
  reference          VARCHAR,
  scope_organization_id VARCHAR(128),
  CONSTRAINT ${prefix}pools_pk PRIMARY KEY (tenant_id, id),
  -- The seat rule, as a last line of defence behind the conditional updates.
  CONSTRAINT ${prefix}pools_seats_ck CHECK (seats_in_use >= 0 AND seats_in_use <= seats)
);
CREATE INDEX ${prefix}pools_product_idx ON ${prefix}pools (tenant_id, product_id, term_end, id);

CREATE TABLE ${prefix}claims (
  tenant_id          VARCHAR(128) NOT NULL,
  id                 VARCHAR(128) NOT NULL,
  user_id            VARCHAR(128) NOT NULL,
  product_id         VARCHAR(128) NOT NULL,
  pool_id            VARCHAR(128) NOT NULL,
  status             VARCHAR(16) NOT NULL,
  direct             BOOLEAN NOT NULL,
  assigned_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  assigned_by_kind   VARCHAR(32) NOT NULL,
  assigned_by_id     VARCHAR(128) NOT NULL,
  claimed_at         TIMESTAMP(9) WITH TIME ZONE,
  expires_at         TIMESTAMP(9) WITH TIME ZONE,
  ended_at           TIMESTAMP(9) WITH TIME ZONE,
  ended_by_kind      VARCHAR(32),
  ended_by_id        VARCHAR(128),
  reason             VARCHAR,
  -- H2 has no partial indexes: this column is NULL unless the claim is live, and a unique index
  -- on it allows any number of ended claims but one live claim per tenant x user x product.
  -- (Simple CASEs here and in the status check: H2 2.4 binds an IN list in a generated column or
  -- a check constraint to the session that created the table, and fails once it is closed.)
  live_product_id    VARCHAR(128) GENERATED ALWAYS AS
                       (CASE status WHEN 'PENDING' THEN product_id WHEN 'ACTIVE' THEN product_id END),
  CONSTRAINT ${prefix}claims_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT ${prefix}claims_status_ck CHECK
    (CASE status WHEN 'PENDING' THEN TRUE WHEN 'ACTIVE' THEN TRUE WHEN 'EXPIRED' THEN TRUE WHEN 'REVOKED' THEN TRUE ELSE FALSE END)
);
-- One live claim per tenant x user x product.
CREATE UNIQUE INDEX ${prefix}claims_live_uq ON ${prefix}claims (tenant_id, user_id, live_product_id);
CREATE INDEX ${prefix}claims_user_idx ON ${prefix}claims (tenant_id, user_id, assigned_at);
CREATE INDEX ${prefix}claims_pool_idx ON ${prefix}claims (tenant_id, pool_id, status);

CREATE TABLE ${prefix}training_records (
  tenant_id          VARCHAR(128) NOT NULL,
  user_id            VARCHAR(128) NOT NULL,
  training_id        VARCHAR(128) NOT NULL,
  completed_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  expires_at         TIMESTAMP(9) WITH TIME ZONE,
  CONSTRAINT ${prefix}training_records_pk PRIMARY KEY (tenant_id, user_id, training_id)
);

CREATE TABLE ${prefix}audit_entries (
  tenant_id          VARCHAR(128) NOT NULL,
  seq                BIGINT GENERATED ALWAYS AS IDENTITY,
  id                 VARCHAR NOT NULL,
  occurred_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  actor_kind         VARCHAR(32) NOT NULL,
  actor_id           VARCHAR(128) NOT NULL,
  action             VARCHAR(64) NOT NULL,
  subject_type       VARCHAR(128) NOT NULL,
  subject_id         VARCHAR(4096) NOT NULL,
  user_id            VARCHAR(128),
  before_state       CHARACTER LARGE OBJECT,
  after_state        CHARACTER LARGE OBJECT,
  reason             VARCHAR,
  CONSTRAINT ${prefix}audit_entries_pk PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX ${prefix}audit_entries_user_idx ON ${prefix}audit_entries (tenant_id, user_id, seq);
CREATE INDEX ${prefix}audit_entries_subject_idx ON ${prefix}audit_entries (tenant_id, subject_id, seq);
CREATE INDEX ${prefix}audit_entries_at_idx ON ${prefix}audit_entries (tenant_id, occurred_at);

CREATE TABLE ${prefix}tenant_settings (
  tenant_id          VARCHAR(128) NOT NULL,
  suspended_users_keep_seats BOOLEAN NOT NULL,
  claim_on_first_access      BOOLEAN NOT NULL,
  CONSTRAINT ${prefix}tenant_settings_pk PRIMARY KEY (tenant_id)
);
