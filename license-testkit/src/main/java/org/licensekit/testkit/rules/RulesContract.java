package org.licensekit.testkit.rules;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;

/**
 * The test kit's rule suites (the design's "rules that must always hold") through the public API,
 * each as a nested class: extend it and return the store under test. Every test works in a tenant
 * of its own, so the store may be shared. The sizes of the property runs and races come from the
 * {@code licensekit.*} system properties; an adapter whose store is slow may set them smaller than
 * the kit's defaults (the JDBC adapter's build does).
 */
public abstract class RulesContract {

  /** The store under test, called before every test; may return a shared one. */
  protected abstract LicenseStore createStore();

  /** Rules 1–3 and 8 under seeded random command sequences; sized down by the module's surefire settings. */
  @Nested
  class InvariantProperty extends InvariantPropertySuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** Rules 1 and 2 under racing threads, each on a connection of its own. */
  @Nested
  class SeatRace extends SeatRaceSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** The seat waitlist under racing threads: no seat given twice, no waiting user passed over. */
  @Nested
  class WaitlistRace extends WaitlistRaceSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** The seat waitlist against a model, under seeded random command sequences. */
  @Nested
  class WaitlistModel extends WaitlistModelSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** No lost update: read-modify-write commands racing on one account or membership. */
  @Nested
  class LostUpdateRace extends LostUpdateRaceSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /**
   * Rules 1–3 and 8 after sixteen threads of random commands on one tenant, then a closing expiry
   * sweep and a reconciliation that must find nothing. Size: {@code -Dlicensekit.torture.commands}
   * per thread (the build's {@code torture} profile runs a long version).
   */
  @Nested
  class ConcurrentTorture extends ConcurrentTortureSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** Seat counter drift is counted, not hidden. */
  @Nested
  class SeatCounterDriftCount extends SeatCounterDriftSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** Rule 5: bad input is refused whole and writes nothing. */
  @Nested
  class BadInput extends BadInputSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** Seeded hostile input: refused by field and nothing written, or stored and read back exactly. */
  @Nested
  class HostileInput extends HostileInputSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** Who may call what. */
  @Nested
  class AuthorizationMatrix extends AuthorizationMatrixSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** What an organization-scoped administrator or reporter sees and may change. */
  @Nested
  class OrganizationScope extends OrganizationScopeSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }

  /** Seeded random calls over several tenants and subtrees: nothing outside an actor's reach leaks. */
  @Nested
  class CrossScopeRandom extends CrossScopeRandomSuite {
    @Override
    protected LicenseStore createStore() {
      return RulesContract.this.createStore();
    }
  }
}
