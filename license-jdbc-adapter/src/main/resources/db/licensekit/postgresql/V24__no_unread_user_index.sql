-- LicenseKit schema for PostgreSQL, version 24: no index on lower(email) alone.
--
-- Version 3 indexed (tenant_id, lower(email)) for reconciliation's match of accounts sharing an
-- address; since version 5 that match (and the e-mail lookups of registration) goes by
-- COALESCE(email_key, LOWER(email)), indexed by users_email_key_idx, and no query reads
-- lower(email) alone. The index still cost every new account one more index entry (a bulk import
-- writes a thousand accounts per chunk). H2 never had it (it cannot index an expression).
DROP INDEX IF EXISTS ${prefix}users_email_lower_idx;
