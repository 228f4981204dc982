package org.licensekit.testkit.bulk;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;

/**
 * Every bulk and lifecycle suite in one class: extend it, return the store under test, and JUnit
 * runs each as a nested class. {@link LargeBulkRunContract} is left out so an adapter chooses its
 * size and heap; extend it on its own.
 */
public abstract class BulkContract {

  /** The store under test; may be shared, since every test works in a tenant of its own. */
  protected abstract LicenseStore createStore();

  @Nested
  class Filters extends UserFilterContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class Actions extends BulkActionsContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class LeavingOrganizations extends LeavingAnOrganizationContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class MovingOrganizations extends MovingAnOrganizationContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class IdempotencyLeases extends IdempotencyLeaseContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class Runs extends BulkRunContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class FollowUps extends FollowUpContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class MonthlyReviews extends MonthlyReviewContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class Expirations extends ExpirationContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class Seasonal extends SeasonalContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class SetBased extends SetBasedBulkContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class Registrations extends BulkRegistrationContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }

  @Nested
  class Ports extends BulkStoreContract {
    @Override
    protected LicenseStore createStore() {
      return BulkContract.this.createStore();
    }
  }
}
