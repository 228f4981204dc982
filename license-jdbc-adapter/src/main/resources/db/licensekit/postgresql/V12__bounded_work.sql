-- LicenseKit schema for PostgreSQL, version 12: bounded work.

-- A pool's live claims in claim-id order: the keyset pages in which a roll-over, a term change and
-- reconciliation walk a pool, each page one index range however large the pool.
CREATE INDEX ${prefix}claims_pool_live_id_idx ON ${prefix}claims (tenant_id, pool_id, id)
  WHERE status IN ('PENDING', 'ACTIVE');

-- The outbox purge: a tenant's delivered messages oldest delivery first, deleted in batches.
CREATE INDEX ${prefix}outbox_delivered_idx ON ${prefix}outbox (tenant_id, delivered_at, id)
  WHERE status = 'DELIVERED';
