package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Schema version 31 on PostgreSQL over entries written at version 30. */
class PostgresAuditHashMigrationTest extends AbstractAuditHashMigrationTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }

  @Override
  String dialect() {
    return "postgresql";
  }

  @Override
  String versionBefore() {
    return "30";
  }

  /** Past the append-only trigger, as a superuser can go. */
  @Override
  void tamper(Connection connection, String statement, Object... params) throws SQLException {
    try (Statement replica = connection.createStatement()) {
      replica.execute("SET session_replication_role = replica");
    }
    run(connection, statement, params);
  }
}
