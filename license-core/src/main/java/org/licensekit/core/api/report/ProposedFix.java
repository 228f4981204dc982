package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;

/**
 * How reconciliation would resolve a discrepancy.
 *
 * @param action what it does
 * @param claims the claims it expires or revokes
 * @param seatsInUse the corrected counter, for {@link FixAction#CORRECT_SEAT_COUNT}
 * @param description the fix in words
 */
public record ProposedFix(FixAction action, List<ClaimId> claims, Optional<Integer> seatsInUse, String description) {

  public ProposedFix {
    Objects.requireNonNull(action, "action");
    claims = ImmutableList.copyOf(claims);
    Objects.requireNonNull(seatsInUse, "seatsInUse");
    Objects.requireNonNull(description, "description");
  }
}
