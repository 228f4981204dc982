package org.licensekit.jdbc;

class PostgresJdbcStoreTest extends AbstractJdbcStoreTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }
}
