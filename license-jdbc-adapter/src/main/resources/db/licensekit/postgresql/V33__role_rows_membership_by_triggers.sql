-- LicenseKit schema for PostgreSQL, version 33: a role row's membership checked once per statement
-- instead of by a foreign key.
--
-- Until this version membership_roles (tenant_id, user_id, organization_id) was a foreign key to
-- memberships, ON DELETE CASCADE. PostgreSQL checks such a key row by row: for every role row a
-- query that finds its membership and locks it FOR KEY SHARE, which writes the membership's tuple
-- header and a WAL record. For a bulk grant's chunk (one role row per user, every membership
-- there already) that was about a third of the role rows' INSERT, and a write to every membership.
--
-- The rule stays the same — a role row never exists without its membership — and is kept thus:
--
-- 1. Inserting or updating role rows: one statement-level trigger looks up the statement's rows in
--    memberships (one anti-join over the statement's new rows) and fails the statement with the
--    foreign-key error (SQLSTATE 23503, the constraint's old name, the first row without its
--    membership) when one is missing. It takes no row lock.
-- 2. Deleting memberships: a row trigger first holds the member's account (users row) FOR UPDATE,
--    then a statement-level trigger deletes the deleted memberships' role rows (what ON DELETE
--    CASCADE did). Changing a membership's key while role rows name it is refused, as the foreign
--    key's NO ACTION did; TRUNCATE of memberships empties the role rows (TRUNCATE … CASCADE).
--
-- Why no lock in (1) is enough against a concurrent membership delete: every LicenseKit command
-- that writes role rows holds the user's account FOR UPDATE first (single grants, bulk chunks,
-- the store's lock order; a new user's membership is not visible to anyone else before its
-- commit), and every membership delete now holds the same account before it deletes the row,
-- through the trigger in (2) even when the delete is a host's own SQL. So a delete racing a
-- grant either waits for the grant to commit, and its cascade (a later statement, a newer
-- snapshot) then sees and deletes the grant's role rows, or commits first, and the grant, which
-- waited for the account, finds no membership and fails or re-adds the membership. A host's own
-- SQL that inserts role rows without holding the account, racing a delete of their membership, is
-- the one case the database no longer settles by itself: such SQL should lock the account first
-- (SELECT … FROM users … FOR UPDATE), as LicenseKit does.
--
-- The triggers run with the caller's rights and row-level security (version 9): the rows a
-- statement writes are its tenant's, and so are the memberships, accounts and role rows they look
-- up. Tables keep their tenant-leading keys; only the foreign key goes.
ALTER TABLE ${prefix}membership_roles DROP CONSTRAINT ${prefix}membership_roles_membership_fk;

CREATE FUNCTION ${prefix}require_role_row_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orphan record;
BEGIN
  SELECT n.tenant_id, n.user_id, n.organization_id INTO orphan FROM new_role_rows n
   WHERE NOT EXISTS (SELECT 1 FROM ${prefix}memberships m
                      WHERE m.tenant_id = n.tenant_id AND m.user_id = n.user_id AND m.organization_id = n.organization_id)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%": key (tenant_id, user_id, organization_id)=(%, %, %) is not present in table "%"',
        TG_TABLE_NAME, '${prefix}membership_roles_membership_fk', orphan.tenant_id, orphan.user_id, orphan.organization_id,
        '${prefix}memberships'
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = '${prefix}membership_roles_membership_fk';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER ${prefix}membership_roles_membership_insert AFTER INSERT ON ${prefix}membership_roles
  REFERENCING NEW TABLE AS new_role_rows FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}require_role_row_memberships();
CREATE TRIGGER ${prefix}membership_roles_membership_update AFTER UPDATE ON ${prefix}membership_roles
  REFERENCING NEW TABLE AS new_role_rows FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}require_role_row_memberships();

-- The member's account, held before the membership row is deleted or changed (the store's lock
-- order: accounts first). A command of the store holds it already, and taking it again costs no write.
CREATE FUNCTION ${prefix}hold_member_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM ${prefix}users u WHERE u.tenant_id = OLD.tenant_id AND u.id = OLD.user_id FOR UPDATE;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER ${prefix}memberships_hold_account BEFORE DELETE OR UPDATE ON ${prefix}memberships
  FOR EACH ROW EXECUTE FUNCTION ${prefix}hold_member_account();

CREATE FUNCTION ${prefix}cascade_membership_roles() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM ${prefix}membership_roles r
     USING (SELECT DISTINCT tenant_id, user_id, organization_id FROM old_memberships) o
     WHERE r.tenant_id = o.tenant_id AND r.user_id = o.user_id AND r.organization_id = o.organization_id;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT r.tenant_id, r.user_id, r.organization_id INTO referenced
      FROM (SELECT DISTINCT tenant_id, user_id, organization_id FROM old_memberships) o
      JOIN ${prefix}membership_roles r
        ON r.tenant_id = o.tenant_id AND r.user_id = o.user_id AND r.organization_id = o.organization_id
     WHERE NOT EXISTS (SELECT 1 FROM ${prefix}memberships m
                        WHERE m.tenant_id = o.tenant_id AND m.user_id = o.user_id AND m.organization_id = o.organization_id)
     LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%": key (tenant_id, user_id, organization_id)=(%, %, %) is still referenced',
          TG_TABLE_NAME, '${prefix}membership_roles_membership_fk', '${prefix}membership_roles',
          referenced.tenant_id, referenced.user_id, referenced.organization_id
        USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = '${prefix}membership_roles_membership_fk';
    END IF;
  ELSE
    TRUNCATE ${prefix}membership_roles;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER ${prefix}memberships_cascade_roles_delete AFTER DELETE ON ${prefix}memberships
  REFERENCING OLD TABLE AS old_memberships FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}cascade_membership_roles();
CREATE TRIGGER ${prefix}memberships_cascade_roles_update AFTER UPDATE ON ${prefix}memberships
  REFERENCING OLD TABLE AS old_memberships FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}cascade_membership_roles();
CREATE TRIGGER ${prefix}memberships_cascade_roles_truncate AFTER TRUNCATE ON ${prefix}memberships
  FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}cascade_membership_roles();
