-- LicenseKit schema for PostgreSQL, version 34: a pending claim writes one index entry fewer.
--
-- Every claim a bulk grant, an onboarding or an assignment writes is PENDING, and until this
-- version it wrote 8 index entries, the largest of them in claims_status_idx (tenant_id, status,
-- assigned_at, id) INCLUDE (user_id, product_id). Its pending entries duplicate what
-- claims_product_status_idx (tenant_id, product_id, status, assigned_at, id) INCLUDE (user_id)
-- already holds: the same order and the same columns within each product. So claims_status_idx
-- keeps only the claims that have left PENDING (ACTIVE, EXPIRED, REVOKED), and the statements that
-- read pending claims by assignment without a product read one range of claims_product_status_idx
-- per product of the tenant (a catalog has few products), from a list of the tenant's products the
-- statement reads first by a loose scan of that index (one probe per product):
--
--   a claims-report page sorted by assignment: the pending claims are one subquery run per product
--   (CROSS JOIN LATERAL), each run at most the page's rows of its product in the index's order, the
--   runs' rows sorted together and merged with the other statuses' ranges (ClaimsByInstant);
--   an assignment range without the sort's order (analytics, assigned between sorted otherwise):
--   the pending claims' ranges, one per product, beside the other statuses' (ClaimFilters).
--
-- An activation writes an entry in claims_status_idx as before (the row's new version gets an entry
-- in every index whose condition it meets), so an activated claim still writes 10.
-- A new pending claim writes 7: claims_pk, claims_live_uq, claims_user_idx,
-- claims_product_status_idx, claims_organization_idx, claims_pool_live_id_idx,
-- claims_pool_pending_idx. Pinned by PostgresClaimPlansTest; docs/reports.md ("The claims indexes").
DROP INDEX ${prefix}claims_status_idx;
CREATE INDEX ${prefix}claims_status_idx ON ${prefix}claims (tenant_id, status, assigned_at, id) INCLUDE (user_id, product_id)
  WHERE status IN ('ACTIVE', 'EXPIRED', 'REVOKED');
