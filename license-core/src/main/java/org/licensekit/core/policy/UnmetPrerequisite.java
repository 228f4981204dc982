package org.licensekit.core.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.Prerequisite;

/**
 * A prerequisite the user does not satisfy.
 *
 * @param prerequisite the requirement
 * @param expiredAt when the user's record of it expired; empty when there is no record at all
 */
public record UnmetPrerequisite(Prerequisite prerequisite, Optional<Instant> expiredAt) {

  public UnmetPrerequisite {
    Objects.requireNonNull(prerequisite, "prerequisite");
    Objects.requireNonNull(expiredAt, "expiredAt");
  }

  /** Whether the user has a record that has expired (as opposed to none). */
  public boolean expired() {
    return expiredAt.isPresent();
  }
}
