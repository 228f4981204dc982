-- LicenseKit schema, version 10: the change log through which instances sharing the database tell
-- each other's caches what changed (JdbcLicenseStore built with ChangeSignalMode.CHANGE_LOG; with
-- DATABASE, PostgreSQL sends LISTEN/NOTIFY signals instead and leaves this table empty). A writing
-- transaction inserts one row per changed scope; the others poll the rows past the last id they
-- read. The rows are pruned after an hour (database time: the log is infrastructure, not
-- licensing data). user_id is empty for a tenant-wide part.
CREATE TABLE ${prefix}change_log (
  tenant_id          VARCHAR(128) COLLATE "C" NOT NULL,
  id                 BIGINT GENERATED ALWAYS AS IDENTITY,
  part               VARCHAR(16) NOT NULL,
  user_id            VARCHAR(128) COLLATE "C" NOT NULL,
  changed_at         TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT ${prefix}change_log_pk PRIMARY KEY (tenant_id, id)
);
-- Every instance polls by id across tenants, and prunes by age.
CREATE INDEX ${prefix}change_log_id_idx ON ${prefix}change_log (id);
CREATE INDEX ${prefix}change_log_changed_at_idx ON ${prefix}change_log (changed_at);
