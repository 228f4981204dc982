-- LicenseKit schema for PostgreSQL, version 18: one settings row per tenant, always there to lock.
--
-- A command whose outcome depends on the tenant's settings (an assignment, a suspension, a seat
-- from the waitlist) reads the settings row FOR SHARE with its account lock, and a settings change
-- takes the row FOR UPDATE, so the two take turns, in the audit trail's order. Row locks need a
-- row: a tenant that never saved its settings gets one whose NULL values mean "the store's
-- default settings" (so a store configured with other defaults still gives them to it). The store
-- adds the row for a tenant that has none the first time it needs it; this version adds it for
-- every tenant that has users already.
ALTER TABLE ${prefix}tenant_settings ALTER COLUMN suspended_users_keep_seats DROP NOT NULL;
ALTER TABLE ${prefix}tenant_settings ALTER COLUMN claim_on_first_access DROP NOT NULL;

INSERT INTO ${prefix}tenant_settings (tenant_id)
SELECT DISTINCT u.tenant_id FROM ${prefix}users u
 WHERE NOT EXISTS (SELECT 1 FROM ${prefix}tenant_settings s WHERE s.tenant_id = u.tenant_id);
