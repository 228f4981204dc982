-- LicenseKit schema, version 9: row-level security is PostgreSQL's (see the PostgreSQL script of
-- this version). H2 has none, and a store on H2 refuses the rowLevelSecurity option; this version
-- keeps the two dialects' version numbers in step.
SELECT 1;
