package org.licensekit.testkit.rules;

import java.util.Objects;
import org.licensekit.core.TenantLicensing;

/**
 * One step of a random command sequence: what it does, in words for the failure report, and the
 * calls it makes.
 *
 * @param description the command and its arguments, such as {@code assignProduct(u3, observation)}
 * @param action the calls through the public API
 */
record Command(String description, Action action) {

  /** The calls a command makes. */
  @FunctionalInterface
  interface Action {
    void run(TenantLicensing tenant) throws Exception;
  }

  Command {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(action, "action");
  }

  @Override
  public String toString() {
    return description;
  }
}
