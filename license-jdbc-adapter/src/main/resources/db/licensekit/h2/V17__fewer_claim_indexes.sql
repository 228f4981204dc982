-- LicenseKit schema for H2, version 17: the claims index PostgreSQL's version 17 drops as H2 has it
-- (no partial indexes, so one pool index covers every status; PostgreSQL's claims_pending_idx has
-- no H2 twin, claims_status_assigned_idx serves it). The uniqueness rules keep their indexes
-- (claims_pk, claims_live_uq).

-- A pool's claims by status (PostgreSQL's claims_pool_live_idx and claims_pool_ended_idx): a
-- pool's claims come from claims_pool_id_idx (tenant_id, pool_id, id), in pages by id.
DROP INDEX ${prefix}claims_pool_idx;
