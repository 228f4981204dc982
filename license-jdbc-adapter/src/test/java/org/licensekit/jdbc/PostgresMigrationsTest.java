package org.licensekit.jdbc;

class PostgresMigrationsTest extends AbstractMigrationsTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }
}
