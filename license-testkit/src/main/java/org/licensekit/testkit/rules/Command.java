package org.licensekit.testkit.rules;

import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.TenantLicensing;

/**
 * One step of a random command sequence: what it does, in words for the failure report, the calls
 * it makes, and — for the account and membership changes a multi-process run's oracle compares
 * with the database — what it commits when it goes through.
 *
 * @param description the command and its arguments, such as {@code assignProduct(u3, observation)}
 * @param action the calls through the public API
 * @param change what the command commits when it returns normally, in no tenant yet; empty for the others
 */
record Command(String description, Action action, Optional<CommittedChange> change) {

  /** The calls a command makes. */
  @FunctionalInterface
  interface Action {
    void run(TenantLicensing tenant) throws Exception;
  }

  Command(String description, Action action) {
    this(description, action, Optional.empty());
  }

  Command {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(change, "change");
  }

  @Override
  public String toString() {
    return description;
  }
}
