package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Audit tampering on H2, which has no trigger: the hash chain alone catches it. */
class H2AuditTamperTest extends AbstractAuditTamperTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }

  @Override
  void tamper(Connection connection, String statement, Object... params) throws SQLException {
    run(connection, statement, params);
  }
}
