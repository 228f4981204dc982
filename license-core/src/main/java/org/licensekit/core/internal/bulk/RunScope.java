package org.licensekit.core.internal.bulk;

import com.google.common.base.Suppliers;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.internal.directory.AccountWriter;
import org.licensekit.core.internal.directory.MembershipWriter;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.policy.Refusal;
import org.licensekit.core.policy.SeatChoice;
import org.licensekit.core.spi.LicenseStore;

/**
 * What every user of one bulk or lifecycle run shares: the writers, the role catalog and the
 * organization tree read once, and the seat check that lets a user be refused before anything of
 * theirs is written.
 */
public final class RunScope {

  private final LicenseStore store;
  private final TenantId tenant;
  private final ClaimWriter claims;
  private final MembershipWriter memberships;
  private final AccountWriter accounts;
  private final Supplier<TenantSettings> settings;
  private final OrganizationTree tree;
  private final ChunkTurn turn;

  public RunScope(LicenseStore store, TenantId tenant) {
    this(store, tenant, ChunkTurn.alone());
  }

  /** The scope of one chunk that waits for {@code turn} before it touches what the chunk before it may share. */
  RunScope(LicenseStore store, TenantId tenant, ChunkTurn turn) {
    this.turn = turn;
    this.store = store;
    this.tenant = tenant;
    this.claims = new ClaimWriter(store, tenant);
    this.memberships = new MembershipWriter(store, tenant, claims);
    this.accounts = new AccountWriter(store, tenant, claims, memberships);
    this.settings = Suppliers.memoize(() -> store.settings().get(tenant));
    this.tree = OrganizationTree.of(store.directory().listOrganizations(tenant));
  }

  public LicenseStore store() {
    return store;
  }

  public TenantId tenant() {
    return tenant;
  }

  public ClaimWriter claims() {
    return claims;
  }

  public MembershipWriter memberships() {
    return memberships;
  }

  /** The tenant's settings, read once per run: for early refusals only; a seat is given after a fresh check under the account's lock. */
  public TenantSettings settings() {
    return settings.get();
  }

  AccountWriter accounts() {
    return accounts;
  }

  OrganizationTree tree() {
    return tree;
  }

  /**
   * Waits until the chunk before this one (when chunks overlap) committed: called before the chunk
   * writes anything another chunk's users could share — claims (their pool's counters), seats, the
   * waitlist — and before its audit entries.
   */
  void awaitTurn() {
    turn.await();
  }

  /**
   * Waits for the turn and says the next chunk must see this one committed before it reads: the
   * chunk serves or joins a waitlist, or goes one user at a time.
   */
  void exclusive() {
    turn.await();
    turn.exclusive();
  }

  /**
   * Whether no chunk of this scope has done what reaches beyond its own users' rows — served or
   * joined a waitlist, or gone one user at a time ({@link #exclusive}) — so far.
   */
  boolean quiet() {
    return turn.quiet();
  }

  public Optional<UserAccount> user(UserId id) {
    return store.directory().findUser(tenant, id);
  }

  /**
   * A free seat while users wait for one of {@code products} (a pool whose term started before the
   * sweep ran) goes to the queue first, in queue order, before any user of the run is decided: a
   * grant then decides each user from the pools and the claims as the queue left them, so the
   * set-based chunk ({@code ChunkGrant}) and the single-user path ({@code MembershipActions#add})
   * see the same, and a user the check finds a seat for is not left without one by a queue served
   * only when the seat is taken. Accounts are locked before pools: the chunk holds its users'
   * accounts before calling this; the single-user path names its user in {@code hold}, whose
   * account (with the tenant's settings) is held first when a queue is to be served. The waiting
   * users served are locked by the queue as it serves them.
   */
  void serveWaitingFirst(UnitOfWork changes, Set<ProductId> products, Optional<UserId> hold) {
    boolean held = false;
    for (ProductId product : products.stream().sorted().toList()) {
      boolean free = store.pools().listForProduct(tenant, product).stream()
          .anyMatch(usage -> usage.free() > 0 && usage.pool().term().contains(changes.now()));
      if (free && store.waitlist().anyWaiting(tenant, product)) {
        exclusive();
        if (!held && hold.isPresent()) {
          Lookups.held(store, changes, hold.get());
          held = true;
        }
        claims.waitlist().fill(changes, product);
      }
    }
  }

  /** The products of {@code products} the user holds no live claim of. */
  Set<ProductId> missing(UserId user, Set<ProductId> products) {
    return products.stream()
        .filter(product -> store.claims().findLive(tenant, user, product).isEmpty())
        .collect(com.google.common.collect.ImmutableSortedSet.toImmutableSortedSet(java.util.Comparator.naturalOrder()));
  }

  /**
   * The refusal when some product has no pool with a free seat serving {@code organizations} (with
   * their ancestors) at {@code changes.now()}; empty when every product can be assigned.
   */
  public Optional<UserOutcome> seatRefusal(UnitOfWork changes, UserId user, Set<ProductId> products, Collection<OrganizationId> organizations) {
    Set<OrganizationId> serving = tree.withAncestors(organizations);
    for (ProductId product : products) {
      List<PoolUsage> pools = store.pools().listForProduct(tenant, product);
      if (SeatChoice.candidates(product, pools, serving, changes.now()).isEmpty()) {
        Refusal refusal = SeatChoice.refusal(product, pools, serving, changes.now());
        return Optional.of(UserOutcome.refusedForSeat(user, product, refusal.code(), refusal.message()));
      }
    }
    return Optional.empty();
  }

  /**
   * Queues the user for each of {@code products} whose every pool serving {@code organizations}
   * (with their ancestors) is full, after {@code refusal} refused the user for want of seats: they
   * wait for each as a direct assignment, since the run granted them nothing. Returns the refusal,
   * naming the places; any other refusal is returned as it is.
   */
  public UserOutcome queueForSeats(UnitOfWork changes, UserId user, Set<ProductId> products, Collection<OrganizationId> organizations,
      String reason, UserOutcome refusal) {
    if (!refusal.code().filter(AssignmentRefusal.NO_SEAT_AVAILABLE::equals).isPresent()) {
      return refusal;
    }
    exclusive();
    Set<OrganizationId> serving = tree.withAncestors(organizations);
    List<String> places = new java.util.ArrayList<>();
    for (ProductId product : com.google.common.collect.ImmutableSortedSet.copyOf(products)) {
      if (store.claims().findLive(tenant, user, product).isEmpty()) {
        claims.waitlist().queueIfFull(changes, user, product, true, "bulk action: " + reason, serving)
            .position().ifPresent(place -> places.add(product + " at place " + place));
      }
    }
    return places.isEmpty() ? refusal
        : new UserOutcome(user, refusal.kind(), refusal.code(), refusal.detail() + "; waiting for " + String.join(", ", places),
            refusal.product());
  }

  /** Assigns products the seat check allowed; a seat taken meanwhile by another instance aborts the user's work. */
  public AssignmentResult assignChecked(UnitOfWork changes, UserId user, Set<ProductId> products, String reason) {
    AssignmentResult result = claims.assign(changes, user, products, false, Optional.of(reason));
    if (!result.complete()) {
      throw new ConflictException(ErrorCode.SEATS_TAKEN_CONCURRENTLY,
          "Seats of " + result.refused().get(0).product() + " were taken while the bulk action ran");
    }
    return result;
  }
}
