package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.InputBounds;

/**
 * The follow-up of new-user setup (the guide's "follow up to ensure license activation"): reminders
 * for claims still pending after each step, and an optional deadline after which a pending claim is
 * reclaimed — revoked, its seat freed for someone else.
 *
 * @param steps how long after assignment a reminder goes out; each step at most once per claim;
 *     positive, at most {@link InputBounds#MAX_FOLLOW_UP} (10 years)
 * @param deadline how long after assignment a still-pending claim is reclaimed; empty means never;
 *     positive, at most {@link InputBounds#MAX_FOLLOW_UP}
 */
public record FollowUp(List<Duration> steps, Optional<Duration> deadline) {

  public FollowUp {
    steps = ImmutableList.sortedCopyOf(steps);
    Objects.requireNonNull(deadline, "deadline");
    if (steps.stream().anyMatch(step -> step.isNegative() || step.isZero())) {
      throw InvalidInputException.of("steps", "must all be positive durations");
    }
    steps.forEach(step -> InputBounds.requireDuration("steps", step, InputBounds.MAX_FOLLOW_UP));
    if (steps.stream().distinct().count() != steps.size()) {
      throw InvalidInputException.of("steps", "must not repeat a step");
    }
    deadline.ifPresent(d -> InputBounds.requireDuration("deadline", d, InputBounds.MAX_FOLLOW_UP));
  }

  /** Reminders after 3, 7 and 14 days; no deadline. */
  public static FollowUp defaults() {
    return new FollowUp(List.of(Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14)), Optional.empty());
  }

  /** These reminder steps and this deadline. */
  public FollowUp withDeadline(Duration value) {
    return new FollowUp(steps, Optional.of(value));
  }
}
