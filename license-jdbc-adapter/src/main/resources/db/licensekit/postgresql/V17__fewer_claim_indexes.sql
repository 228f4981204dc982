-- LicenseKit schema for PostgreSQL, version 17: three of the claims table's fifteen indexes dropped,
-- because another index answers each of their queries from an index as well, and every claim a
-- grant inserts was written into two of them. Checked with EXPLAIN (ANALYZE) on 1,000,000 claims
-- (docs/benchmarks.md) and pinned by PostgresClaimPlansTest. The uniqueness rules keep their
-- indexes (claims_pk, claims_live_uq).
--
-- What stays, and what it serves:
--   claims_pk (tenant_id, id)                          a claim by id; the page's rows; id order
--   claims_live_uq (tenant_id, user_id, product_id) live    one live claim per user x product
--   claims_user_idx (tenant_id, user_id, assigned_at, id) INCLUDE (status, product_id)
--                                                      a user's claims; organization and role
--                                                      filters from the members' side
--   claims_status_idx (tenant_id, status, assigned_at, id) INCLUDE (user_id, product_id)
--                                                      status filter (with organization, role,
--                                                      user); the pending-claim reminders
--   claims_product_status_idx (tenant_id, product_id, status, assigned_at, id) INCLUDE (user_id)
--                                                      product and status (an exact range: through
--                                                      claims_status_idx the planner misjudges how
--                                                      far a status's newest claims lie)
--   claims_assigned_idx (tenant_id, assigned_at, id) INCLUDE (user_id, product_id, status)
--                                                      no status filter (organization, role, none);
--                                                      assignment ranges
--   claims_product_assigned_idx (tenant_id, product_id, assigned_at)
--                                                      product filter; cohort and daily assignments
--                                                      of a product (they read claimed_at as well)
--   claims_claimed_idx, claims_expires_idx (tenant_id, <instant>, id)   claimed ranges, sorts
--   claims_live_expiry_idx (tenant_id, expires_at) live      the expiry sweep
--   claims_pool_live_id_idx (tenant_id, pool_id, id) live    a pool's live claims, in pages or
--                                                      all of them; the term-end sweep
--   claims_pool_pending_idx (tenant_id, pool_id, assigned_at) pending   the dashboard's pending figures

-- Pending claims by assignment: claims_status_idx holds the same entries under status = 'PENDING'.
DROP INDEX ${prefix}claims_pending_idx;
-- A pool's live claims by assignment: the same entries as claims_pool_live_id_idx, which returns
-- them all; the list is sorted after reading.
DROP INDEX ${prefix}claims_pool_live_idx;
-- A pool's ended claims: counted by the pool row's counters since version 10.1; nothing reads it.
DROP INDEX ${prefix}claims_pool_ended_idx;
