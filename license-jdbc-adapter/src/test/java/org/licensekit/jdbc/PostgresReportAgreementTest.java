package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;

/** The report ports on PostgreSQL 17 agree with the in-memory store row for row. */
class PostgresReportAgreementTest extends AbstractReportAgreementTest {

  @Override
  protected LicenseStore jdbcStore() {
    return SharedStores.postgres();
  }
}
