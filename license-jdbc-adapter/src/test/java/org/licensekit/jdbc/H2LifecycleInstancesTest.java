package org.licensekit.jdbc;

import javax.sql.DataSource;

/** Lifecycle jobs from several instances at once on one H2 database (instances in one JVM, as with an H2 server). */
class H2LifecycleInstancesTest extends AbstractLifecycleInstancesTest {

  private static final class Shared {
    static final H2TestDatabase DATABASE = H2TestDatabase.create();
  }

  @Override
  protected DataSource connectionsOfAnInstance() {
    return Shared.DATABASE.dataSource();
  }
}
