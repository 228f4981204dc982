package org.licensekit.core.api;

import java.util.List;
import java.util.Map;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * The seat waitlist. A user refused a product for lack of seats — by a role grant, a direct
 * assignment, new-user setup or a bulk action — is queued for it in order; a seat freed by a
 * revocation, an expiry, archiving or offboarding, a seat increase, a new pool or a term that
 * starts goes to the first waiting user a pool with a free seat serves, in the same transaction,
 * with a {@code WAITLIST_SEAT_ASSIGNED} event and a {@code SEAT_ASSIGNED} notification. A waiting
 * user a free seat cannot serve yet (outside every free pool's organization scope, prerequisites
 * not met, suspended while suspended users hold no seats) keeps their place. The troubleshooter
 * reports {@link DenialReason#WAITING_FOR_SEAT} with the place.
 */
public interface Waitlist {

  /**
   * The users waiting for a seat of the product, first in line first.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the waitlist
   * @throws org.licensekit.core.NotFoundException naming {@code productId} when the product does not exist
   */
  List<WaitingUser> of(ProductId product);

  /**
   * The products the user waits for, with their place in each queue, ordered by product.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the waitlist
   * @throws org.licensekit.core.NotFoundException naming {@code userId} when the user does not exist
   */
  List<WaitingUser> ofUser(UserId user);

  /**
   * How many users wait per product; products nobody waits for are absent.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the waitlist
   */
  Map<ProductId, Integer> counts();

  /**
   * Moves a waiting user to another place in the product's queue (audited); the users between
   * the old and the new place shift by one.
   *
   * @param position the new place, from 1 to the queue's length
   * @return the queue afterwards
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not manage the waitlist
   * @throws org.licensekit.core.InvalidInputException naming {@code position} when it is not a place in the queue,
   *     or {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code productId} when the product does not exist
   * @throws org.licensekit.core.ConflictException with code {@code NOT_WAITING} when the user does not wait for the product
   */
  List<WaitingUser> move(ProductId product, UserId user, int position, String reason);

  /**
   * Takes a user out of the product's queue without a seat (audited).
   *
   * @return the queue afterwards
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not manage the waitlist
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code productId} when the product does not exist
   * @throws org.licensekit.core.ConflictException with code {@code NOT_WAITING} when the user does not wait for the product
   */
  List<WaitingUser> remove(ProductId product, UserId user, String reason);
}
