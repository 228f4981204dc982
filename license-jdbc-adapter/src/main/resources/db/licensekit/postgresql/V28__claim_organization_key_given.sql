-- LicenseKit schema for PostgreSQL, version 28: what version 27's organization key costs writers.
--
-- 1. A claim inserted with its organization_key (version 27: its user's smallest organization id)
-- keeps it; the row trigger looks the key up only for rows that arrive without one. The trigger's
-- WHEN condition is tested without calling its function, so a claim written with its key costs no
-- function call and no membership lookup.
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

-- 2. A membership statement that wrote no row re-keys nothing: the statement trigger returns before
-- its UPDATE of the claims (whose plan opens the claims table and its indexes even for no rows).
-- Every single grant of a role runs such a statement (its membership's insert, ON CONFLICT DO
-- NOTHING, when the membership exists), and version 27 paid the whole UPDATE for it.
CREATE OR REPLACE FUNCTION ${prefix}rekey_claims_by_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_memberships) THEN
      RETURN NULL;
    END IF;
    UPDATE ${prefix}claims c SET organization_key = n.organization_key
    FROM (SELECT tenant_id, user_id, MIN(organization_id) AS organization_key FROM new_memberships GROUP BY tenant_id, user_id) n
    WHERE c.tenant_id = n.tenant_id AND c.user_id = n.user_id
      AND (c.organization_key IS NULL OR c.organization_key > n.organization_key);
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_memberships) THEN
      RETURN NULL;
    END IF;
    UPDATE ${prefix}claims c SET organization_key = (SELECT MIN(m.organization_id) FROM ${prefix}memberships m
                                                     WHERE m.tenant_id = c.tenant_id AND m.user_id = c.user_id)
    FROM (SELECT DISTINCT tenant_id, user_id, organization_id FROM old_memberships) o
    WHERE c.tenant_id = o.tenant_id AND c.user_id = o.user_id AND c.organization_key = o.organization_id;
  ELSE
    IF NOT EXISTS (SELECT 1 FROM old_memberships) THEN
      RETURN NULL;
    END IF;
    UPDATE ${prefix}claims c SET organization_key = k.organization_key
    FROM (SELECT u.tenant_id, u.user_id, (SELECT MIN(m.organization_id) FROM ${prefix}memberships m
                                          WHERE m.tenant_id = u.tenant_id AND m.user_id = u.user_id) AS organization_key
          FROM (SELECT tenant_id, user_id FROM old_memberships UNION SELECT tenant_id, user_id FROM new_memberships) u) k
    WHERE c.tenant_id = k.tenant_id AND c.user_id = k.user_id AND c.organization_key IS DISTINCT FROM k.organization_key;
  END IF;
  RETURN NULL;
END
$$;
