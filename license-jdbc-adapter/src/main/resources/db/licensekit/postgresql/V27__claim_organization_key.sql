-- LicenseKit schema for PostgreSQL, version 27: the claims report sorted by organization reads its
-- page from an index. A claim's organization, for the report, is the smallest id (by code point)
-- among its user's memberships, none for a user in no organization (ClaimSortKey.ORGANIZATION).
-- Until this version the report computed it per claim from the memberships: a page walked the
-- organizations in order and, for each, every member's claims, to sort them by claim id (21,000
-- index entries for the first page at 1,000,000 claims). Now each claim row carries that value,
-- organization_key, and claims_organization_idx (tenant_id, organization_key, id) holds the
-- report's order: an organization's claims are one range of it in claim id order.
--
-- The database keeps the key right, whichever statement writes (single commands, bulk chunks by
-- COPY or INSERT ... SELECT, privacy erasure, a host's own SQL):
--   - a claim takes its user's key when inserted (a row trigger: one probe of memberships_pk);
--   - a membership inserted, deleted or moved re-keys its users' claims whose key changes (a
--     statement trigger over the statement's rows: a join of its users with their claims by
--     claims_user_idx; only the claims of a user whose smallest organization changed are rewritten).
-- Commands that add or remove a user's memberships or claims hold that user's account row first
-- (the store's lock order), so a claim insert and a membership change of one user never run side
-- by side and neither misses the other's row.
--
-- Cost: one more index entry per claim written (a new pending claim 7 -> 8, an activation 9 -> 10).
-- Measured by ClaimWriteCost in license-benchmarks (docs/benchmarks.md).
ALTER TABLE ${prefix}claims ADD COLUMN organization_key VARCHAR(128) COLLATE "C";

UPDATE ${prefix}claims c SET organization_key = m.organization_key
FROM (SELECT tenant_id, user_id, MIN(organization_id) AS organization_key FROM ${prefix}memberships
      GROUP BY tenant_id, user_id) m
WHERE c.tenant_id = m.tenant_id AND c.user_id = m.user_id;

CREATE INDEX ${prefix}claims_organization_idx ON ${prefix}claims (tenant_id, organization_key, id)
  INCLUDE (user_id, product_id, status);

CREATE FUNCTION ${prefix}key_claim_by_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.organization_key := (SELECT MIN(m.organization_id) FROM ${prefix}memberships m
                           WHERE m.tenant_id = NEW.tenant_id AND m.user_id = NEW.user_id);
  RETURN NEW;
END
$$;

CREATE TRIGGER ${prefix}claims_organization_keyed BEFORE INSERT ON ${prefix}claims
  FOR EACH ROW EXECUTE FUNCTION ${prefix}key_claim_by_organization();
CREATE TRIGGER ${prefix}claims_organization_rekeyed BEFORE UPDATE OF user_id ON ${prefix}claims
  FOR EACH ROW WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id) EXECUTE FUNCTION ${prefix}key_claim_by_organization();

-- The claims whose key a membership statement changed, from its transition tables. New memberships
-- can only lower a user's smallest organization: their claims whose key is empty or larger take
-- the new smallest (no membership lookup; a new user has no claims to find). Deleted memberships
-- change the claims whose key was the organization left: those take the smallest remaining. A
-- moved membership (an update) recomputes the key of every claim of the users it names.
CREATE FUNCTION ${prefix}rekey_claims_by_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE ${prefix}claims c SET organization_key = n.organization_key
    FROM (SELECT tenant_id, user_id, MIN(organization_id) AS organization_key FROM new_memberships GROUP BY tenant_id, user_id) n
    WHERE c.tenant_id = n.tenant_id AND c.user_id = n.user_id
      AND (c.organization_key IS NULL OR c.organization_key > n.organization_key);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE ${prefix}claims c SET organization_key = (SELECT MIN(m.organization_id) FROM ${prefix}memberships m
                                                     WHERE m.tenant_id = c.tenant_id AND m.user_id = c.user_id)
    FROM (SELECT DISTINCT tenant_id, user_id, organization_id FROM old_memberships) o
    WHERE c.tenant_id = o.tenant_id AND c.user_id = o.user_id AND c.organization_key = o.organization_id;
  ELSE
    UPDATE ${prefix}claims c SET organization_key = k.organization_key
    FROM (SELECT u.tenant_id, u.user_id, (SELECT MIN(m.organization_id) FROM ${prefix}memberships m
                                          WHERE m.tenant_id = u.tenant_id AND m.user_id = u.user_id) AS organization_key
          FROM (SELECT tenant_id, user_id FROM old_memberships UNION SELECT tenant_id, user_id FROM new_memberships) u) k
    WHERE c.tenant_id = k.tenant_id AND c.user_id = k.user_id AND c.organization_key IS DISTINCT FROM k.organization_key;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER ${prefix}memberships_rekey_insert AFTER INSERT ON ${prefix}memberships
  REFERENCING NEW TABLE AS new_memberships FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}rekey_claims_by_membership();
CREATE TRIGGER ${prefix}memberships_rekey_delete AFTER DELETE ON ${prefix}memberships
  REFERENCING OLD TABLE AS old_memberships FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}rekey_claims_by_membership();
CREATE TRIGGER ${prefix}memberships_rekey_update AFTER UPDATE ON ${prefix}memberships
  REFERENCING OLD TABLE AS old_memberships NEW TABLE AS new_memberships FOR EACH STATEMENT
  EXECUTE FUNCTION ${prefix}rekey_claims_by_membership();
