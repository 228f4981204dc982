package org.licensekit.jdbc;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.OrganizationScopeSuite;
import org.licensekit.testkit.store.AuditChainContract;
import org.licensekit.testkit.workflow.PrivacyEraseWorkflow;

/**
 * The erasure's suites on PostgreSQL with row-level security on, through a role that neither owns
 * the tables nor is a superuser (the append-only trigger's check of the erasure entry runs under
 * the policies too), in the default build: the whole kit that way takes several minutes and stays
 * behind {@code -Prow-level-security} ({@link PostgresRowLevelSecurityLicenseKitTest}).
 */
class PostgresRowLevelSecurityPrivacyTest {

  @Nested
  class PrivacyErase extends PrivacyEraseWorkflow {
    @Override
    protected LicenseStore createStore() {
      return RowLevelSecurityStore.STORE;
    }
  }

  @Nested
  class AuditChain extends AuditChainContract {
    @Override
    protected LicenseStore createStore() {
      return RowLevelSecurityStore.STORE;
    }
  }

  @Nested
  class OrganizationScope extends OrganizationScopeSuite {
    @Override
    protected LicenseStore createStore() {
      return RowLevelSecurityStore.STORE;
    }
  }
}
