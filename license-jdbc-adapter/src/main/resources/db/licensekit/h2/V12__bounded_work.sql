-- LicenseKit schema for H2, version 12: bounded work.

-- A pool's claims in claim-id order: the keyset pages in which a roll-over, a term change and
-- reconciliation walk a pool's live claims (H2 has no partial indexes; ended claims are skipped).
CREATE INDEX ${prefix}claims_pool_id_idx ON ${prefix}claims (tenant_id, pool_id, id);

-- The outbox purge: a tenant's messages of one status by delivery time, deleted in batches.
CREATE INDEX ${prefix}outbox_delivered_idx ON ${prefix}outbox (tenant_id, status, delivered_at, id);
