package org.licensekit.jdbc;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.AuthorizationMatrixSuite;
import org.licensekit.testkit.rules.BadInputSuite;
import org.licensekit.testkit.rules.HostileInputSuite;
import org.licensekit.testkit.rules.InvariantPropertySuite;
import org.licensekit.testkit.rules.SeatRaceSuite;

/**
 * The test kit's rule suites (DESIGN.md's "rules that must always hold") through the public API on
 * one JDBC store, each as a nested class. Subclasses name the database; every test works in a
 * tenant of its own, so the store is shared. The sizes of the property runs and races come from the
 * {@code licensekit.*} system properties, which this module's build sets smaller than the kit's
 * defaults (see its pom).
 */
abstract class RuleSuites {

  /** The store under test, called before every test; return a shared one. */
  protected abstract LicenseStore createStore();

  /** Rules 1–3 and 8 under seeded random command sequences; sized down by the module's surefire settings. */
  @Nested
  class InvariantProperty extends InvariantPropertySuite {
    @Override
    protected LicenseStore createStore() {
      return RuleSuites.this.createStore();
    }
  }

  /** Rules 1 and 2 under racing threads, each on a connection of its own. */
  @Nested
  class SeatRace extends SeatRaceSuite {
    @Override
    protected LicenseStore createStore() {
      return RuleSuites.this.createStore();
    }
  }

  /** Rule 5: bad input is refused whole and writes nothing. */
  @Nested
  class BadInput extends BadInputSuite {
    @Override
    protected LicenseStore createStore() {
      return RuleSuites.this.createStore();
    }
  }

  /** Seeded hostile input: refused by field and nothing written, or stored and read back exactly. */
  @Nested
  class HostileInput extends HostileInputSuite {
    @Override
    protected LicenseStore createStore() {
      return RuleSuites.this.createStore();
    }
  }

  /** Who may call what. */
  @Nested
  class AuthorizationMatrix extends AuthorizationMatrixSuite {
    @Override
    protected LicenseStore createStore() {
      return RuleSuites.this.createStore();
    }
  }
}
