package org.licensekit.core.internal.bulk;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.licensekit.core.LicensingException;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.internal.claims.SeatWaitlist;
import org.licensekit.core.internal.directory.MembershipWriter;
import org.licensekit.core.internal.directory.Registration;
import org.licensekit.core.policy.OrganizationReach;
import org.licensekit.core.policy.Refusal;
import org.licensekit.core.policy.SeatChoice;

/**
 * Registers a whole chunk of new users at once: the set-based path of {@link Registration}, with
 * the same checks, outcomes, audit entries, events and invitations in the same order. Every user
 * is checked in memory (fields, the records named, the actor's reach), their ids and e-mail
 * addresses against the store with one query each and against the chunk's earlier users; each user
 * is decided in input order, seats counted down per pool as the single registration
 * would take them; then the accounts, memberships with their roles and claims are written as
 * batches and each pool gives the chunk's seats with one conditional change. A user whose products
 * need prerequisites (training is assigned per user) goes through the single registration; the
 * waitlist is asked as a single assignment asks it — when a product's serving pools are full, and
 * when users wait while a seat is free (they are served first) — after the chunk has written what it
 * counted.
 */
final class ChunkRegistration {

  private final Context context;
  private final RunScope scope;
  private final Registration registration;
  private final Map<ProductId, Boolean> needsTraining = new HashMap<>();
  private final Map<List<Object>, Set<RoleId>> rolesByRequest = new HashMap<>();
  private final Map<ProductId, Boolean> waiting = new HashMap<>();
  /** The organizations (with ancestors) that serve a user, per set of organizations named. */
  private final Map<Set<OrganizationId>, Set<OrganizationId>> servingOf = new HashMap<>();

  ChunkRegistration(Context context, RunScope scope) {
    this.context = context;
    this.scope = scope;
    this.registration = new Registration(context);
  }

  /** Registers {@code page}'s users inside the caller's transaction; one outcome per user, in page order. */
  List<UserOutcome> apply(UnitOfWork changes, List<NewUser> page, SeatTally tally) {
    List<Checked> checked = check(page);
    // nothing to lock: a free id has no row, and one taken meanwhile fails the insert of the chunk's accounts
    Set<UserId> takenIds = scope.store().directory().existingUsers(scope.tenant(),
        checked.stream().filter(Checked::valid).map(c -> c.request.id()).toList());
    Set<UserId> seenIds = new HashSet<>(takenIds);
    ChunkSeats seats = new ChunkSeats(scope);
    Writes writes = new Writes();
    List<UserOutcome> outcomes = new ArrayList<>(page.size());
    for (Checked user : checked) {
      if (!user.valid()) {
        outcomes.add(user.refusal.orElseThrow());
        continue;
      }
      NewUser request = user.request;
      // a refused user is not written, so only registered users' ids are taken; an e-mail address
      // another account has is accepted, as by the single registration (reconciliation reports them)
      if (seenIds.contains(request.id())) {
        outcomes.add(refused(request.id(), Registration.duplicateUser(request.id())));
        continue;
      }
      seenIds.add(request.id());
      Set<ProductId> products = scope.memberships().productsOf(user.roles);
      tally.need(products);
      if (products.stream().anyMatch(this::needsTraining)) {
        writes.write(seats); // the single registration reads the pools and the users from the store
        scope.exclusive();
        outcomes.add(registration.register(changes, request, user.roles).outcome());
      } else {
        outcomes.add(register(changes, request, user.roles, products, seats, writes));
      }
    }
    writes.write(seats);
    return outcomes;
  }

  /** Each request normalized and checked in the single registration's order; reads nothing per user. */
  private List<Checked> check(List<NewUser> page) {
    OrganizationReach reach = context.reach();
    List<Checked> checked = new ArrayList<>(page.size());
    for (NewUser raw : page) {
      NewUser request = Registration.normalized(raw);
      try {
        registration.checkReach(request, reach);
        registration.checkInput(request);
        checked.add(new Checked(request, rolesFor(request), Optional.empty()));
      } catch (LicensingException refusal) {
        checked.add(new Checked(request, Set.of(), Optional.of(refused(request.id(), refusal))));
      }
    }
    return checked;
  }

  /** {@link Registration#rolesFor}, remembered per job profile, roles and organizations named, so a chunk reads each once. */
  private Set<RoleId> rolesFor(NewUser request) {
    List<Object> named = List.of(request.jobProfile(), request.additionalRoles(), request.organizations());
    Set<RoleId> roles = rolesByRequest.get(named);
    if (roles == null) {
      roles = registration.rolesFor(request);
      rolesByRequest.put(named, roles);
    }
    return roles;
  }

  /** Whether anyone waits for the product, read once per chunk until the chunk queues or serves someone. */
  private boolean waiting(ProductId product) {
    return waiting.computeIfAbsent(product, p -> scope.store().waitlist().anyWaiting(scope.tenant(), p));
  }

