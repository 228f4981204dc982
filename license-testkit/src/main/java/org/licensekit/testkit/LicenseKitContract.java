package org.licensekit.testkit;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.BulkContract;
import org.licensekit.testkit.bulk.LargeBulkRunContract;
import org.licensekit.testkit.reports.ReportsContract;
import org.licensekit.testkit.rules.RulesContract;
import org.licensekit.testkit.store.LicenseStoreContract;
import org.licensekit.testkit.workflow.WorkflowContract;

/**
 * The whole test kit in one class: extend it, return the store under test, and JUnit runs every
 * suite — the store contracts, the admin guide's workflows, the rules that must always hold, bulk
 * and lifecycle work, and the reports — as nested classes.
 *
 * <pre>{@code
 * class MyStoreLicenseKitTest extends LicenseKitContract {
 *   @Override
 *   protected LicenseStore createStore() {
 *     return MyLicenseStore.create();
 *   }
 * }
 * }</pre>
 *
 * <p>{@link LargeBulkRunContract} is left out, so an adapter chooses the size and heap of its large
 * run; extend it on its own.
 */
public abstract class LicenseKitContract {

  /** The store under test, called before every test; may return a shared one, since every test works in a tenant of its own. */
  protected abstract LicenseStore createStore();

  /** What every store port promises. */
  @Nested
  class Store extends LicenseStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseKitContract.this.createStore();
    }
  }

  /** The admin guide's workflows through the public API. */
  @Nested
  class Workflows extends WorkflowContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseKitContract.this.createStore();
    }
  }

  /** The rules that must always hold: properties, races, bad input, authorization. */
  @Nested
  class Rules extends RulesContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseKitContract.this.createStore();
    }
  }

  /** Bulk actions and lifecycle jobs. */
  @Nested
  class Bulk extends BulkContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseKitContract.this.createStore();
    }
  }

  /** The outbox: delivery after commit, redelivery with backoff, dead letters. */
  @Nested
  class Outbox extends org.licensekit.testkit.outbox.OutboxContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseKitContract.this.createStore();
    }
  }

  /** The outbox purge: delivered messages past their retention, in batches; dead letters by their own. */
  @Nested
  class OutboxPurge extends org.licensekit.testkit.outbox.OutboxPurgeContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseKitContract.this.createStore();
    }
  }

  /** Bounded work: the paged directory listing, and commands walking a pool in keyset pages. */
  @Nested
  class BoundedWork extends org.licensekit.testkit.paging.BoundedWorkContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseKitContract.this.createStore();
    }
  }

  /** Reports, analytics, usage and reconciliation. */
  @Nested
  class Reports extends ReportsContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseKitContract.this.createStore();
    }
  }
}
