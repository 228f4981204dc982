package org.licensekit.jdbc;

class PostgresPersonalDataScanTest extends AbstractPersonalDataScanTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }
}
