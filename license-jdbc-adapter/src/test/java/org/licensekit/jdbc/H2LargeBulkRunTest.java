package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.LargeBulkRunContract;

/**
 * The district-scale bulk run on H2 with 2,000 users (the path, not the scale): H2 in memory keeps
 * its data in this JVM's heap, so the heap-capped run at full scale is PostgreSQL's
 * ({@link PostgresLargeBulkRunTest}).
 */
class H2LargeBulkRunTest extends LargeBulkRunContract {

  @Override
  protected int largeRunUsers() {
    return 2_000;
  }

  @Override
  protected LicenseStore createStore() {
    return SharedStores.h2();
  }
}
