package org.licensekit.core.api;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.PageRequest;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/** Organizations and user accounts: new-user setup and the account lifecycle. */
public interface Directory {

  /**
   * Defines or renames an organization; its parent must exist and no cycle may form. Moving an
   * existing organization under another parent (a school to another district or area) moves its
   * seats with it: a seat that a member of it or of its sub-organizations holds from a pool scoped
   * to an organization they no longer reach is given up, and the product is assigned again from a
   * pool that serves them when a role or a direct assignment still justifies it (as when a user
   * leaves an organization); each release and reassignment is audited with the move as its reason.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not define organizations
   * @throws org.licensekit.core.InvalidInputException naming {@code name} when blank, or {@code parent} when it would form a cycle
   * @throws org.licensekit.core.NotFoundException naming {@code organizationId} (the parent) when it does not exist in this tenant
   */
  Organization defineOrganization(Organization organization);

  /**
   * Every organization of the tenant.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the directory
   */
  List<Organization> organizations();

  /**
   * New-user setup: creates the account ({@code INVITED}), adds it to its organizations with the job
   * profile's roles, assigns the products those roles grant (pending claims), and sends the
   * invitation.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not register users
   * @throws org.licensekit.core.InvalidInputException naming each bad field of the request
   * @throws org.licensekit.core.NotFoundException naming the organization, job profile or role when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code DUPLICATE_USER} when the id is taken
   */
  RegistrationResult register(NewUser user);

  /**
   * Changes name, email or end date.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not update users
   * @throws org.licensekit.core.InvalidInputException naming each bad field
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   */
  UserAccount update(UserUpdate update);

  /**
   * The user accepted the invitation: {@code INVITED → ACTIVE}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not change this user's status
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code ILLEGAL_STATUS_CHANGE} unless the account is {@code INVITED}
   */
  UserAccount activate(UserId user);

  /**
   * Suspends the account. Its seats are kept or released according to the tenant setting
   * {@code suspendedUsersKeepSeats}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not change this user's status
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code ILLEGAL_STATUS_CHANGE} unless the account is {@code INVITED} or {@code ACTIVE}
   */
  UserAccount suspend(UserId user, String reason);

  /**
   * {@code SUSPENDED → ACTIVE}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not change this user's status
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code ILLEGAL_STATUS_CHANGE} unless the account is {@code SUSPENDED}
   */
  UserAccount reactivate(UserId user);

  /**
   * Archives the account for good and revokes every live claim, releasing its seats.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not change this user's status
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code ILLEGAL_STATUS_CHANGE} when the account is archived already
   */
  UserAccount archive(UserId user, String reason);

  /**
   * The user account, when registered.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the directory
   */
  Optional<UserAccount> find(UserId user);

  /**
   * The user's profile — organizations, the roles held in each and where each came from (job
   * profile or granted), claims and training — for the guide's first troubleshooting step, "verify
   * the user has the correct role assignments". A user may read their own profile.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read this user's profile
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   */
  UserProfile profile(UserId user);

  /**
   * One keyset page of the user accounts {@code filter} selects, in ascending user-id order: at most
   * {@code page.limit()} accounts after the page that returned {@code page.cursor()}. A page costs one
   * query of its own size whatever the tenant's size, and a listing walked page by page sees every
   * account that existed throughout the walk exactly once (one added or removed meanwhile may or may
   * not be seen). An organization-scoped actor sees only members of its organizations.
   *
   * <pre>{@code
   * PageRequest page = PageRequest.first(200);
   * while (true) {
   *   Page<UserAccount> users = session.users().list(UserFilter.all(), page);
   *   users.items().forEach(this::export);
   *   if (!users.hasNext()) break;
   *   page = PageRequest.after(users.nextCursor().get(), 200);
   * }
   * }</pre>
   *
   * @param filter which users, as for a bulk action ({@link UserFilter#all()} for every user)
   * @param page the page size and the cursor of the page before
   * @return the page, with the cursor of the next one unless it is the last
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the directory
   * @throws org.licensekit.core.InvalidInputException naming {@code cursor} when it was not made by this call
   * @throws org.licensekit.core.NotFoundException naming the organization, role, job profile or product the
   *     filter names when the tenant has no such record
   */
  Page<UserAccount> list(UserFilter filter, PageRequest page);

  /**
   * Every user account of the tenant, in one list: its size, and the memory it takes, grow with the
   * tenant.
   *
   * @return every account the actor may see, in ascending user-id order
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the directory
   * @deprecated unbounded; walk {@link #list(UserFilter, PageRequest)} page by page instead (with
   *     {@link UserFilter#all()}), or count with {@code bulk().count(UserFilter.all())}
   */
  @Deprecated(since = "0.1.0")
  List<UserAccount> list();
}
