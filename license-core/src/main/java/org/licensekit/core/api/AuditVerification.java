package org.licensekit.core.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of re-computing a tenant's audit chain ({@link AuditTrail#verify()}).
 *
 * @param entriesChecked the entries whose hashes were re-computed before the first break (all of
 *     them when the chain is intact)
 * @param firstBreak the first place the chain does not hold; empty when it is intact
 */
public record AuditVerification(long entriesChecked, Optional<AuditBreak> firstBreak) {

  public AuditVerification {
    Objects.requireNonNull(firstBreak, "firstBreak");
  }

  /** Whether every entry matches its hash, every link its predecessor, and the head the newest entry. */
  public boolean intact() {
    return firstBreak.isEmpty();
  }
}
