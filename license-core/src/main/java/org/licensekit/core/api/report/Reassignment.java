package org.licensekit.core.api.report;

import java.util.Objects;
import org.licensekit.core.domain.LicenseClaim;

/**
 * An unused license moved to another user.
 *
 * @param revoked the former holder's claim, now {@code REVOKED}
 * @param assigned the new holder's pending claim (a direct assignment)
 */
public record Reassignment(LicenseClaim revoked, LicenseClaim assigned) {

  public Reassignment {
    Objects.requireNonNull(revoked, "revoked");
    Objects.requireNonNull(assigned, "assigned");
  }
}
