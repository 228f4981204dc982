package org.licensekit.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.TrainingAssignment;

/**
 * Tells an unmet prerequisite's three cases apart, as the guide's training steps do: a certification
 * whose record expired ({@code CERTIFICATION_EXPIRED}), training assigned but not yet completed
 * ({@code TRAINING_NOT_COMPLETED}, with the due date and whether it has passed), and training never
 * assigned ({@code TRAINING_NOT_ASSIGNED}).
 */
public final class TrainingDenials {

  private TrainingDenials() {}

  /** The denial for {@code unmet}, given the user's training assignments at {@code now}. */
  public static AccessDenial of(UnmetPrerequisite unmet, List<TrainingAssignment> assignments, Instant now) {
    String what = unmet.prerequisite().kind().name().toLowerCase(Locale.ROOT) + " " + unmet.prerequisite().training();
    if (unmet.expired()) {
      return AccessDenial.of(DenialReason.CERTIFICATION_EXPIRED, unmet.prerequisite().training() + " expired at " + unmet.expiredAt().get());
    }
    Optional<TrainingAssignment> open = assignments.stream()
        // a completion recorded for later leaves the assignment open until then
        .filter(a -> a.training().equals(unmet.prerequisite().training()) && a.completedAt().map(now::isBefore).orElse(true))
        .findFirst();
    return open
        .map(a -> AccessDenial.of(DenialReason.TRAINING_NOT_COMPLETED,
            what + " assigned, due at " + a.dueAt() + (a.overdueAt(now) ? ", overdue" : ", not overdue")))
        .orElseGet(() -> AccessDenial.of(DenialReason.TRAINING_NOT_ASSIGNED, what + " not assigned and not completed"));
  }
}
