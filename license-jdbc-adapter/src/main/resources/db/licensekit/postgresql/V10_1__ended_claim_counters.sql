-- LicenseKit schema for PostgreSQL, version 10.1: the dashboard's EXPIRED and REVOKED counts per
-- pool kept beside the PENDING and ACTIVE ones of version 4, by the same statement triggers (the
-- functions are replaced; the triggers keep calling them), so the dashboard reads one row per pool
-- instead of counting each pool's ended claims. A claim's status change moves one count to
-- another; every claim keeps its pool, a pool move moves its count.
ALTER TABLE ${prefix}pools ADD COLUMN expired_claims INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}pools ADD COLUMN revoked_claims INTEGER NOT NULL DEFAULT 0;
UPDATE ${prefix}pools p SET expired_claims = k.expired, revoked_claims = k.revoked
FROM (SELECT tenant_id, pool_id, COUNT(*) FILTER (WHERE status = 'EXPIRED') AS expired,
             COUNT(*) FILTER (WHERE status = 'REVOKED') AS revoked
      FROM ${prefix}claims WHERE status IN ('EXPIRED', 'REVOKED') GROUP BY tenant_id, pool_id) k
WHERE p.tenant_id = k.tenant_id AND p.id = k.pool_id;

CREATE OR REPLACE FUNCTION ${prefix}count_claims_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ${prefix}pools p SET pending_claims = p.pending_claims + d.pending, active_claims = p.active_claims + d.active,
         expired_claims = p.expired_claims + d.expired, revoked_claims = p.revoked_claims + d.revoked
  FROM (SELECT tenant_id, pool_id, COUNT(*) FILTER (WHERE status = 'PENDING') AS pending,
               COUNT(*) FILTER (WHERE status = 'ACTIVE') AS active,
               COUNT(*) FILTER (WHERE status = 'EXPIRED') AS expired,
               COUNT(*) FILTER (WHERE status = 'REVOKED') AS revoked
        FROM new_claims GROUP BY tenant_id, pool_id) d
  WHERE p.tenant_id = d.tenant_id AND p.id = d.pool_id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION ${prefix}count_claims_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ${prefix}pools p SET pending_claims = p.pending_claims + d.pending, active_claims = p.active_claims + d.active,
         expired_claims = p.expired_claims + d.expired, revoked_claims = p.revoked_claims + d.revoked
  FROM (SELECT tenant_id, pool_id, SUM(pending) AS pending, SUM(active) AS active, SUM(expired) AS expired, SUM(revoked) AS revoked
        FROM (SELECT tenant_id, pool_id, CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END AS pending,
                     CASE WHEN status = 'ACTIVE' THEN 1 ELSE 0 END AS active,
                     CASE WHEN status = 'EXPIRED' THEN 1 ELSE 0 END AS expired,
                     CASE WHEN status = 'REVOKED' THEN 1 ELSE 0 END AS revoked
              FROM new_claims
              UNION ALL
              SELECT tenant_id, pool_id, CASE WHEN status = 'PENDING' THEN -1 ELSE 0 END,
                     CASE WHEN status = 'ACTIVE' THEN -1 ELSE 0 END,
                     CASE WHEN status = 'EXPIRED' THEN -1 ELSE 0 END,
                     CASE WHEN status = 'REVOKED' THEN -1 ELSE 0 END
              FROM old_claims) changes
        GROUP BY tenant_id, pool_id) d
  WHERE p.tenant_id = d.tenant_id AND p.id = d.pool_id
    AND (d.pending <> 0 OR d.active <> 0 OR d.expired <> 0 OR d.revoked <> 0);
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION ${prefix}count_claims_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ${prefix}pools p SET pending_claims = p.pending_claims - d.pending, active_claims = p.active_claims - d.active,
         expired_claims = p.expired_claims - d.expired, revoked_claims = p.revoked_claims - d.revoked
  FROM (SELECT tenant_id, pool_id, COUNT(*) FILTER (WHERE status = 'PENDING') AS pending,
               COUNT(*) FILTER (WHERE status = 'ACTIVE') AS active,
               COUNT(*) FILTER (WHERE status = 'EXPIRED') AS expired,
               COUNT(*) FILTER (WHERE status = 'REVOKED') AS revoked
        FROM old_claims GROUP BY tenant_id, pool_id) d
  WHERE p.tenant_id = d.tenant_id AND p.id = d.pool_id;
  RETURN NULL;
END
$$;
