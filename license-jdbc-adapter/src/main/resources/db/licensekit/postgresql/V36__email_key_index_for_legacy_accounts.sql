-- LicenseKit schema for PostgreSQL, version 36: the e-mail key indexed only where it is not the
-- stored address.
--
-- Reconciliation matches accounts sharing an address by COALESCE(email_key, LOWER(email)), which
-- users_email_key_idx (version 5) indexed for every account. LicenseKit stores every address it
-- writes normalized (stripped, NFC, lower case by Locale.ROOT) and writes email_key as that same
-- text, so for those accounts the key is the address itself, already indexed by users_email_idx
-- (tenant_id, email COLLATE "C", id), and the second index cost each new account one more index
-- entry. Only accounts written before version 5 with an address that is not lower case, or by a
-- host's own SQL (a NULL key, or a key that is not the address), have a key that differs.
--
-- The stored addresses are not rewritten: an address's case and form as the host gave it stays
-- what it was (two legacy accounts that differ only by case keep their addresses, and still share
-- their key). The key is now indexed only for the accounts whose key is not their address; the
-- reconciliation query looks a key up in users_email_idx for the others (email = key AND
-- email_key = email) and in this index for these (COALESCE(email_key, LOWER(email)) = key AND
-- email_key IS DISTINCT FROM email): every account is in exactly one of the two, so the match is
-- the one it was.
CREATE INDEX ${prefix}users_email_legacy_key_idx ON ${prefix}users (tenant_id, (COALESCE(email_key, LOWER(email))))
  WHERE email_key IS DISTINCT FROM email;
DROP INDEX IF EXISTS ${prefix}users_email_key_idx;
