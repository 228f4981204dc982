-- LicenseKit schema for PostgreSQL, version 23: a claim writes fewer index entries. A new claim is
-- PENDING, with no claim instant and no expiry; every bulk grant, onboarding and assignment inserts
-- such rows, and before this version each wrote 12 index entries. Now it writes 7 (an activation,
-- which changes indexed columns and so writes a new entry in every index the row is in, 11 -> 9).
--
-- A claim has one of four statuses, so an index led by (tenant_id, status) serves every status: a
-- query for several (or all) reads each status's range in the index's order and merges them
-- (ClaimsReportSql: UNION ALL of one ordered range per status, a Merge Append), and a query for one
-- reads just its range. So:
--
--   claims_assigned_idx (tenant_id, assigned_at, id) is dropped: claims_status_idx (tenant_id, status,
--   assigned_at, id) holds the same order per status. The analytics name the four statuses (an IN
--   list on the leading column) to read their assignment ranges from it.
--
--   claims_product_assigned_idx (tenant_id, product_id, assigned_at) is dropped:
--   claims_product_status_idx (tenant_id, product_id, status, assigned_at, id) holds the same order
--   per status. A product's cohort or daily assignments read its four ranges.
--
--   claims_claimed_idx and claims_expires_idx are led by the status, (tenant_id, status, <instant>,
--   id), and hold only the claims that have the instant: a status's claims sorted by the instant are
--   one range of the index (pending claims by claim instant: an empty range, then the claims without
--   the instant by id; before, the page walked every other claim's entry to find none).
--
--   claims_live_expiry_idx holds only live claims with an expiry: the expiry sweep asks for
--   expires_at <= now, which a claim without one never is.
--
-- Which statement reads each claims index is in docs/reports.md ("The claims indexes"). Checked with
-- EXPLAIN (ANALYZE, BUFFERS) on 1,000,000 claims (the table there) and pinned by PostgresClaimPlansTest.
DROP INDEX ${prefix}claims_assigned_idx;
DROP INDEX ${prefix}claims_product_assigned_idx;
DROP INDEX ${prefix}claims_claimed_idx;
CREATE INDEX ${prefix}claims_claimed_idx ON ${prefix}claims (tenant_id, status, claimed_at, id) INCLUDE (user_id, product_id)
  WHERE claimed_at IS NOT NULL;
DROP INDEX ${prefix}claims_expires_idx;
CREATE INDEX ${prefix}claims_expires_idx ON ${prefix}claims (tenant_id, status, expires_at, id) INCLUDE (user_id, product_id)
  WHERE expires_at IS NOT NULL;
DROP INDEX ${prefix}claims_live_expiry_idx;
CREATE INDEX ${prefix}claims_live_expiry_idx ON ${prefix}claims (tenant_id, expires_at)
  WHERE status IN ('PENDING', 'ACTIVE') AND expires_at IS NOT NULL;
