package org.licensekit.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Training assigned to a user, with a due date: the admin guide's "verify prerequisite training is
 * assigned". One per user × training; assigning it again replaces it. It is completed when the
 * completion (or certification) is recorded.
 */
@Value.Immutable
public interface TrainingAssignment {

  UserId user();

  TrainingId training();

  /** The product whose prerequisite it is, when it was assigned for one. */
  Optional<ProductId> product();

  Instant assignedAt();

  /** When the training is due. */
  Instant dueAt();

  /** When the completion was recorded; empty while the training is open. */
  Optional<Instant> completedAt();

  /** Whether the completion has been recorded. */
  default boolean completed() {
    return completedAt().isPresent();
  }

  /** Whether it is still open at {@code now} although its due date has passed. */
  default boolean overdueAt(Instant now) {
    return !completed() && now.isAfter(dueAt());
  }

  static ImmutableTrainingAssignment.Builder builder() {
    return ImmutableTrainingAssignment.builder();
  }
}
