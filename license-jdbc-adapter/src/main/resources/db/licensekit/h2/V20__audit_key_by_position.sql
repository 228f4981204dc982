-- LicenseKit schema for H2, version 20: the audit trail's primary key is the chain position.
--
-- Every read of the audit trail goes by (tenant_id, chain_position), which a unique index has held
-- since version 5; the primary key on (tenant_id, seq) was read by nothing and cost every appended
-- entry one more index entry. The key moves to (tenant_id, chain_position) and the unique index it
-- replaces goes; seq stays as a column.
ALTER TABLE ${prefix}audit_entries DROP CONSTRAINT ${prefix}audit_entries_pk;
DROP INDEX ${prefix}audit_entries_position_uk;
ALTER TABLE ${prefix}audit_entries ADD CONSTRAINT ${prefix}audit_entries_pk PRIMARY KEY (tenant_id, chain_position);
