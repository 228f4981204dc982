-- LicenseKit schema for PostgreSQL, version 6: what the admin guide's walk-through asked for.

-- The dashboard's claims by status per product: pending and active come from the per-pool
-- counters of version 4; the ended claims (EXPIRED, REVOKED) of each pool are counted from this
-- index alone, without a second set of counters.
CREATE INDEX ${prefix}claims_pool_ended_idx ON ${prefix}claims (tenant_id, pool_id, status)
  WHERE status IN ('EXPIRED', 'REVOKED');
