package org.licensekit.core.internal.claims;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.ImmutableLicenseClaim;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.ClaimLifecycle;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.policy.Refusal;
import org.licensekit.core.policy.SeatChoice;
import org.licensekit.core.spi.ClaimStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.PoolStore;

/**
 * Every write of a claim goes through here: assignment takes a seat (seat choice, then the store's
 * atomic take, trying the next pool when one filled up meanwhile); transitions and edits are
 * compare-and-set on the status and the version the caller saw (a returned claim carries the version
 * the store now holds), and ending a live claim gives its seat back.
 */
public final class ClaimWriter {

  private final LicenseStore store;
  private final TenantId tenant;

  public ClaimWriter(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  /** Assigns each product to the user: a pending claim with a seat, unless one is live already. */
  public AssignmentResult assign(UnitOfWork changes, UserId user, Set<ProductId> products, boolean direct, Optional<String> reason) {
    AssignmentResult result = AssignmentResult.empty();
    for (ProductId product : products.stream().sorted().collect(Collectors.toList())) {
      result = result.plus(assign(changes, user, product, direct, reason));
    }
    return result;
  }

  /**
   * Assigns the product to the user: a pending claim with a seat, unless one is live already. A
   * free seat while users wait for the product goes to them first, in queue order (the user among
   * them if waiting); the user is queued when no seat is left.
   */
  public AssignmentResult assign(UnitOfWork changes, UserId user, ProductId product, boolean direct, Optional<String> reason) {
    return assign(changes, user, product, direct, reason, true);
  }

  /**
   * Assigns the product to a user an administrator named for a seat (a reassignment): a free seat
   * goes to them whoever waits, as the administrator asked.
   */
  public AssignmentResult assignNamed(UnitOfWork changes, UserId user, ProductId product, Optional<String> reason) {
    return assign(changes, user, product, true, reason, false);
  }

  private AssignmentResult assign(UnitOfWork changes, UserId user, ProductId product, boolean direct, Optional<String> reason,
      boolean queueFirst) {
    // the prerequisites the user lacks are assigned with the product, whether or not a seat is free
    new TrainingAssignments(store, tenant).assignMissing(changes, user, product);
    Optional<LicenseClaim> live = store.claims().findLive(tenant, user, product);
    if (live.isPresent() && validityEnded(live.get(), changes.now())) {
      // a license past its validity is over: expire it, freeing its seat, so that assigning makes a new claim
      expire(changes, live.get(), "validity ended");
      live = Optional.empty();
    }
    if (live.isPresent()) {
      return alreadyHeld(changes, live.get(), direct, reason);
    }
    holdAssignable(changes, user);
    // the queue is looked at (with the pools) before the seat is taken, so the pool's row is not held meanwhile
    PoolStore.ProductSeats seats = store.pools().listForAssignment(tenant, product, store.waitlist());
    List<PoolUsage> pools = seats.pools();
    Set<OrganizationId> organizations = organizationsIfScoped(user, pools);
    List<LicensePool> candidates = SeatChoice.candidates(product, pools, organizations, changes.now());
    boolean anyWaiting = seats.anyWaiting();
    if (queueFirst && !candidates.isEmpty() && anyWaiting) {
      // a free seat while users wait (a pool whose term just started, before the sweep served it):
      // those ahead in the queue are served first, and this user, if among them, is given theirs
      Optional<LicenseClaim> served = waitlist().fill(changes, product).stream().filter(c -> c.user().equals(user)).findFirst();
      if (served.isPresent()) {
        return new AssignmentResult(List.of(served.get()), List.of(), List.of());
      }
      pools = store.pools().listForProduct(tenant, product);
      organizations = organizationsIfScoped(user, pools);
      candidates = SeatChoice.candidates(product, pools, organizations, changes.now());
    }
    boolean waiting = anyWaiting && store.waitlist().positionsOf(tenant, user).containsKey(product);
    Optional<AssignmentResult> seated = takeSeat(changes, user, product, direct, reason, candidates);
    if (seated.isPresent()) {
      return assigned(changes, user, product, seated.get(), waiting);
    }
    Refusal refusal = SeatChoice.refusal(product, pools, organizations, changes.now());
    if (refusal.code().equals(AssignmentRefusal.NO_SEAT_AVAILABLE)) {
      SeatWaitlist.Queueing queueing = waitlist().queueIfFull(changes, user, product, direct,
          reason.orElse(direct ? "product assigned" : "role granted"), organizationsOf(user));
      seated = takeSeat(changes, user, product, direct, reason, queueing.candidates());
      if (seated.isPresent()) {
        return assigned(changes, user, product, seated.get(), waiting);
      }
      refusal = queueing.refusal();
    }
    return new AssignmentResult(List.of(), List.of(), List.of(new AssignmentRefusal(product, refusal.code(), refusal.message())));
  }

  /**
   * A user given the product by any way but the queue itself no longer waits for it. Whether they
   * waited was read before the seat was taken: a user queued for the product by a transaction that
   * commits after that read keeps a stale entry, which the queue drops when it reaches it (the user
   * holds a live claim: {@link org.licensekit.core.policy.WaitlistPolicy}).
   */
  private AssignmentResult assigned(UnitOfWork changes, UserId user, ProductId product, AssignmentResult result, boolean waiting) {
    if (waiting && !result.assigned().isEmpty()) {
      waitlist().leave(changes, user, product, "assigned the product");
    }
    return result;
  }

  /** The waitlist of this writer's tenant. */
  public SeatWaitlist waitlist() {
    return new SeatWaitlist(store, tenant, this);
  }

  /**
   * Takes a seat of the first of {@code candidates} that still has one and makes the pending claim;
   * empty when every candidate filled up meanwhile.
   */
  private Optional<AssignmentResult> takeSeat(UnitOfWork changes, UserId user, ProductId product, boolean direct,
      Optional<String> reason, List<LicensePool> candidates) {
    for (LicensePool pool : candidates) {
      LicenseClaim claim = pending(changes, user, product, pool.id(), direct).reason(reason).build();
      ClaimStore.SeatedInsert done = store.claims().insertTakingSeat(tenant, claim, store.pools());
      if (done == ClaimStore.SeatedInsert.NO_SEAT) {
        continue;
      }
      if (done == ClaimStore.SeatedInsert.LIVE_CLAIM_EXISTS) {
        return Optional.of(store.claims().findLive(tenant, user, product)
            .map(existing -> alreadyHeld(changes, existing, direct, reason))
            .orElseThrow(() -> new ConflictException(ErrorCode.CLAIM_CHANGED_CONCURRENTLY, "A live claim of " + user + " for " + product + " appeared and vanished meanwhile")));
      }
      recordAssigned(changes, claim);
      return Optional.of(new AssignmentResult(List.of(claim), List.of(), List.of()));
    }
    return Optional.empty();
  }

  /**
   * Gives a waiting user a seat of the first of {@code candidates} that has one, holding the user's
   * account first: empty, writing nothing, when none has or the account may no longer be given a
   * seat (archived or suspended meanwhile).
   */
  Optional<LicenseClaim> seatFromWaitlist(UnitOfWork changes, org.licensekit.core.domain.WaitlistEntry entry, List<LicensePool> candidates) {
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    boolean assignable = Lookups.held(store, changes, entry.user())
        .filter(account -> AccountLifecycle.assignable(account, changes.heldSettings().orElseThrow()).isEmpty())
        .isPresent();
    if (!assignable) {
      return Optional.empty();
    }
    return takeSeat(changes, entry.user(), entry.product(), entry.direct(), Optional.of(entry.reason() + " (seat from the waitlist)"), candidates)
        .flatMap(result -> result.assigned().stream().findFirst());
  }

  /** Whether a live claim can no longer give access: its expiry or its pool's term has passed. */
  private boolean validityEnded(LicenseClaim claim, java.time.Instant now) {
    return claim.expiredAt(now)
        || store.pools().find(tenant, claim.pool()).filter(usage -> usage.pool().term().endedAt(now)).isPresent();
  }

  /**
   * Holds the user's account and the tenant's settings until the transaction ends and checks the
   * user may still be given a seat: nothing is read when the command holds them already (its first
   * read of the account took the locks, {@link Lookups#assignableUser}). When the caller read the
   * account unlocked earlier, an archive or suspension committed since then makes the command run
   * again (a conflict the stores retry), where the caller's own check refuses it.
   */
  private void holdAssignable(UnitOfWork changes, UserId user) {
    Lookups.held(store, changes, user)
        .filter(account -> AccountLifecycle.assignable(account, changes.heldSettings().orElseThrow()).isPresent())
        .ifPresent(account -> {
          throw new ConflictException(ErrorCode.USER_CHANGED_CONCURRENTLY,
              "User " + user + " became " + account.status() + " while this command ran");
        });
  }

  /** A direct assignment of a product held through a role makes the claim direct (it then outlives the role): audited. */
  private AssignmentResult alreadyHeld(UnitOfWork changes, LicenseClaim live, boolean direct, Optional<String> reason) {
    if (direct && !live.direct()) {
      LicenseClaim updated = LicenseClaim.builder().from(live).direct(true).build();
      if (!store.claims().compareAndSet(tenant, live.status(), updated)) {
        throw changed(live);
      }
      changes.record(ChangeType.CLAIM_MADE_DIRECT, "claim", updated.id())
          .user(updated.user()).product(updated.product()).before(live).after(updated).reason(reason).done();
      return new AssignmentResult(List.of(), List.of(updated.nextVersion()), List.of());
    }
    return new AssignmentResult(List.of(), List.of(live), List.of());
  }

  /** Whether {@code pool} serves {@code user}: tenant-wide, or scoped to one of the user's organizations or their ancestors. */
  public boolean serves(LicensePool pool, UserId user) {
    return pool.scope().map(organizationsOf(user)::contains).orElse(true);
  }

  /**
   * {@link #organizationsOf}, or none when no pool is scoped to an organization: seat choice then
   * does not look at them, and the two reads are saved.
   */
  private Set<OrganizationId> organizationsIfScoped(UserId user, List<PoolUsage> pools) {
    return pools.stream().anyMatch(usage -> usage.pool().scope().isPresent()) ? organizationsOf(user) : Set.of();
  }

  /** The user's organizations with all their ancestors, for pool scopes. */
  public Set<OrganizationId> organizationsOf(UserId user) {
    List<OrganizationId> direct = store.directory().membershipsOf(tenant, user).stream()
        .map(Membership::organization)
        .collect(Collectors.toList());
    return OrganizationTree.of(store.directory().listOrganizations(tenant)).withAncestors(direct);
  }

  /**
   * Activates a pending claim: the user claimed it. A pending claim that carries an expiry already
   * (a transferred seat that keeps its giver's expiry) keeps it; otherwise the product's validity
   * sets it from now.
   */
  public LicenseClaim activate(UnitOfWork changes, LicenseClaim claim, Product product, LicensePool pool) {
    ClaimLifecycle.Transition transition = ClaimLifecycle.activate(claim, changes.now(),
        claim.expiresAt().orElseGet(() -> product.validity().expiryFor(changes.now(), pool.term())));
    LicenseClaim after = apply(transition);
    changes.record(ChangeType.CLAIM_ACTIVATED, "claim", claim.id())
        .user(claim.user()).product(claim.product()).before(claim).after(after)
        .done();
    return after;
  }

  /** Revokes a live claim and frees its seat, which goes to the product's waitlist. */
  public LicenseClaim revoke(UnitOfWork changes, LicenseClaim claim, String reason) {
    return end(changes, ClaimLifecycle.revoke(claim, changes.now(), changes.actor(), reason), ChangeType.CLAIM_REVOKED, reason, true);
  }

  /**
   * Revokes a live claim whose seat the caller hands to a named user in this same transaction (a
   * transfer or reassignment): the seat does not go to the waitlist. Should the named user not take
   * it, the caller must fail the command.
   */
  public LicenseClaim revokeForTransfer(UnitOfWork changes, LicenseClaim claim, String reason) {
    return end(changes, ClaimLifecycle.revoke(claim, changes.now(), changes.actor(), reason), ChangeType.CLAIM_REVOKED, reason, false);
  }

  /** Expires a live claim and frees its seat, which goes to the product's waitlist. */
  public LicenseClaim expire(UnitOfWork changes, LicenseClaim claim, String reason) {
    return end(changes, ClaimLifecycle.expire(claim, changes.now(), changes.actor(), reason), ChangeType.CLAIM_EXPIRED, reason, true);
  }

  /** Replaces a live claim's expiry (term extension or renewal), keeping its status. */
  public LicenseClaim reschedule(UnitOfWork changes, LicenseClaim claim, java.time.Instant expiresAt, String reason) {
    LicenseClaim after = LicenseClaim.builder().from(claim).expiresAt(expiresAt).build();
    if (!store.claims().compareAndSet(tenant, claim.status(), after)) {
      throw changed(claim);
    }
    changes.record(ChangeType.POOL_TERM_CHANGED, "claim", claim.id())
        .user(claim.user()).product(claim.product()).before(claim).after(after).reason(Optional.of(reason))
        .done();
    return after.nextVersion();
  }

  private LicenseClaim end(UnitOfWork changes, ClaimLifecycle.Transition transition, ChangeType type, String reason, boolean toWaitlist) {
    LicenseClaim before = transition.before();
    if (toWaitlist) {
      // the account the freed seat goes to is locked before the claim's pool row (accounts, then pools)
      waitlist().holdWaiting(changes, before.product(), 1);
    }
    LicenseClaim after = apply(transition);
    releaseSeat(before.pool());
    changes.record(type, "claim", before.id())
        .user(before.user()).product(before.product()).before(before).after(after).reason(Optional.of(reason))
        .attributes(java.util.Map.of("pool", before.pool().value(), "previousStatus", before.status().name()))
        .done();
    if (toWaitlist) {
      // the freed seat goes to the head of the product's waitlist in this same transaction
      waitlist().fill(changes, before.product());
    }
    return after;
  }

  private LicenseClaim apply(ClaimLifecycle.Transition transition) {
    if (transition.refusal().isPresent()) {
      throw new ConflictException(transition.refusal().get().code(), transition.refusal().get().message());
    }
    LicenseClaim after = transition.after().orElseThrow();
    if (!store.claims().compareAndSet(tenant, transition.before().status(), after)) {
      throw changed(transition.before());
    }
    return after.nextVersion();
  }

  /** Gives a seat back; a counter already at zero has drifted, which is logged and counted, not hidden. */
  private void releaseSeat(org.licensekit.core.domain.PoolId pool) {
    if (!store.pools().releaseSeat(tenant, pool)) {
      org.licensekit.core.SeatCounterDrift.recordReleaseAtZero(tenant, pool);
    }
  }

  private static ConflictException changed(LicenseClaim claim) {
    return new ConflictException(ErrorCode.CLAIM_CHANGED_CONCURRENTLY, "Claim " + claim.id() + " changed while this command ran; read it again and retry");
  }

  // Seat moves of renewals and seasonal adjustments (issue 5).

  /**
   * Moves a live claim to another pool of its product, keeping its status: takes a seat of
   * {@code to} first, then gives the old pool's seat back.
   */
  public LicenseClaim move(UnitOfWork changes, LicenseClaim claim, LicensePool to, Optional<java.time.Instant> expiresAt, String reason) {
    // the account the freed seat goes to is locked before either pool row (accounts, then pools)
    waitlist().holdWaiting(changes, claim.product(), 1);
    // then both pools' rows in id order (the product's pools, as the waitlist holds them): a move
    // the other way takes its target's seat first, which is this move's source
    store.waitlist().lock(tenant, claim.product());
    if (!store.pools().tryTakeSeat(tenant, to.id())) {
      throw new ConflictException(ErrorCode.NOT_ENOUGH_SEATS, "Pool " + to.id() + " has no free seat for claim " + claim.id());
    }
    LicenseClaim after = LicenseClaim.builder().from(claim).pool(to.id()).expiresAt(expiresAt).build();
    if (!store.claims().compareAndSet(tenant, claim.status(), after)) {
      throw changed(claim);
    }
    releaseSeat(claim.pool());
    changes.record(ChangeType.CLAIM_MOVED, "claim", claim.id())
        .user(claim.user()).product(claim.product()).before(claim).after(after).reason(Optional.of(reason))
        .attributes(java.util.Map.of("pool", to.id().value(), "previousPool", claim.pool().value()))
        .done();
    // a seat freed in a scoped pool may serve a waiting user the new pool's seat could not
    waitlist().fill(changes, claim.product());
    return after.nextVersion();
  }

  /**
   * Inserts {@code claim} — a live claim in a pool the caller chose, such as a transferred seat —
   * taking a seat of its pool.
   */
  public LicenseClaim assignInPool(UnitOfWork changes, LicenseClaim claim) {
    if (!claim.live()) {
      throw new IllegalArgumentException("only a live claim takes a seat: " + claim.id());
    }
    if (!store.pools().tryTakeSeat(tenant, claim.pool())) {
      throw new ConflictException(ErrorCode.NOT_ENOUGH_SEATS, "Pool " + claim.pool() + " has no free seat");
    }
    if (!store.claims().insertIfNoLiveClaim(tenant, claim)) {
      throw new ConflictException(ErrorCode.ALREADY_HOLDS_PRODUCT, "User " + claim.user() + " already holds " + claim.product());
    }
    recordAssigned(changes, claim);
    waitlist().leave(changes, claim.user(), claim.product(), "given a seat");
    return claim;
  }
  /**
   * A new pending claim of {@code product} in {@code pool}, assigned now by the change's actor: the
   * one shape of every assignment (single, bulk chunk, transfer); callers add the reason or expiry.
   */
  public static ImmutableLicenseClaim.Builder pending(UnitOfWork changes, UserId user, ProductId product, PoolId pool,
      boolean direct) {
    return LicenseClaim.builder()
        .id(ClaimId.of(UUID.randomUUID().toString()))
        .user(user)
        .product(product)
        .pool(pool)
        .status(ClaimStatus.PENDING)
        .direct(direct)
        .assignedAt(changes.now())
        .assignedBy(changes.actor());
  }

  /** The audit entry of a claim just assigned, with its pool. */
  public static void recordAssigned(UnitOfWork changes, LicenseClaim claim) {
    changes.record(ChangeType.CLAIM_ASSIGNED, "claim", claim.id())
        .user(claim.user()).product(claim.product()).after(claim).reason(claim.reason())
        .attributes(java.util.Map.of("pool", claim.pool().value()))
        .done();
  }
}
