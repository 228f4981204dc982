package org.licensekit.core.api;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/** Organizations and user accounts: new-user setup and the account lifecycle. */
public interface Directory {

  /** Defines or renames an organization; its parent must exist and no cycle may form. */
  Organization defineOrganization(Organization organization);

  List<Organization> organizations();

  /**
   * New-user setup: creates the account ({@code INVITED}), adds it to its organizations with the job
   * profile's roles, assigns the products those roles grant (pending claims), and sends the
   * invitation.
   */
  RegistrationResult register(NewUser user);

  /** Changes name, email or end date. */
  UserAccount update(UserUpdate update);

  /** The user accepted the invitation: {@code INVITED → ACTIVE}. */
  UserAccount activate(UserId user);

  /**
   * Suspends the account. Its seats are kept or released according to the tenant setting
   * {@code suspendedUsersKeepSeats}.
   */
  UserAccount suspend(UserId user, String reason);

  /** {@code SUSPENDED → ACTIVE}. */
  UserAccount reactivate(UserId user);

  /** Archives the account for good and revokes every live claim, releasing its seats. */
  UserAccount archive(UserId user, String reason);

  Optional<UserAccount> find(UserId user);

  List<UserAccount> list();
}
