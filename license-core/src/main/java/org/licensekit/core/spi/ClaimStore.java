package org.licensekit.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * License claims. The store guarantees at most one live (pending or active) claim per tenant × user ×
 * product, and applies every change only to the version the caller saw (compare-and-set), so two
 * concurrent revocations cannot both release a seat.
 */
public interface ClaimStore {

  /**
   * Inserts a new live claim unless the user already has a live claim for the product.
   *
   * @return false, writing nothing, when a live claim exists already
   */
  boolean insertIfNoLiveClaim(TenantId tenant, LicenseClaim claim);

  /** What {@link #insertTakingSeat} did. */
  enum SeatedInsert {
    /** A seat of the claim's pool was taken and the claim inserted. */
    INSERTED,
    /** The pool had no free seat (or does not exist): nothing was written. */
    NO_SEAT,
    /** The user holds a live claim of the product already: nothing was kept, the seat counter is as it was. */
    LIVE_CLAIM_EXISTS
  }

  /**
   * Takes a seat of the new live {@code claim}'s pool (as {@link PoolStore#tryTakeSeat}) and inserts
   * the claim (as {@link #insertIfNoLiveClaim}) as one step: the way every single assignment makes
   * its claim. The default takes the two steps through {@code seats}, this store's own
   * {@link PoolStore}, giving the seat back when a live claim exists; a store that can do both in
   * one statement (the JDBC store on PostgreSQL) overrides it, so the contended pool row is held
   * one round trip less.
   *
   * @param seats the pool store of the same {@link LicenseStore}, for the default
   * @return what was done
   * @throws org.licensekit.core.ConflictException {@code DUPLICATE_CLAIM} when a claim with the same id exists
   */
  default SeatedInsert insertTakingSeat(TenantId tenant, LicenseClaim claim, PoolStore seats) {
    if (!seats.tryTakeSeat(tenant, claim.pool())) {
      return SeatedInsert.NO_SEAT;
    }
    if (!insertIfNoLiveClaim(tenant, claim)) {
      if (!seats.releaseSeat(tenant, claim.pool())) {
        org.licensekit.core.SeatCounterDrift.recordReleaseAtZero(tenant, claim.pool());
      }
      return SeatedInsert.LIVE_CLAIM_EXISTS;
    }
    return SeatedInsert.INSERTED;
  }

  /**
   * Inserts new live claims of users the caller holds ({@link DirectoryStore#lockUsers}) and knows
   * to have no live claim of the product: a bulk run's chunk, written as one batch. Takes no seat;
   * the caller took them ({@link PoolStore#tryTakeSeats}).
   *
   * @throws org.licensekit.core.ConflictException {@code DUPLICATE_LIVE_CLAIM} when a live claim of one
   *     of the users and products exists after all (nothing is kept of the batch then: the caller's
   *     transaction must roll back)
   */
  default void insertLive(TenantId tenant, List<LicenseClaim> claims) {
    for (LicenseClaim claim : claims) {
      if (!insertIfNoLiveClaim(tenant, claim)) {
        throw new org.licensekit.core.ConflictException(org.licensekit.core.ErrorCode.DUPLICATE_LIVE_CLAIM,
            "User '" + claim.user() + "' already holds a live claim for product '" + claim.product() + "'");
      }
    }
  }

  /**
   * {@link #insertLive(TenantId, List)}, told each user's first organization: the smallest id of the
   * organizations the user is a member of (the claims report's organization order,
   * {@code ClaimSortKey.ORGANIZATION}) as the caller knows them — read after it took the users
   * ({@link DirectoryStore#lockUsers}, which every change of a user's memberships takes first) and
   * including its own membership writes, or for accounts the caller's transaction creates, the
   * organizations it enrols them in — so no other transaction can change them before the caller
   * commits. A store that keeps that value on each claim (the JDBC store on PostgreSQL) writes it
   * instead of looking it up per claim; a user missing from {@code firstOrganizations} is looked
   * up, as are users in no organization. The default ignores the map.
   *
   * @param firstOrganizations per user of {@code claims}, their smallest organization id
   * @throws org.licensekit.core.ConflictException as {@link #insertLive(TenantId, List)}
   */
  default void insertLive(TenantId tenant, List<LicenseClaim> claims, Map<UserId, OrganizationId> firstOrganizations) {
    insertLive(tenant, claims);
  }

  /**
   * The live claims of any of {@code users} for any of {@code products}, in no particular order: the
   * claims a bulk run's chunk holds, read at once.
   */
  default List<LicenseClaim> findLiveOfUsers(TenantId tenant, java.util.Collection<UserId> users,
      java.util.Collection<ProductId> products) {
    List<LicenseClaim> live = new java.util.ArrayList<>();
    for (UserId user : users) {
      for (ProductId product : products) {
        findLive(tenant, user, product).ifPresent(live::add);
      }
    }
    return live;
  }

  /**
   * Replaces the claim with {@code updated} if its stored status is still {@code expected} and its
   * stored {@link LicenseClaim#version() version} still equals {@code updated.version()} (the version
   * of the claim the change was made from); the stored version becomes {@code updated.version() + 1}.
   * So an edit that keeps the status (a reschedule, a move, the direct flag) detects a concurrent
   * change as well as a transition does.
   *
   * @return whether the claim was replaced
   * @throws org.licensekit.core.ConflictException {@code DUPLICATE_LIVE_CLAIM} when the change would
   *     make a second live claim of the user and product
   */
  boolean compareAndSet(TenantId tenant, ClaimStatus expected, LicenseClaim updated);

  Optional<LicenseClaim> find(TenantId tenant, ClaimId id);

  Optional<LicenseClaim> findLive(TenantId tenant, UserId user, ProductId product);

  /** The user's claims, newest assignment first. */
  List<LicenseClaim> listForUser(TenantId tenant, UserId user);

  /**
   * The live claims holding a seat of the pool, oldest assignment first. Its size grows with the
   * pool; a command walking a pool reads {@link #liveForPool} pages instead.
   */
  List<LicenseClaim> listLiveForPool(TenantId tenant, PoolId pool);

  /**
   * One keyset page of the live claims holding a seat of the pool, in ascending claim-id order (the
   * order of {@link ClaimId#compareTo}; bytewise on a database): at most {@code limit} claims whose id
   * is strictly greater than {@code after}. A walk page by page sees every claim live in the pool
   * throughout the walk exactly once, also when the walker moves or ends the claims of each page
   * before reading the next.
   *
   * @param after the id of the last claim of the page before; empty for the first page
   * @param limit at most this many claims, at least 1
   * @return the page; fewer than {@code limit} claims only on the last page
   */
  List<LicenseClaim> liveForPool(TenantId tenant, PoolId pool, Optional<ClaimId> after, int limit);
}
