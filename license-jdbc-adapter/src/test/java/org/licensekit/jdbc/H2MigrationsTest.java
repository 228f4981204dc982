package org.licensekit.jdbc;

class H2MigrationsTest extends AbstractMigrationsTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }
}
