package org.licensekit.testkit.store;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;

/**
 * Every store contract in one class: extend it, return the store under test from
 * {@link #createStore()}, and JUnit runs each suite as a nested class.
 *
 * <pre>{@code
 * class H2LicenseStoreContractTest extends LicenseStoreContract {
 *   private static final LicenseStore STORE = JdbcLicenseStore.builder(h2DataSource()).build();
 *
 *   @Override
 *   protected LicenseStore createStore() {
 *     return STORE; // shared: every test works in fresh tenants of its own
 *   }
 * }
 * }</pre>
 *
 * <p>{@code createStore()} is called before every test, on a new instance of the subclass; keep an
 * expensive store in a static field. To run only some suites, extend them one by one instead.
 */
public abstract class LicenseStoreContract {

  /** The store under test; see {@link StoreContractSupport#createStore()}. */
  protected abstract LicenseStore createStore();

  /** Products, roles and job profiles. */
  @Nested
  class Catalog extends CatalogStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** Organizations, users and memberships. */
  @Nested
  class Directory extends DirectoryStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** Keyset pages of users and of a pool's live claims. */
  @Nested
  class Paging extends PagingStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** Pools and the seat rule. */
  @Nested
  class Pools extends PoolStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** Claims, the one-live-claim rule and compare-and-set. */
  @Nested
  class Claims extends ClaimStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** Training records. */
  @Nested
  class Training extends TrainingStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** The audit trail. */
  @Nested
  class Audit extends AuditStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** The audit trail's filters, pages and counts over bulk-sized and command-sized appends. */
  @Nested
  class AuditFilters extends AuditFilterContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** The audit trail's hash chain, keyset reads and counts, and appends racing on one tenant. */
  @Nested
  class AuditChain extends AuditChainContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** Tenant settings. */
  @Nested
  class Settings extends SettingsStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** The seat waitlist's queue: one entry per user and product, also within one transaction. */
  @Nested
  class Waitlist extends WaitlistStoreContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** The seat and one-live-claim rules under racing threads. */
  @Nested
  class Concurrency extends ConcurrencyContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }

  /** All-or-nothing transactions. */
  @Nested
  class Transactions extends TransactionsContract {
    @Override
    protected LicenseStore createStore() {
      return LicenseStoreContract.this.createStore();
    }
  }
}
