package org.licensekit.core.api;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.UserId;

/**
 * The guide's Bulk Actions: select users with a {@link UserFilter}, then change them all at once.
 * Runs page through user ids (never loading every user at once), so tens of thousands of users
 * need only {@code chunkSize} of them in memory.
 */
public interface BulkActions {

  /**
   * How many users the filter selects now.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the directory
   * @throws org.licensekit.core.InvalidInputException naming each bad field of the filter
   */
  long count(UserFilter filter);

  /**
   * One keyset page of the ids the filter selects, in ascending order.
   *
   * @param after only ids after this one; empty for the first page
   * @param limit 1 to 10,000
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the directory
   * @throws org.licensekit.core.InvalidInputException naming {@code limit} or a field of the filter when bad
   */
  List<UserId> select(UserFilter filter, Optional<UserId> after, int limit);

  /**
   * Runs the request. See {@link BulkMode} for what happens to users who cannot be changed.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run bulk changes
   * @throws org.licensekit.core.InvalidInputException naming each bad field of the request
   * @throws org.licensekit.core.NotFoundException naming an organization, role or product the request names when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code IDEMPOTENCY_KEY_REUSED} or {@code BULK_IN_PROGRESS} for a key used before
   */
  BulkResult run(BulkRequest request);

  /**
   * Runs the request, reporting progress and every outcome to {@code listener}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run bulk changes
   * @throws org.licensekit.core.InvalidInputException naming each bad field of the request
   * @throws org.licensekit.core.NotFoundException naming an organization, role or product the request names when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code IDEMPOTENCY_KEY_REUSED} or {@code BULK_IN_PROGRESS} for a key used before
   */
  BulkResult run(BulkRequest request, BulkListener listener);

  /**
   * A dry run: the outcomes and seat forecast {@link #run} would produce now, writing nothing (no
   * change, no audit entry, no event, no idempotency record).
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run bulk changes
   * @throws org.licensekit.core.InvalidInputException naming each bad field of the request
   * @throws org.licensekit.core.NotFoundException naming an organization, role or product the request names when it does not exist in this tenant
   */
  BulkResult preview(BulkRequest request);

  /**
   * A dry run reporting to {@code listener}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run bulk changes
   * @throws org.licensekit.core.InvalidInputException naming each bad field of the request
   * @throws org.licensekit.core.NotFoundException naming an organization, role or product the request names when it does not exist in this tenant
   */
  BulkResult preview(BulkRequest request, BulkListener listener);

  /**
   * Bulk onboarding: registers every user of the request as {@link Directory#register(NewUser)}
   * would, chunk by chunk. A user who cannot be registered (a bad field, an unknown organization,
   * job profile or role, an organization outside the actor's reach, an id taken by an existing
   * user or by an earlier user of the same request) is refused with the code and the field, and
   * nothing of theirs is written. An e-mail address another account has is accepted, as by the
   * single registration (the host's user id names the person; reconciliation reports accounts
   * sharing an address that hold the same product, {@code DUPLICATE_ASSIGNMENT}); a user registered without a seat for some product
   * is {@code DONE} and waits in that product's waitlist, as in the single registration.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not register users
   * @throws org.licensekit.core.InvalidInputException naming {@code mode} when an all-or-nothing run would hold more than 250,000 users
   * @throws org.licensekit.core.ConflictException {@code IDEMPOTENCY_KEY_REUSED} or {@code BULK_IN_PROGRESS} for a key used before
   */
  BulkResult register(BulkRegistration request);

  /**
   * Bulk onboarding reporting progress and every user's outcome to {@code listener}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not register users
   * @throws org.licensekit.core.InvalidInputException naming {@code mode} when an all-or-nothing run would hold more than 250,000 users
   * @throws org.licensekit.core.ConflictException {@code IDEMPOTENCY_KEY_REUSED} or {@code BULK_IN_PROGRESS} for a key used before
   */
  BulkResult register(BulkRegistration request, BulkListener listener);

  /**
   * A dry run of bulk onboarding: the outcomes and seat forecast {@link #register} would produce
   * now, writing nothing (no account, audit entry, invitation or idempotency record).
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not register users
   * @throws org.licensekit.core.InvalidInputException naming {@code mode} when the request holds more than 250,000 users
   */
  BulkResult previewRegister(BulkRegistration request, BulkListener listener);
}
