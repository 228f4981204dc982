package org.licensekit.core.internal.bulk;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.policy.Refusal;
import org.licensekit.core.policy.SeatChoice;

/**
 * Adds memberships with roles (and assigns what the roles grant) to a whole chunk of users at once:
 * the set-based path of {@link MembershipActions#add}, with the same outcomes, audit entries and
 * events, in the same order. The chunk's users are locked and read in one statement, their
 * memberships and live claims in one each; each user is decided in memory (already, refused, or
 * done — seats counted down per pool as the single-user path would take them); then the role rows
 * and claims are written as batches and each pool gives its seats with one conditional change for
 * the chunk's count, last, so the pool's row is held as briefly as possible. A seat taken by
 * another instance meanwhile fails the chunk ({@code SEATS_TAKEN_CONCURRENTLY}), which the engine
 * redoes one user at a time.
 *
 * <p>Products with prerequisites are not handled here (assigning one also assigns training, per
 * user): {@link #handles} says so and the engine takes the single-user path. Nor is a chunk where a
 * user waiting for a seat of any product joins one of the organizations: the single-user path
 * serves that user's queues in the same transaction (a pool scoped to the organization may serve
 * them now), which may seat other users of the chunk, so such a chunk goes one user at a time.
 */
final class ChunkGrant {

  private final RunScope scope;
  private final BulkAction action;
  private final Set<OrganizationId> organizations;
  private final Set<RoleId> roles;
  private final Set<ProductId> products;
  private final List<OrganizationId> sortedOrganizations;
  private final String granted;
  private final String already;
  /** The organizations (with ancestors) that serve a user, per set of organizations after the grant. */
  private final Map<Set<OrganizationId>, Set<OrganizationId>> servingOf = new HashMap<>();

  ChunkGrant(RunScope scope, BulkAction action, Set<OrganizationId> organizations, Set<RoleId> roles) {
    this.scope = scope;
    this.action = action;
    this.organizations = organizations; // kept as given: the outcomes print them as the single-user path does
    this.roles = roles;
    this.products = scope.memberships().productsOf(roles);
    this.sortedOrganizations = ImmutableList.sortedCopyOf(organizations);
    this.granted = "granted " + roles + " in " + organizations;
    this.already = "already holds " + roles + " in " + organizations;
  }

  /** The set-based path for {@code action}, when it is a grant of roles (or an ADD of memberships) it handles. */
  static Optional<ChunkGrant> of(RunScope scope, BulkAction action) {
    ChunkGrant grant;
    if (action instanceof BulkAction.GrantRoles a) {
      grant = new ChunkGrant(scope, action, Set.of(a.organization()), a.roles());
    } else if (action instanceof BulkAction.ChangeOrganizations a
        && a.change() == BulkAction.MembershipChange.ADD) {
      grant = new ChunkGrant(scope, action, a.organizations(), a.roles());
    } else {
      return Optional.empty();
    }
    return grant.handles() ? Optional.of(grant) : Optional.empty();
  }

  /** Whether every product the roles grant can be assigned without training (no prerequisites). */
  boolean handles() {
    return products.stream().allMatch(product -> scope.store().catalog().findProduct(scope.tenant(), product)
        .map(p -> p.prerequisites().isEmpty()).orElse(true));
  }

