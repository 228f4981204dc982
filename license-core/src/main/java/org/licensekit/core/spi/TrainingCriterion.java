package org.licensekit.core.spi;

import java.time.Instant;
import java.util.Objects;
import org.licensekit.core.api.TrainingCondition;

/**
 * A {@link TrainingCondition} as a store evaluates it: at a fixed instant, chosen by the core when
 * the query or run starts, so every page of one run agrees. A store must decide exactly as
 * {@link org.licensekit.core.policy.TrainingStates#holds} does, from the user's one assignment
 * and one record of {@code condition.training()}:
 *
 * <ul>
 *   <li>{@code ASSIGNED}: an assignment exists;
 *   <li>{@code NOT_COMPLETED}: an assignment exists whose {@code completedAt} is absent or after {@code at};
 *   <li>{@code OVERDUE}: as {@code NOT_COMPLETED}, and its {@code dueAt} is before {@code at};
 *   <li>{@code COMPLETED}: a record exists with {@code completedAt <= at} and no {@code expiresAt} or {@code expiresAt > at};
 *   <li>{@code CERTIFICATION_EXPIRED}: a record exists with {@code expiresAt <= at}.
 * </ul>
 *
 * @param condition the training and the state asked for
 * @param at the instant the condition is evaluated at (whole microseconds, as the core's clock gives)
 */
public record TrainingCriterion(TrainingCondition condition, Instant at) {

  /**
   * Checks both parts.
   *
   * @throws NullPointerException when either is null
   */
  public TrainingCriterion {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(at, "at");
  }
}
