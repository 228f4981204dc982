package org.licensekit.core.api;

import java.time.Instant;
import java.util.List;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;

/**
 * Training that products may require: assignments with due dates, completions and certifications.
 * Recording a completion closes its assignment and tells the user of each product it made available
 * ({@code PRODUCT_AVAILABLE}).
 */
public interface Training {

  /**
   * Records that the user completed a training.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not record this user's training
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   */
  TrainingRecord recordCompletion(UserId user, TrainingId training, Instant completedAt);

  /**
   * Records a certification valid from {@code earnedAt} until {@code expiresAt}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not record this user's training
   * @throws org.licensekit.core.InvalidInputException naming {@code expiresAt} unless it is after {@code earnedAt}
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   */
  TrainingRecord recordCertification(UserId user, TrainingId training, Instant earnedAt, Instant expiresAt);

  /**
   * The user's training records.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read this user's training
   */
  List<TrainingRecord> of(UserId user);

  /**
   * Assigns a training to the user, due at {@code dueAt}, replacing any earlier assignment of it;
   * the user is notified ({@code TRAINING_ASSIGNED}) and a {@code TRAINING_ASSIGNED} event published.
   * Assigning a product assigns its missing prerequisites by itself, due in 30 days.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign training
   * @throws org.licensekit.core.InvalidInputException naming {@code dueAt} unless it is in the future
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   */
  TrainingAssignment assign(UserId user, TrainingId training, Instant dueAt);

  /**
   * The user's training assignments, open and completed, ordered by training id.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read this user's training
   */
  List<TrainingAssignment> assignments(UserId user);
}
