package org.licensekit.core.policy;

import java.time.Instant;
import java.util.Optional;
import org.licensekit.core.api.TrainingCondition;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingRecord;

/**
 * Whether a user's assignment and record of one training meet a {@link TrainingCondition} at an
 * instant: the rule every store's training filter follows (the JDBC adapter states it in SQL).
 */
public final class TrainingStates {

  private TrainingStates() {}

  /**
   * Whether the condition holds.
   *
   * @param status the condition's status
   * @param assignment the user's assignment of the condition's training, if any
   * @param record the user's record of the condition's training, if any
   * @param now the instant the condition is evaluated at
   * @return whether the user qualifies
   */
  public static boolean holds(TrainingCondition.Status status, Optional<TrainingAssignment> assignment,
      Optional<TrainingRecord> record, Instant now) {
    return switch (status) {
      case ASSIGNED -> assignment.isPresent();
      case NOT_COMPLETED -> assignment.filter(a -> open(a, now)).isPresent();
      case OVERDUE -> assignment.filter(a -> open(a, now) && a.dueAt().isBefore(now)).isPresent();
      case COMPLETED -> record.filter(r -> r.validAt(now)).isPresent();
      case CERTIFICATION_EXPIRED -> record.flatMap(TrainingRecord::expiresAt).filter(end -> !end.isAfter(now)).isPresent();
    };
  }

  /** Open at {@code now}: no completion recorded, or one recorded for later (as the troubleshooter reads it). */
  private static boolean open(TrainingAssignment assignment, Instant now) {
    return assignment.completedAt().map(now::isBefore).orElse(true);
  }
}
