package org.licensekit.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A user's completed training or earned certification; certifications may expire. */
@Value.Immutable
public interface TrainingRecord {

  UserId user();

  TrainingId training();

  Instant completedAt();

  Optional<Instant> expiresAt();

  /** Whether the record counts at {@code now}. */
  default boolean validAt(Instant now) {
    return !completedAt().isAfter(now) && expiresAt().map(now::isBefore).orElse(true);
  }

  static ImmutableTrainingRecord.Builder builder() {
    return ImmutableTrainingRecord.builder();
  }
}