  /** Applies the grant to {@code page}'s users inside the caller's transaction; one outcome per user, in page order. */
  List<UserOutcome> apply(UnitOfWork changes, List<UserId> page, String reason, SeatTally tally) {
    Map<UserId, AccountStatus> accounts = statuses(scope.store().directory().lockUsers(scope.tenant(), page));
    // read after the accounts are held, not once per run, and held: a settings change commits before or waits
    TenantSettings settings = scope.store().settings().hold(scope.tenant());
    Map<UserId, List<Membership>> memberships = scope.store().directory().membershipsOfUsers(scope.tenant(), accounts.keySet());
    if (joinsWhileWaiting(accounts.keySet(), memberships)) {
      // joining an organization serves the queues the user waits in (MembershipWriter), which may
      // give seats to other users of this chunk: decided together they would be stale, so one by one
      scope.exclusive();
      UserStep step = new UserStep(scope);
      return page.stream().map(user -> step.apply(changes, action, user, reason, tally)).toList();
    }
    // as the single-user path does for each user before deciding (MembershipActions#add); read after it, a
    // user of the chunk served from the queue is seen holding the product
    scope.serveWaitingFirst(changes, products, Optional.empty());
    Map<UserId, Set<ProductId>> held = new HashMap<>();
    if (!products.isEmpty()) {
      scope.store().claims().findLiveOfUsers(scope.tenant(), accounts.keySet(), products)
          .forEach(claim -> held.computeIfAbsent(claim.user(), u -> new HashSet<>()).add(claim.product()));
    }
    ChunkSeats seats = new ChunkSeats(scope);
    GrantWrites writes = new GrantWrites(scope, roles);
    List<UserOutcome> outcomes = new ArrayList<>(page.size());
    for (UserId id : page) {
      AccountStatus status = accounts.get(id);
      outcomes.add(status == null
          ? UserOutcome.refused(id, ErrorCode.NOT_FOUND.name(), "no user " + id)
          : decide(changes, id, status, settings, memberships.getOrDefault(id, List.of()), held.getOrDefault(id, Set.of()),
              seats, writes, reason, tally, false));
    }
    // a user refused for want of a seat was queued as they were decided (see decide), as the single-user path does
    writes.write(changes, seats);
    return outcomes;
  }

  /** The products the roles grant, whose pools a chunk decided ahead reads first ({@link ChunkSeats#readAhead}). */
  Set<ProductId> products() {
    return products;
  }

  /**
   * A chunk's users as read under their locks, before any of them is decided ({@link #readAhead}):
   * of each account, its status (all that {@link #decide} reads of it).
   */
  record Read(List<UserId> page, Map<UserId, AccountStatus> accounts, TenantSettings settings,
      Map<UserId, List<Membership>> memberships, Map<UserId, Set<ProductId>> held) {}

  /**
   * Reads the chunk's users as {@link #apply} does, on the transaction's thread, when no user waits
   * for a seat of the roles' products and no user of the chunk waits for any: then no waitlist is
   * served or joined, and the chunk may be {@linkplain #decideAhead decided} on another thread while
   * the chunk before it is written. Empty otherwise: {@link #apply} runs the chunk. The accounts are
   * not read again when the run holds them already ({@code held}: the statuses its hold pass read
   * as it locked them, which nothing can change while the run's transaction holds the locks, see
   * {@link HeldPages}); they are locked and read otherwise.
   */
  Optional<Read> readAhead(List<UserId> page, Optional<Map<UserId, AccountStatus>> held) {
    Map<UserId, AccountStatus> accounts = held.isPresent() ? held.get()
        : statuses(scope.store().directory().lockUsers(scope.tenant(), page));
    TenantSettings settings = scope.store().settings().hold(scope.tenant());
    Map<UserId, List<Membership>> memberships = scope.store().directory().membershipsOfUsers(scope.tenant(), accounts.keySet());
    if (joinsWhileWaiting(accounts.keySet(), memberships)
        || products.stream().anyMatch(product -> scope.store().waitlist().anyWaiting(scope.tenant(), product))) {
      return Optional.empty();
    }
    Map<UserId, Set<ProductId>> holding = new HashMap<>();
    if (!products.isEmpty()) {
      scope.store().claims().findLiveOfUsers(scope.tenant(), accounts.keySet(), products)
          .forEach(claim -> holding.computeIfAbsent(claim.user(), u -> new HashSet<>()).add(claim.product()));
    }
    return Optional.of(new Read(page, accounts, settings, memberships, holding));
  }

  /**
   * Decides a chunk {@linkplain #readAhead read ahead} without the store: {@code seats} were read
   * ahead, and what the users are given is recorded in {@code aside} and gathered in the result,
   * written later by {@link DecidedGrant#write} on the transaction's thread. The outcomes are those of
   * {@link #apply} with the same pools; empty when some user finds no seat, whom {@link #apply}
   * queues (which writes): the caller runs the chunk there instead.
   */
  Optional<DecidedGrant> decideAhead(Read read, ChunkSeats seats, UnitOfWork aside, String reason) {
    SeatTally tally = new SeatTally();
    GrantWrites writes = new GrantWrites(scope, roles);
    List<UserOutcome> outcomes = new ArrayList<>(read.page().size());
    try {
      for (UserId id : read.page()) {
        AccountStatus status = read.accounts().get(id);
        outcomes.add(status == null
            ? UserOutcome.refused(id, ErrorCode.NOT_FOUND.name(), "no user " + id)
            : decide(aside, id, status, read.settings(), read.memberships().getOrDefault(id, List.of()),
                read.held().getOrDefault(id, Set.of()), seats, writes, reason, tally, true));
      }
    } catch (NoSeatAhead lacking) {
      return Optional.empty();
    }
    return Optional.of(new DecidedGrant(outcomes, writes, seats, aside, tally));
  }

