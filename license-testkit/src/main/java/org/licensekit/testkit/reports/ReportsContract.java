package org.licensekit.testkit.reports;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;

/**
 * Every report suite in one class, for adapters that want them all at once: extend it and return
 * the store under test from {@link #createStore()} (called before every test; a shared store is
 * fine, each test works in a tenant of its own).
 */
public abstract class ReportsContract {

  /** The store under test. */
  protected abstract LicenseStore createStore();

  @Nested
  class Dashboard extends DashboardContract {
    @Override
    protected LicenseStore createStore() {
      return ReportsContract.this.createStore();
    }
  }

  @Nested
  class ClaimsReport extends ClaimsReportContract {
    @Override
    protected LicenseStore createStore() {
      return ReportsContract.this.createStore();
    }
  }

  @Nested
  class ClaimsCsv extends ClaimsCsvExportContract {
    @Override
    protected LicenseStore createStore() {
      return ReportsContract.this.createStore();
    }
  }

  @Nested
  class UnusedLicenses extends UnusedLicensesContract {
    @Override
    protected LicenseStore createStore() {
      return ReportsContract.this.createStore();
    }
  }

  @Nested
  class UsageAnalytics extends UsageAnalyticsContract {
    @Override
    protected LicenseStore createStore() {
      return ReportsContract.this.createStore();
    }
  }

  @Nested
  class UsageStore extends UsageStoreContract {
    @Override
    protected LicenseStore createStore() {
      return ReportsContract.this.createStore();
    }
  }

  @Nested
  class Reconciliation extends ReconciliationContract {
    @Override
    protected LicenseStore createStore() {
      return ReportsContract.this.createStore();
    }
  }

  @Nested
  class Authorization extends ReportsAuthorizationContract {
    @Override
    protected LicenseStore createStore() {
      return ReportsContract.this.createStore();
    }
  }
}
