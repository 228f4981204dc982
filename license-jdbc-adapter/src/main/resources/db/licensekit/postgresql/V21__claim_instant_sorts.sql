-- LicenseKit schema for PostgreSQL, version 21: the claims report sorted by claim instant or by
-- expiry chooses its page from claims_claimed_idx / claims_expires_idx alone. The report reads the
-- rows that have the instant in the index's order and the rows without it after them (by id), so
-- the index order serves both directions; these two indexes now carry the columns the page's
-- filters and join read (user, product, status), so a filtered page walks the index without
-- visiting the table for each entry it passes over. Checked with EXPLAIN (ANALYZE) on 1,000,000
-- claims (docs/benchmarks.md) and pinned by PostgresClaimPlansTest.
--
-- Same number of indexes and index entries per claim as version 17; each entry of the two is
-- wider by the three included columns (63 -> 82 MB each at 1,000,000 claims).
DROP INDEX ${prefix}claims_claimed_idx;
CREATE INDEX ${prefix}claims_claimed_idx ON ${prefix}claims (tenant_id, claimed_at, id) INCLUDE (user_id, product_id, status);
DROP INDEX ${prefix}claims_expires_idx;
CREATE INDEX ${prefix}claims_expires_idx ON ${prefix}claims (tenant_id, expires_at, id) INCLUDE (user_id, product_id, status);
