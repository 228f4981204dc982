package org.licensekit.core.api;

import org.immutables.value.Value;
import org.licensekit.core.domain.UserAccount;

/** What {@link Privacy#erase} did. */
@Value.Immutable
public interface Erasure {

  /** The account as it is after the call, with the pseudonym as its name and e-mail address. */
  UserAccount account();

  /** Whether this call erased anything; false when the user had been erased before. */
  boolean erasedNow();

  /** How many audit entries had their before, after or reason rewritten. */
  int auditEntriesRewritten();

  /** How many other records (claim and waitlist reasons, outbox messages, bulk results) were rewritten. */
  int recordsRewritten();

  /** A builder; every attribute is required. */
  static ImmutableErasure.Builder builder() {
    return ImmutableErasure.builder();
  }
}
