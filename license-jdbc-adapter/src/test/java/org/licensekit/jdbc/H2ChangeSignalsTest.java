package org.licensekit.jdbc;

import javax.sql.DataSource;

/** Two instances on one H2 database, signalling through the change log (what DATABASE means on H2). */
class H2ChangeSignalsTest extends AbstractChangeSignalsTest {

  private static final class Shared {
    static final H2TestDatabase DATABASE = H2TestDatabase.create();
  }

  @Override
  protected DataSource dataSource() {
    return Shared.DATABASE.dataSource();
  }

  @Override
  protected ChangeSignalMode mode() {
    return ChangeSignalMode.DATABASE;
  }
}
