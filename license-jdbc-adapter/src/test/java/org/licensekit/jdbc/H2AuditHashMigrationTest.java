package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Schema version 31 on H2 over entries written at version 20. */
class H2AuditHashMigrationTest extends AbstractAuditHashMigrationTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }

  @Override
  String dialect() {
    return "h2";
  }

  @Override
  String versionBefore() {
    return "20";
  }

  @Override
  void tamper(Connection connection, String statement, Object... params) throws SQLException {
    run(connection, statement, params);
  }
}
