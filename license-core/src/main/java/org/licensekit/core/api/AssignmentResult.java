package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.licensekit.core.domain.LicenseClaim;

/**
 * What an assignment did for each product involved.
 *
 * @param assigned new pending claims, each holding a seat
 * @param alreadyHeld live claims the user already had (nothing changed for those products)
 * @param refused products that could not be assigned, with the reason
 */
public record AssignmentResult(List<LicenseClaim> assigned, List<LicenseClaim> alreadyHeld, List<AssignmentRefusal> refused) {

  public AssignmentResult {
    assigned = ImmutableList.copyOf(assigned);
    alreadyHeld = ImmutableList.copyOf(alreadyHeld);
    refused = ImmutableList.copyOf(refused);
  }

  public static AssignmentResult empty() {
    return new AssignmentResult(List.of(), List.of(), List.of());
  }

  /** Whether every product involved is now held by the user. */
  public boolean complete() {
    return refused.isEmpty();
  }

  /** This result followed by {@code other}. */
  public AssignmentResult plus(AssignmentResult other) {
    return new AssignmentResult(
        ImmutableList.<LicenseClaim>builder().addAll(assigned).addAll(other.assigned).build(),
        ImmutableList.<LicenseClaim>builder().addAll(alreadyHeld).addAll(other.alreadyHeld).build(),
        ImmutableList.<AssignmentRefusal>builder().addAll(refused).addAll(other.refused).build());
  }
}
