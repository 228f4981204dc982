package org.licensekit.jdbc;

class PostgresDefaultSettingsTest extends AbstractDefaultSettingsTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }
}
