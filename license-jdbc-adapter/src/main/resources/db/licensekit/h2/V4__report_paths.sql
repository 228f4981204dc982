-- LicenseKit schema for H2, version 4: the report indexes of PostgreSQL's version 4 that H2 can
-- use (H2 has no INCLUDE columns or partial indexes, so the columns are part of the key). The
-- dashboard on H2 still counts the live claims per pool (claims_pool_idx); the per-pool counters
-- of PostgreSQL's version 4 are kept there by triggers, which H2 runs only as Java classes.

CREATE INDEX ${prefix}claims_product_status_idx ON ${prefix}claims (tenant_id, product_id, status, assigned_at, id);
DROP INDEX ${prefix}claims_status_assigned_idx;
CREATE INDEX ${prefix}claims_status_assigned_idx ON ${prefix}claims (tenant_id, status, assigned_at, id);
DROP INDEX ${prefix}memberships_organization_idx;
CREATE INDEX ${prefix}memberships_organization_idx ON ${prefix}memberships (tenant_id, organization_id, user_id);
DROP INDEX ${prefix}membership_roles_role_idx;
CREATE INDEX ${prefix}membership_roles_role_idx ON ${prefix}membership_roles (tenant_id, role_id, organization_id, user_id);
