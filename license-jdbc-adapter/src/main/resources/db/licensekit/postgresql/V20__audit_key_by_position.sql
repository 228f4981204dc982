-- LicenseKit schema for PostgreSQL, version 20: the audit trail's primary key is the chain position.
--
-- Every read of the audit trail goes by (tenant_id, chain_position), which a unique index has held
-- since version 5; the primary key on (tenant_id, seq) was read by nothing and cost every appended
-- entry one more index entry (a bulk chunk appends two to four per user). The unique index becomes
-- the primary key (renamed to it); seq stays as a column (the append-only trigger compares it).
ALTER TABLE ${prefix}audit_entries DROP CONSTRAINT ${prefix}audit_entries_pk;
ALTER TABLE ${prefix}audit_entries ADD CONSTRAINT ${prefix}audit_entries_pk PRIMARY KEY USING INDEX ${prefix}audit_entries_position_uk;
