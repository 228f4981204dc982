-- LicenseKit schema for H2, version 6: what the admin guide's walk-through asked for.

-- Training assigned to a user with a due date ("verify prerequisite training is assigned"): one
-- row per tenant x user x training, replaced when assigned again; completed_at is set when the
-- completion is recorded. Listed per user by training id (the primary key).
CREATE TABLE ${prefix}training_assignments (
  tenant_id          VARCHAR(128) NOT NULL,
  user_id            VARCHAR(128) NOT NULL,
  training_id        VARCHAR(128) NOT NULL,
  product_id         VARCHAR(128),
  assigned_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  due_at             TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  completed_at       TIMESTAMP(9) WITH TIME ZONE,
  CONSTRAINT ${prefix}training_assignments_pk PRIMARY KEY (tenant_id, user_id, training_id)
);
