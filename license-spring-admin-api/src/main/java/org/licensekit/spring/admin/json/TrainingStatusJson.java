package org.licensekit.spring.admin.json;

/** A user's state in one training, the filter {@code trainingId} and {@code trainingStatus} select by. */
public enum TrainingStatusJson {
  /** The training is assigned to the user, open or completed. */
  ASSIGNED,
  /** The assignment is open: no completion recorded (or one recorded for later). */
  NOT_COMPLETED,
  /** The assignment is open and its due date has passed. */
  OVERDUE,
  /** A completion (or a certification not expired) counts now. */
  COMPLETED,
  /** The certification has expired. */
  CERTIFICATION_EXPIRED
}
