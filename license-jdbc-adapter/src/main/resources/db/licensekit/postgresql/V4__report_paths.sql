-- LicenseKit schema for PostgreSQL, version 4: a page of the claims report from an index for
-- every filter, and the dashboard's per-pool claim counts kept up to date by the database.
-- Checked with EXPLAIN (ANALYZE, BUFFERS) on 1,000,000 claims (see docs/benchmarks.md).

-- Per pool: its PENDING and ACTIVE claims, maintained by the statement triggers below, so the
-- dashboard reads one row per pool instead of counting the live claims. The claim writes that
-- change them already lock the pool row (seat counter) or follow the claim -> pool lock order.
ALTER TABLE ${prefix}pools ADD COLUMN pending_claims INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}pools ADD COLUMN active_claims INTEGER NOT NULL DEFAULT 0;
UPDATE ${prefix}pools p SET pending_claims = k.pending, active_claims = k.active
FROM (SELECT tenant_id, pool_id, COUNT(*) FILTER (WHERE status = 'PENDING') AS pending,
             COUNT(*) FILTER (WHERE status = 'ACTIVE') AS active
      FROM ${prefix}claims WHERE status IN ('PENDING', 'ACTIVE') GROUP BY tenant_id, pool_id) k
WHERE p.tenant_id = k.tenant_id AND p.id = k.pool_id;

-- One function per event: a statement's transition tables, summed per pool (one UPDATE per pool
-- the statement touched, however many rows it wrote).
CREATE FUNCTION ${prefix}count_claims_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ${prefix}pools p SET pending_claims = p.pending_claims + d.pending, active_claims = p.active_claims + d.active
  FROM (SELECT tenant_id, pool_id, COUNT(*) FILTER (WHERE status = 'PENDING') AS pending,
               COUNT(*) FILTER (WHERE status = 'ACTIVE') AS active
        FROM new_claims WHERE status IN ('PENDING', 'ACTIVE') GROUP BY tenant_id, pool_id) d
  WHERE p.tenant_id = d.tenant_id AND p.id = d.pool_id;
  RETURN NULL;
END
$$;

CREATE FUNCTION ${prefix}count_claims_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ${prefix}pools p SET pending_claims = p.pending_claims + d.pending, active_claims = p.active_claims + d.active
  FROM (SELECT tenant_id, pool_id, SUM(pending) AS pending, SUM(active) AS active
        FROM (SELECT tenant_id, pool_id, CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END AS pending,
                     CASE WHEN status = 'ACTIVE' THEN 1 ELSE 0 END AS active
              FROM new_claims WHERE status IN ('PENDING', 'ACTIVE')
              UNION ALL
              SELECT tenant_id, pool_id, CASE WHEN status = 'PENDING' THEN -1 ELSE 0 END,
                     CASE WHEN status = 'ACTIVE' THEN -1 ELSE 0 END
              FROM old_claims WHERE status IN ('PENDING', 'ACTIVE')) changes
        GROUP BY tenant_id, pool_id) d
  WHERE p.tenant_id = d.tenant_id AND p.id = d.pool_id AND (d.pending <> 0 OR d.active <> 0);
  RETURN NULL;
END
$$;

CREATE FUNCTION ${prefix}count_claims_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ${prefix}pools p SET pending_claims = p.pending_claims - d.pending, active_claims = p.active_claims - d.active
  FROM (SELECT tenant_id, pool_id, COUNT(*) FILTER (WHERE status = 'PENDING') AS pending,
               COUNT(*) FILTER (WHERE status = 'ACTIVE') AS active
        FROM old_claims WHERE status IN ('PENDING', 'ACTIVE') GROUP BY tenant_id, pool_id) d
  WHERE p.tenant_id = d.tenant_id AND p.id = d.pool_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER ${prefix}claims_counted_insert AFTER INSERT ON ${prefix}claims
  REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}count_claims_inserted();
CREATE TRIGGER ${prefix}claims_counted_update AFTER UPDATE ON ${prefix}claims
  REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}count_claims_updated();
CREATE TRIGGER ${prefix}claims_counted_delete AFTER DELETE ON ${prefix}claims
  REFERENCING OLD TABLE AS old_claims FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}count_claims_deleted();

-- The dashboard's pending figures per pool: the oldest pending claim and those assigned since the
-- alert cutoff (few), read from the pool's pending claims in assignment order.
CREATE INDEX ${prefix}claims_pool_pending_idx ON ${prefix}claims (tenant_id, pool_id, assigned_at) WHERE status = 'PENDING';

-- A claims report page is picked from an index that holds the sort value, the claim id and the
-- columns the other filters test (user_id for the organization and role filters), so the page's
-- claim ids come from an index-only scan and only the page's rows are read from the table.
-- Status (+ user, organization, role), newest or oldest first:
DROP INDEX ${prefix}claims_status_idx;
CREATE INDEX ${prefix}claims_status_idx ON ${prefix}claims (tenant_id, status, assigned_at, id) INCLUDE (user_id, product_id);
-- Product and status:
CREATE INDEX ${prefix}claims_product_status_idx ON ${prefix}claims (tenant_id, product_id, status, assigned_at, id) INCLUDE (user_id);
-- No status filter (organization, role, product or none), by assignment:
DROP INDEX ${prefix}claims_assigned_idx;
CREATE INDEX ${prefix}claims_assigned_idx ON ${prefix}claims (tenant_id, assigned_at, id) INCLUDE (user_id, product_id, status);
-- The organization and role filters from the other side (a small organization's members, then
-- their claims): members, role holders and each member's claims by index only.
DROP INDEX ${prefix}claims_user_idx;
CREATE INDEX ${prefix}claims_user_idx ON ${prefix}claims (tenant_id, user_id, assigned_at, id) INCLUDE (status, product_id);
DROP INDEX ${prefix}memberships_organization_idx;
CREATE INDEX ${prefix}memberships_organization_idx ON ${prefix}memberships (tenant_id, organization_id, user_id);
DROP INDEX ${prefix}membership_roles_role_idx;
CREATE INDEX ${prefix}membership_roles_role_idx ON ${prefix}membership_roles (tenant_id, role_id, organization_id, user_id);
