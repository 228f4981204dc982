package org.licensekit.core.spi;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/** Organizations, user accounts and memberships. Lists are ordered by id. */
public interface DirectoryStore {

  /** Inserts or replaces the organization. */
  void saveOrganization(TenantId tenant, Organization organization);

  Optional<Organization> findOrganization(TenantId tenant, OrganizationId id);

  List<Organization> listOrganizations(TenantId tenant);

  /**
   * Inserts a new user account.
   *
   * @throws org.licensekit.core.ConflictException with code {@code DUPLICATE_USER} when the id is taken
   */
  void insertUser(TenantId tenant, UserAccount user);

  /** Replaces an existing user account; returns false when there is none with that id. */
  boolean updateUser(TenantId tenant, UserAccount user);

  Optional<UserAccount> findUser(TenantId tenant, UserId id);

  List<UserAccount> listUsers(TenantId tenant);

  /** Inserts or replaces the membership of its user in its organization. */
  void saveMembership(TenantId tenant, Membership membership);

  /** Removes the membership; returns false when there was none. */
  boolean deleteMembership(TenantId tenant, UserId user, OrganizationId organization);

  /** The user's memberships, ordered by organization id. */
  List<Membership> membershipsOf(TenantId tenant, UserId user);
}
