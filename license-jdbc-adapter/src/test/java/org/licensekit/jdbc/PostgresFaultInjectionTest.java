package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.ConnectionFaults;
import org.licensekit.testkit.rules.FaultInjectionSuite;

/**
 * The test kit's fault injection on PostgreSQL: the store's pooled connections (HikariCP, as a
 * host's) are cut with {@code pg_terminate_backend} at seeded points of each command. Size:
 * {@code -Dlicensekit.faults} (the build's default is bounded; {@code -Pfaults} runs the long version).
 */
class PostgresFaultInjectionTest extends FaultInjectionSuite {

  private static final class Cutting {
    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create();
    static final CuttingDataSource DATA_SOURCE = new CuttingDataSource(SharedStores.pooled(DATABASE, 8), DATABASE);
    static final LicenseStore STORE = JdbcLicenseStore.builder(DATA_SOURCE).build();
  }

  @Override
  protected LicenseStore createStore() {
    return Cutting.STORE;
  }

  @Override
  protected ConnectionFaults faults() {
    return Cutting.DATA_SOURCE;
  }
}
