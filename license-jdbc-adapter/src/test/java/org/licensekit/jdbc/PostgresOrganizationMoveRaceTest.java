package org.licensekit.jdbc;

/** {@link AbstractOrganizationMoveRaceTest} on PostgreSQL, where a move holds only its subtree. */
class PostgresOrganizationMoveRaceTest extends AbstractOrganizationMoveRaceTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }

  @Override
  boolean holdsOnlyTheSubtree() {
    return true;
  }
}