  /** A user decided ahead found no seat: the chunk is run by {@link #apply}, which queues them. */
  private static final class NoSeatAhead extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoSeatAhead() {
      super("no seat", null, false, false);
    }
  }

  /** Whether a user of the chunk who waits for a seat of any product would join one of the organizations. */
  private boolean joinsWhileWaiting(Set<UserId> users, Map<UserId, List<Membership>> memberships) {
    List<UserId> joining = users.stream()
        .filter(user -> !memberships.getOrDefault(user, List.of()).stream().map(Membership::organization).collect(Collectors.toSet())
            .containsAll(organizations))
        .toList();
    return !joining.isEmpty() && !scope.store().waitlist().waitingAmong(scope.tenant(), joining).isEmpty();
  }

  /** Each account's status, by id, in the accounts' order. */
  private static Map<UserId, AccountStatus> statuses(Map<UserId, UserAccount> accounts) {
    Map<UserId, AccountStatus> statuses = new LinkedHashMap<>();
    accounts.forEach((id, account) -> statuses.put(id, account.status()));
    return statuses;
  }

  private UserOutcome decide(UnitOfWork changes, UserId user, AccountStatus status, TenantSettings settings,
      List<Membership> current, Set<ProductId> held, ChunkSeats seats, GrantWrites writes, String reason, SeatTally tally,
      boolean ahead) {
    Optional<Refusal> unassignable = AccountLifecycle.assignable(user, status, settings);
    if (unassignable.isPresent()) {
      return UserOutcome.refused(user, unassignable.get().code(), unassignable.get().message());
    }
    Map<OrganizationId, Membership> byOrganization = current.stream()
        .collect(Collectors.toMap(Membership::organization, m -> m));
    Set<ProductId> missing = new TreeSet<>(Sets.difference(products, held));
    tally.need(missing);
    boolean membershipsHeld = organizations.stream()
        .allMatch(org -> byOrganization.containsKey(org) && byOrganization.get(org).roles().containsAll(roles));
    if (membershipsHeld && missing.isEmpty()) {
      return UserOutcome.already(user, already);
    }
    Set<OrganizationId> after = new HashSet<>(byOrganization.keySet());
    after.addAll(organizations);
    Set<OrganizationId> serving = servingOf.computeIfAbsent(after, scope.tree()::withAncestors);
    Map<ProductId, LicensePool> chosen = new TreeMap<>();
    for (ProductId product : missing) {
      Optional<LicensePool> pool = seats.choose(product, serving, changes);
      if (pool.isEmpty()) {
        if (ahead) {
          throw new NoSeatAhead(); // queueing writes: not on the thread deciding ahead
        }
        Refusal refusal = SeatChoice.refusal(product, seats.pools(product), serving, changes.now());
        // the waitlist reads the pools from the store: first take the seats the chunk counted so far
        writes.write(changes, seats);
        return scope.queueForSeats(changes, user, missing, after, reason,
            UserOutcome.refusedForSeat(user, product, refusal.code(), refusal.message()));
      }
      chosen.put(product, pool.get());
    }
    chosen.values().forEach(seats::take);
    for (OrganizationId org : sortedOrganizations) {
      writes.grant(changes, user, Optional.ofNullable(byOrganization.get(org)), org, reason);
    }
    // the memberships read after the user's account was taken, with this grant's: no other writer changes them before the commit
    OrganizationId first = Collections.min(after);
    chosen.forEach((product, pool) -> writes.assign(changes, user, first, product, pool, reason));
    String assigned = chosen.isEmpty() ? ""
        : "; assigned " + chosen.keySet().stream().map(ProductId::value).collect(Collectors.joining(","));
    return UserOutcome.done(user, granted + assigned);
  }
}
