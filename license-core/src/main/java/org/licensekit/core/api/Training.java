package org.licensekit.core.api;

import java.time.Instant;
import java.util.List;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;

/** Training completions and certifications that products may require. */
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
}
