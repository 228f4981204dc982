package org.licensekit.jdbc;

class H2TransactionsTest extends AbstractTransactionsTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }
}
