package org.licensekit.jdbc;

class H2PersonalDataScanTest extends AbstractPersonalDataScanTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }
}
