package org.licensekit.jdbc;

class H2DefaultSettingsTest extends AbstractDefaultSettingsTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }
}
