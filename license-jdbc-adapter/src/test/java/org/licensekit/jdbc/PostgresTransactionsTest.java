package org.licensekit.jdbc;

class PostgresTransactionsTest extends AbstractTransactionsTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }
}
