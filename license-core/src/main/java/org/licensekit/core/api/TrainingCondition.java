package org.licensekit.core.api;

import java.util.Objects;
import org.licensekit.core.domain.TrainingId;

/**
 * A filter criterion on the user's state in one training or certification, as the guide's
 * prerequisite steps ask it: "verify prerequisite training is assigned", "check completion",
 * "confirm certification". Evaluated at the instant the report or bulk run starts ("now"); one
 * assignment and one record per user × training (see {@link org.licensekit.core.domain.TrainingAssignment}
 * and {@link org.licensekit.core.domain.TrainingRecord}).
 *
 * @param training the training or certification
 * @param status which users qualify
 */
public record TrainingCondition(TrainingId training, Status status) {

  /** What the user's assignment or record of the training must look like at now. */
  public enum Status {
    /** The training is assigned to the user, open or completed. */
    ASSIGNED,
    /**
     * The user's assignment is open: no completion recorded, or one recorded for a later instant —
     * the troubleshooter's {@code TRAINING_NOT_COMPLETED}.
     */
    NOT_COMPLETED,
    /** The user's assignment is open (as {@link #NOT_COMPLETED}) and its due date has passed (due before now). */
    OVERDUE,
    /** The user's record counts: completed at or before now and, for a certification, not expired (expires after now). */
    COMPLETED,
    /** The user's certification has expired: its record expired at or before now — the troubleshooter's {@code CERTIFICATION_EXPIRED}. */
    CERTIFICATION_EXPIRED
  }

  /**
   * Checks both parts.
   *
   * @throws NullPointerException when either is null
   */
  public TrainingCondition {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(status, "status");
  }

  /**
   * The condition that the user's state in {@code training} is {@code status}.
   *
   * @param training the training or certification
   * @param status which users qualify
   * @return the condition
   * @throws NullPointerException when either is null
   */
  public static TrainingCondition of(TrainingId training, Status status) {
    return new TrainingCondition(training, status);
  }

  /** The condition's canonical text, {@code <training>/<STATUS>}: part of a filter's fingerprint. */
  String canonical() {
    return training.value() + "/" + status.name();
  }
}
