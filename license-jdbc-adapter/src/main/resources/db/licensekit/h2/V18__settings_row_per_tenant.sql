-- LicenseKit schema for H2, version 18: one settings row per tenant, as on PostgreSQL.
--
-- On PostgreSQL a command whose outcome depends on the tenant's settings reads the settings row
-- FOR SHARE with its account lock and a settings change takes it FOR UPDATE, which needs the row
-- to be there. H2 keeps the same schema: a tenant that never saved its settings may have a row
-- whose NULL values mean "the store's default settings"; this version adds it for every tenant
-- that has users already.
ALTER TABLE ${prefix}tenant_settings ALTER COLUMN suspended_users_keep_seats DROP NOT NULL;
ALTER TABLE ${prefix}tenant_settings ALTER COLUMN claim_on_first_access DROP NOT NULL;

INSERT INTO ${prefix}tenant_settings (tenant_id)
SELECT DISTINCT u.tenant_id FROM ${prefix}users u
 WHERE NOT EXISTS (SELECT 1 FROM ${prefix}tenant_settings s WHERE s.tenant_id = u.tenant_id);
