package org.licensekit.jdbc;

class PostgresHostTransactionTest extends AbstractHostTransactionTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }
}
