package org.licensekit.core.api;

import java.util.Objects;
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
}
