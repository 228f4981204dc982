package org.licensekit.jdbc;

/** {@link AbstractOrganizationMoveRaceTest} on H2, where a move holds every account of the tenant. */
class H2OrganizationMoveRaceTest extends AbstractOrganizationMoveRaceTest {

  @Override
  TestDatabase newDatabase() {
    return H2TestDatabase.create();
  }

  @Override
  boolean holdsOnlyTheSubtree() {
    return false;
  }
}
