-- LicenseKit schema for PostgreSQL, version 28: a claim inserted with its organization_key (version
-- 27: its user's smallest organization id) keeps it; the row trigger looks the key up only for rows
-- that arrive without one. The trigger's WHEN condition is tested without calling its function, so
-- a claim written with its key costs no function call and no membership lookup.
--
-- Who gives the key: the bulk chunks (a bulk grant's and a bulk new-user setup's), which hold their
-- users' accounts and know their memberships after their own writes (JdbcClaimStore.insertLive).
-- Every command that adds or removes a user's memberships holds that user's account row first (the
-- store's lock order), so no other transaction changes those memberships between the chunk's read
-- and its commit, and the key it writes is the one the trigger would have found. A claim of a user
-- in no organization arrives without a key and is looked up (and finds none), as is every claim
-- written by other statements (single assignments, a host's own SQL). A writer that gives a key is
-- trusted: one that gives a wrong key makes the claims report's organization order wrong for that
-- claim until its user's memberships change.
DROP TRIGGER ${prefix}claims_organization_keyed ON ${prefix}claims;

CREATE TRIGGER ${prefix}claims_organization_keyed BEFORE INSERT ON ${prefix}claims
  FOR EACH ROW WHEN (NEW.organization_key IS NULL) EXECUTE FUNCTION ${prefix}key_claim_by_organization();
