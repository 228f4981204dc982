package org.licensekit.jdbc;

class H2JdbcStoreTest extends AbstractJdbcStoreTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }
}
