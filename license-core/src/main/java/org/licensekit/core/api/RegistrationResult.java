package org.licensekit.core.api;

import java.util.Objects;
import java.util.stream.Collectors;
import org.licensekit.core.domain.UserAccount;

/**
 * The outcome of new-user setup.
 *
 * @param user the account as created (status {@code INVITED})
 * @param assignments the pending claims made for the products the user's roles grant
 */
public record RegistrationResult(UserAccount user, AssignmentResult assignments) {

  public RegistrationResult {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(assignments, "assignments");
  }

  /**
   * This registration as one user's outcome of a bulk registration: {@code DONE}, its detail naming
   * the products assigned and, for each product no seat was found for, why (and the user's place in
   * the product's waitlist when they wait for a seat). The user is registered either way.
   */
  public UserOutcome outcome() {
    StringBuilder detail = new StringBuilder("registered");
    if (!assignments.assigned().isEmpty()) {
      detail.append("; assigned ").append(assignments.assigned().stream()
          .map(claim -> claim.product().value()).sorted().collect(Collectors.joining(",")));
    }
    assignments.refused().forEach(refusal -> detail.append("; no seat of ").append(refusal.product().value())
        .append(" (").append(refusal.code()).append("): ").append(refusal.message()));
    return UserOutcome.done(user.id(), detail.toString());
  }
}
