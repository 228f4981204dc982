package org.licensekit.core.api;

import java.util.Objects;
import org.licensekit.core.domain.UserId;

/**
 * Who receives expiration alerts (an administrator or the contract owner).
 *
 * @param user the host's user id of the recipient
 * @param name the recipient's name
 * @param email the recipient's email
 */
public record AlertContact(UserId user, String name, String email) {

  public AlertContact {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }
}
