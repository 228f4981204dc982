-- LicenseKit schema for PostgreSQL, version 32: the memberships of accounts created in the same
-- transaction re-key no claims.
--
-- The statement trigger of version 27 re-keys the claims of the users a membership statement
-- added (an UPDATE of the claims joined with the new memberships). A bulk new-user setup writes a
-- chunk's accounts, then their memberships, then their claims (already keyed, version 28): when
-- the memberships go in, those accounts exist only in the writing transaction, so no claim of
-- theirs exists for the UPDATE to find; it still probes the claims' user index once per user
-- (about 6 us per onboarded user, the largest trigger cost of an import).
--
-- Such a writer (JdbcDirectoryStore.enrollNewAccounts) now says so for the duration of its
-- statements with a setting local to its transaction, licensekit.members_of_new_accounts = 'on'
-- (set_config(..., true), set back to 'off' after them), and the insert trigger is not fired while
-- it is on. Every other membership statement (a single grant, a bulk grant, a move, a host's own
-- SQL) re-keys as before. A writer that sets it for members of accounts that already hold claims
-- leaves those claims' organization key as it was until the user's memberships change again.
DROP TRIGGER ${prefix}memberships_rekey_insert ON ${prefix}memberships;

CREATE TRIGGER ${prefix}memberships_rekey_insert AFTER INSERT ON ${prefix}memberships
  REFERENCING NEW TABLE AS new_memberships FOR EACH STATEMENT
  WHEN (current_setting('licensekit.members_of_new_accounts', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION ${prefix}rekey_claims_by_membership();
