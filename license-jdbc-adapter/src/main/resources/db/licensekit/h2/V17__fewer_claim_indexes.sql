-- LicenseKit schema for H2, version 17: the claims indexes PostgreSQL's version 17 drops, as H2
-- has them (no partial indexes, so its pool and status indexes cover every status). The
-- uniqueness rules keep their indexes (claims_pk, claims_live_uq).

-- Product and status: through claims_status_assigned_idx; the product alone through
-- claims_product_assigned_idx.
DROP INDEX ${prefix}claims_product_status_idx;
-- A pool's claims by status (PostgreSQL's claims_pool_live_idx and claims_pool_ended_idx): a
-- pool's claims come from claims_pool_id_idx (tenant_id, pool_id, id), in pages by id.
DROP INDEX ${prefix}claims_pool_idx;