  private boolean needsTraining(ProductId product) {
    return needsTraining.computeIfAbsent(product, p -> scope.store().catalog().findProduct(scope.tenant(), p)
        .map(definition -> !definition.prerequisites().isEmpty()).orElse(false));
  }

  private static UserOutcome refused(UserId user, LicensingException refusal) {
    return UserOutcome.refused(user, refusal.code(), refusal.getMessage());
  }

  /** One checked user registered in memory, audited as {@link Registration#register} audits. */
  private UserOutcome register(UnitOfWork changes, NewUser request, Set<RoleId> roles, Set<ProductId> products, ChunkSeats seats,
      Writes writes) {
    UserAccount user = Registration.account(request, changes);
    writes.users.add(user);
    Registration.recordRegistered(changes, user);
    for (OrganizationId organization : request.organizations()) {
      Membership membership = Membership.of(user.id(), organization, roles);
      writes.memberships.add(membership);
      MembershipWriter.recordEnrolled(changes, membership);
    }
    Set<OrganizationId> serving = servingOf.computeIfAbsent(request.organizations(), scope.tree()::withAncestors);
    List<LicenseClaim> assigned = new ArrayList<>();
    List<AssignmentRefusal> refusals = new ArrayList<>();
    for (ProductId product : new TreeSet<>(products)) {
      Optional<LicensePool> pool = seats.choose(product, serving, changes);
      if (pool.isPresent() && waiting(product)) {
        // as a single assignment does: a free seat while users wait goes to the queue first
        writes.write(seats);
        scope.exclusive();
        scope.claims().waitlist().fill(changes, product);
        waiting.remove(product);
        pool = seats.choose(product, serving, changes);
      }
      if (pool.isEmpty()) {
        Refusal refusal = SeatChoice.refusal(product, seats.pools(product), serving, changes.now());
        if (refusal.code().equals(AssignmentRefusal.NO_SEAT_AVAILABLE)) {
          writes.write(seats); // the waitlist holds and reads the pools, and names the user, in the store
          scope.exclusive();
          SeatWaitlist.Queueing queueing = scope.claims().waitlist()
              .queueIfFull(changes, user.id(), product, false, Registration.CLAIM_REASON, serving);
          waiting.remove(product);
          pool = queueing.candidates().stream().findFirst();
          refusal = queueing.refusal();
        }
        if (pool.isEmpty()) {
          refusals.add(new AssignmentRefusal(product, refusal.code(), refusal.message()));
          continue;
        }
      }
      seats.take(pool.get());
      LicenseClaim claim = ClaimWriter.pending(changes, user.id(), product, pool.get().id(), false)
          .reason(Registration.CLAIM_REASON).build();
      writes.claims.add(claim);
      // a new user's memberships are the ones this chunk writes: no other writer can add one to an account not yet committed
      request.organizations().stream().min(OrganizationId::compareTo)
          .ifPresent(first -> writes.firstOrganizations.put(user.id(), first));
      ClaimWriter.recordAssigned(changes, claim);
      assigned.add(claim);
    }
    Registration.invite(changes, request, user, assigned);
    return new RegistrationResult(user, new AssignmentResult(assigned, List.of(), refusals)).outcome();
  }

  /** A request after the checks: valid with the roles it grants, or refused. */
  private record Checked(NewUser request, Set<RoleId> roles, Optional<UserOutcome> refusal) {
    boolean valid() {
      return refusal.isEmpty();
    }
  }

  /** What the chunk writes, gathered while its users are decided and written as batches. */
  private final class Writes {
    private final Set<UserAccount> users = new LinkedHashSet<>();
    private final List<Membership> memberships = new ArrayList<>();
    private final List<LicenseClaim> claims = new ArrayList<>();
    /** Per user of {@link #claims} in an organization, the smallest organization id: each claim's organization key. */
    private final Map<UserId, OrganizationId> firstOrganizations = new HashMap<>();

    /**
     * Accounts, memberships with their roles, claims, then the seats; what was written is forgotten.
     * The accounts, memberships and role rows are the chunk's new users' own, written before its
     * turn (see {@link ChunkTurn}).
     */
    void write(ChunkSeats seats) {
      if (!users.isEmpty()) {
        scope.store().directory().insertUsers(scope.tenant(), ImmutableList.copyOf(users));
        users.clear();
      }
      if (!memberships.isEmpty()) {
        // the chunk's own new accounts: none has a membership or a claim yet
        scope.store().directory().enrollNewAccounts(scope.tenant(), ImmutableList.copyOf(memberships));
        memberships.clear();
      }
      scope.awaitTurn(); // a claim's insert updates its pool's counters: after the chunk before committed
      if (!claims.isEmpty()) {
        scope.store().claims().insertLive(scope.tenant(), ImmutableList.copyOf(claims), Map.copyOf(firstOrganizations));
        claims.clear();
        firstOrganizations.clear();
      }
      seats.takeFromStore();
    }
  }
}
