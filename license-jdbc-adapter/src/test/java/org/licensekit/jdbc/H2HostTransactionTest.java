package org.licensekit.jdbc;

class H2HostTransactionTest extends AbstractHostTransactionTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }
}
