-- LicenseKit schema, version 9: row-level security keyed by tenant, for stores built with
-- JdbcLicenseStore.Builder.rowLevelSecurity(true). This version only installs the function that
-- turns it on; a store built with the option calls it after the migrations, so every LicenseKit
-- table with a tenant_id column — also tables later versions add — gets the policy. Nothing changes
-- for a store built without the option.
--
-- The policy lets a statement see and write only rows whose tenant_id equals the session setting
-- licensekit.tenant_id, which the store sets at the start of every statement's transaction
-- (set_config(..., true)); unset or empty, a statement sees nothing. PostgreSQL applies it to every
-- role except the tables' owner, superusers and roles with BYPASSRLS: the application must connect
-- as a role that is none of these (see the module's README). The change log is left out: every
-- instance reads it across tenants, and it holds no licensing data.
--
-- SECURITY DEFINER: the function runs with its owner's rights (the role that ran the migrations and
-- owns the tables), so the application's role may call it without owning anything.
CREATE FUNCTION ${prefix}isolate_tenants() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  t record;
  isolated integer := 0;
BEGIN
  FOR t IN
    SELECT c.relname
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema()
       AND c.relkind IN ('r', 'p')
       AND left(c.relname, length('${prefix}')) = '${prefix}'
       AND c.relname <> '${prefix}change_log'
       AND EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('DROP POLICY IF EXISTS licensekit_tenant ON %I', t.relname);
    EXECUTE format('CREATE POLICY licensekit_tenant ON %I'
        || ' USING (tenant_id = current_setting(''licensekit.tenant_id'', true))'
        || ' WITH CHECK (tenant_id = current_setting(''licensekit.tenant_id'', true))', t.relname);
    isolated := isolated + 1;
  END LOOP;
  RETURN isolated;
END
$$;
