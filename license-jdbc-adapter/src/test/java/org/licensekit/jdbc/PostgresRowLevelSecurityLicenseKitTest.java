package org.licensekit.jdbc;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.LicenseKitContract;

/**
 * The whole test kit on PostgreSQL with row-level security on, through a role that neither owns the
 * tables nor is a superuser, so the database's policies bind every statement: a port that named no
 * tenant, or a statement the binding missed, would read nothing and fail the kit. Several minutes, so
 * behind the Maven profile {@code row-level-security} ({@code -Prow-level-security});
 * {@link PostgresRowLevelSecurityPrivacyTest} runs the erasure's suites the same way by default.
 */
@EnabledIfSystemProperty(named = "licensekit.jdbc.rowLevelSecurityKit", matches = "true")
class PostgresRowLevelSecurityLicenseKitTest extends LicenseKitContract {

  @Override
  protected LicenseStore createStore() {
    return RowLevelSecurityStore.STORE;
  }
}
