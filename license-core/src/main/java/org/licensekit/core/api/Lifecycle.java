package org.licensekit.core.api;

import java.util.List;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * The guide's workflows over time: new-user follow-up, expirations, renewals and seasonal
 * adjustments. The jobs ({@link #followUp}, {@link #expireDue}, {@link #alertExpirations}) are meant
 * for the host's scheduler: idempotent, paged, and safe to run on several instances at once.
 */
public interface Lifecycle {

  /**
   * Sends a reminder for each claim still pending past a step (each step once per claim; a claim
   * past several unsent steps gets only the latest), and reclaims pending claims past the deadline.
   * Users who are not {@code INVITED} or {@code ACTIVE} get no reminder.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run lifecycle jobs
   */
  JobRun followUp(FollowUp followUp);

  /**
   * Moves to {@code EXPIRED} every live claim whose validity ended ({@code expiresAt <= now}) and
   * every live claim of a pool whose term ended ({@code term.end <= now}), freeing their seats. A
   * claim another instance expired meanwhile is skipped.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run lifecycle jobs
   */
  JobRun expireDue();

  /**
   * Alerts about pools whose term ends within a window; see {@link ExpirationAlerts}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run lifecycle jobs
   */
  JobRun alertExpirations(ExpirationAlerts alerts);

  /**
   * Sends this month's license review (see {@link MonthlyReview}) unless it was sent already: safe
   * to run on every instance and as often as wanted, it sends once per calendar month (UTC).
   *
   * @return {@code changed} 1 and {@code notified} the recipients when this run sent it; {@code skipped} 1 when
   *     this month's review was sent already
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run lifecycle jobs
   */
  JobRun sendMonthlyReview(MonthlyReview review);

  /**
   * Serves the seat queues: gives each free seat to the first waiting user it can serve, product by
   * product, as a freed seat does (notification {@code SEAT_ASSIGNED}). For what makes a waiting
   * user eligible with no seat freed and no command in which to serve them: a pool whose term has
   * started, a completion recorded for a later instant that has come. (Joining an organization,
   * recording a completion, reactivating, and assigning the product to anyone serve the queue in
   * their own transaction.) Safe on several instances at once: each product is served holding its
   * pools.
   *
   * @return {@code examined} the products with waiting users, {@code changed} and {@code notified} the seats given
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run lifecycle jobs
   */
  JobRun serveWaitlists();

  /**
   * Renewal by a new purchase: moves every live claim of {@code from} to {@code to} (same product),
   * keeping each claim's status. An active claim valid until the term's end now ends with
   * {@code to}'s term; one valid for a duration after claim keeps its expiry. All or nothing:
   * refused with {@code NOT_ENOUGH_SEATS} when {@code to} lacks free seats for them all.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not manage pools
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code poolId} when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code NOT_ENOUGH_SEATS} or {@code POOL_OUT_OF_SCOPE} when {@code to} cannot take every claim
   */
  JobRun rollOver(PoolId from, PoolId to, String reason);

  /**
   * A departing user: every membership removed, every claim revoked, the account archived.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not change this user's status
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when it does not exist in this tenant
   */
  UserOutcome offboard(UserId user, String reason);

  /**
   * The seasonal sweep: archives every temporary staff member (not yet archived) whose end date is
   * before today (UTC), revoking their claims, in best-effort chunks; memberships stay for the record.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not run lifecycle jobs
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   */
  BulkResult archiveEndedTemporaryStaff(String reason);

  /** How a transferred seat treats the claim's dates. */
  enum Expiry {
    /**
     * The new holder gets a pending claim carrying the giver's expiry: when they claim it (their
     * own prerequisites checked then) it stays valid only until the giver's claim would have ended.
     */
    KEEP,
    /** The new holder starts afresh: a pending claim whose validity starts when they claim it. */
    RESET
  }

  /**
   * Moves {@code from}'s seat of the product to {@code to}: revokes {@code from}'s live claim and
   * gives {@code to} a direct claim in the same pool.
   *
   * @return the new holder's claim
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign products
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming a user or the product when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code NO_LIVE_CLAIM}, {@code POOL_OUT_OF_SCOPE}, {@code USER_ARCHIVED}, {@code USER_SUSPENDED} or {@code ALREADY_HOLDS_PRODUCT} when the seat cannot move
   */
  LicenseClaim transferSeat(UserId from, UserId to, ProductId product, Expiry expiry, String reason);

  /**
   * Redistributes free seats: assigns the product directly to each waiting user in list order while
   * seats last. Users holding it already are {@code ALREADY}; the rest {@code REFUSED}.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign products
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code productId} when it does not exist in this tenant
   */
  List<UserOutcome> reassign(ProductId product, List<UserId> waiting, String reason);
}
