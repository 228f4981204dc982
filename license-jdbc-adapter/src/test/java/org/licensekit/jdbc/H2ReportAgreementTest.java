package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;

/** The report ports on H2 agree with the in-memory store row for row. */
class H2ReportAgreementTest extends AbstractReportAgreementTest {

  @Override
  protected LicenseStore jdbcStore() {
    return SharedStores.h2();
  }
}
