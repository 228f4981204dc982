package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.BulkContract;

/**
 * Every bulk suite (among them the set-based chunks compared with the single-user path on seeded
 * random tenants, and bulk onboarding) on PostgreSQL with {@code COPY} turned off, so each chunk's
 * claims and accounts take the one-statement {@code INSERT … SELECT FROM unnest} that is the
 * fallback where {@code COPY} is refused. {@link PostgresLicenseKitTest} runs the same suites
 * through {@code COPY}.
 */
class PostgresBulkInsertFallbackTest extends BulkContract {

  private static final JdbcLicenseStore STORE = JdbcLicenseStore.builder(
      SharedStores.pooled(PostgresTestDatabase.create(), 8)).bulkCopy(false).build();

  @Override
  protected LicenseStore createStore() {
    return STORE;
  }

  @AfterAll
  static void neverCopied() {
    assertThat(STORE.bulkInsert().copies()).contains(false);
  }
}
