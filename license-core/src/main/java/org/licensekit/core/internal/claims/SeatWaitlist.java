package org.licensekit.core.internal.claims;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.internal.Grants;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.Refusal;
import org.licensekit.core.policy.SeatChoice;
import org.licensekit.core.policy.WaitlistPolicy;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notification;

/**
 * Every write of the seat waitlist: queueing a user refused for lack of seats, giving freed seats
 * to the head of the queue, and taking users out of it. Queueing and filling both hold the
 * product's pools ({@code WaitlistStore.lock}) and decide from the pools as they are once held, so
 * a seat freed by one transaction while another queues a user is never lost: whichever holds the
 * pools second sees the other's work.
 */
public final class SeatWaitlist {

  private final LicenseStore store;
  private final TenantId tenant;
  private final ClaimWriter claims;

  SeatWaitlist(LicenseStore store, TenantId tenant, ClaimWriter claims) {
    this.store = store;
    this.tenant = tenant;
    this.claims = claims;
  }

  /**
   * What queueing found once the product's pools were held.
   *
   * @param candidates pools serving the user that have a free seat after all (the user was not queued)
   * @param refusal why the user has no seat now
   * @param position the user's place in the queue when they wait
   */
  public record Queueing(List<LicensePool> candidates, Refusal refusal, Optional<Integer> position) {}

  /**
   * Holds the product's pools and, when none serving the user has a free seat, queues the user
   * (keeping their place when they wait already). When a serving pool has a free seat after all,
   * queues nothing and returns those pools to take the seat from.
   */
  public Queueing queueIfFull(UnitOfWork changes, UserId user, ProductId product, boolean direct, String reason,
      Set<OrganizationId> organizations) {
    List<PoolUsage> pools = store.waitlist().lock(tenant, product);
    List<LicensePool> candidates = SeatChoice.candidates(product, pools, organizations, changes.now());
    Refusal refusal = SeatChoice.refusal(product, pools, organizations, changes.now());
    if (!candidates.isEmpty() || !refusal.code().equals(AssignmentRefusal.NO_SEAT_AVAILABLE)) {
      return new Queueing(candidates, refusal, Optional.empty());
    }
    WaitlistEntry entry = WaitlistEntry.builder()
        .product(product).user(user).queuedAt(changes.now()).direct(direct).reason(reason).build();
    Optional<Integer> position;
    if (store.waitlist().append(tenant, entry)) {
      position = Optional.ofNullable(store.waitlist().positionsOf(tenant, user).get(product));
      changes.record(ChangeType.WAITLIST_JOINED, "waitlist", product + "/" + user)
          .user(user).product(product).after(entry).reason(Optional.of(reason))
          .attributes(Map.of("position", String.valueOf(position.orElse(0))))
          .done();
    } else {
      position = Optional.ofNullable(store.waitlist().positionsOf(tenant, user).get(product));
    }
    return new Queueing(List.of(), new Refusal(refusal.code(),
        refusal.message() + position.map(p -> "; the user waits at place " + p + " of its waitlist").orElse("")), position);
  }

  /**
   * Gives every free seat of the product to the users waiting for it, in queue order: a user a
   * free seat cannot serve now (out of every free pool's organization scope, prerequisites not
   * met, suspended while suspended users hold no seats) keeps their place and the seat goes to the
   * next; a user who should no longer wait leaves the queue. Returns the claims assigned.
   */
  public List<LicenseClaim> fill(UnitOfWork changes, ProductId product) {
    List<WaitlistEntry> waiting = store.waitlist().queue(tenant, product);
    if (waiting.isEmpty()) {
      // a user queued meanwhile by another transaction held these pools first, or will see this seat when it does
      return List.of();
    }
    // the accounts of those the free seats would serve, before the pools (accounts, then pools)
    int free = store.pools().listForProduct(tenant, product).stream()
        .filter(usage -> usage.pool().term().contains(changes.now())).mapToInt(PoolUsage::free).sum();
    hold(changes, product, waiting, free);
    List<PoolUsage> pools = new ArrayList<>(store.waitlist().lock(tenant, product));
    List<WaitlistEntry> queue = store.waitlist().queue(tenant, product);
    Optional<Product> definition = store.catalog().findProduct(tenant, product);
    if (definition.isEmpty()) {
      return List.of();
    }
    TenantSettings settings = store.settings().get(tenant);
    Grants grants = Grants.load(store, tenant);
    ImmutableList.Builder<LicenseClaim> assigned = ImmutableList.builder();
    Batches batches = new Batches(definition.get(), queue, free, false);
    for (int at = 0; at < queue.size(); at++) {
      WaitlistEntry entry = queue.get(at);
      if (pools.stream().noneMatch(usage -> usage.free() > 0 && usage.pool().term().contains(changes.now()))) {
        break;
      }
      WaitlistPolicy.Decision decision = batches.factsFor(at).decide(entry, settings, grants, changes.now());
      if (decision.verdict() == WaitlistPolicy.Verdict.DROP) {
        leave(changes, entry, decision.why());
        continue;
      }
      if (decision.verdict() == WaitlistPolicy.Verdict.KEEP) {
        continue;
      }
      List<LicensePool> candidates = SeatChoice.candidates(product, pools, claims.organizationsOf(entry.user()), changes.now());
      Optional<LicenseClaim> claim = claims.seatFromWaitlist(changes, entry, candidates);
      if (claim.isPresent()) {
        assigned.add(claim.get());
        served(changes, entry, claim.get());
        taken(pools, claim.get());
      }
    }
    return assigned.build();
  }

  /**
   * Holds the accounts of the users that {@code seats} seats freed or added now would go to (one
   * lock in id order): the first {@code seats} of the product's queue that could take a seat — a
   * user who keeps their place (suspended while suspended users hold no seats, prerequisites not
   * met, out of every pool's organization scope) or who would leave the queue is passed over, as
   * {@link #fill} passes them. The stores lock accounts before pools (the JDBC store's lock order),
   * so a command that will free or add seats of the product calls this before it locks or updates
   * any of the product's pool rows, and serving the queue ({@link #fill}) locks those its free seats
   * would serve before it locks the pools. Only those users are locked, not every waiting one: a
   * command holding its own user's account would otherwise wait for many others. A user served
   * whom this did not foresee (the queue or a user changed between this read and the pools' lock)
   * is locked when served, after the pools: the stores retry the rare deadlock that can make.
   */
  public void holdWaiting(UnitOfWork changes, ProductId product, int seats) {
    if (seats > 0) {
      hold(changes, product, store.waitlist().queue(tenant, product), seats);
    }
  }

  /**
   * Locks the users of {@code queue} the {@code seats} would serve ({@link #holdWaiting}), then reads
   * the queue again: a command that served one of them while this one waited for its lock has taken
   * them out, and the next one is locked in turn (a few times at most). A user held here is not
   * served by another command meanwhile: serving a waiting user takes their account's lock.
   */
  private void hold(UnitOfWork changes, ProductId product, List<WaitlistEntry> queue, int seats) {
    if (queue.isEmpty() || seats <= 0) {
      return;
    }
    java.util.Set<UserId> held = new java.util.HashSet<>();
    for (int attempt = 0; attempt < HOLD_ATTEMPTS; attempt++) {
      List<UserId> toLock = wouldServe(changes, product, queue, seats, held).stream().filter(user -> !held.contains(user)).toList();
      if (toLock.isEmpty()) {
        return;
      }
      lockInOrder(changes, toLock);
      held.addAll(toLock);
      queue = store.waitlist().queue(tenant, product);
    }
  }

  /**
   * Locks the accounts of {@code users} (waiting users a seat goes to) in the stores' lock order,
   * accounts in id order, although the command may hold an account already (its own user's, when
   * a grant or an assignment serves a queue): those after every account it holds are locked as they
   * come, in id order; those before its last are taken without waiting
   * ({@link org.licensekit.core.spi.DirectoryStore#tryLockUsers}). When another transaction holds
   * one of those, this attempt ends with a conflict and the command runs again holding all of them,
   * and its own, first ({@link UnitOfWork#holdFirstOnRetry}): it never waits for an account while
   * holding a later one, so two commands that each serve a queue the other's user waits in no longer
   * wait for each other in a cycle.
   */
  private void lockInOrder(UnitOfWork changes, List<UserId> users) {
    Optional<UserId> highest = changes.highestHeldAccount();
    List<UserId> earlier = users.stream()
        .filter(user -> highest.isPresent() && user.compareTo(highest.get()) < 0 && changes.heldAccount(user).isEmpty()).toList();
    List<UserId> later = users.stream().filter(user -> !earlier.contains(user) && changes.heldAccount(user).isEmpty()).toList();
    if (!earlier.isEmpty() && !store.directory().tryLockUsers(tenant, earlier)) {
      changes.holdFirstOnRetry(users);
      throw new ConflictException(ErrorCode.USER_CHANGED_CONCURRENTLY, "The account of a waiting user this command serves is held by"
          + " another command; the command runs again holding it first");
    }
    if (!later.isEmpty()) {
      store.directory().lockUsers(tenant, later);
    }
    users.stream().max(Comparator.naturalOrder()).ifPresent(changes::accountsHeldThrough);
  }

  /**
   * The first {@code seats} users of {@code queue} who could take a seat of the product now (those
   * in {@code held} count without a second look), read without a lock: whom {@link #fill} would
   * serve.
   */
  private List<UserId> wouldServe(UnitOfWork changes, ProductId product, List<WaitlistEntry> queue, int seats,
      java.util.Set<UserId> held) {
    Optional<Product> definition = store.catalog().findProduct(tenant, product);
    if (queue.isEmpty() || seats <= 0 || definition.isEmpty()) {
      return List.of();
    }
    List<PoolUsage> pools = inTerm(changes, product);
    TenantSettings settings = store.settings().get(tenant);
    Grants grants = Grants.load(store, tenant);
    List<UserId> served = new ArrayList<>();
    Batches batches = new Batches(definition.get(), queue, seats, scoped(pools));
    for (int at = 0; at < queue.size() && served.size() < seats; at++) {
      WaitlistEntry entry = queue.get(at);
      if (held.contains(entry.user())) {
        served.add(entry.user());
        continue;
      }
      WaitingFacts facts = batches.factsFor(at);
      if (facts.decide(entry, settings, grants, changes.now()).verdict() == WaitlistPolicy.Verdict.SERVE
          && facts.servedByAny(pools, entry.user())) {
        served.add(entry.user());
      }
    }
    return served;
  }

  private static boolean scoped(List<PoolUsage> pools) {
    return pools.stream().anyMatch(usage -> usage.pool().scope().isPresent());
  }

  /**
   * The queue's facts read a batch at a time as the walk reaches it ({@link WaitingFacts}): the first
   * batch twice the seats to give (at least {@value #MIN_BATCH} users), each next one twice the one
   * before (at most {@value #MAX_BATCH}), so a walk past many users who keep their place costs a few
   * statements per batch and a few batches, not a few statements per user.
   */
  private final class Batches {
    private final Product product;
    private final List<WaitlistEntry> queue;
    private final boolean scoped;
    private int size;
    private int end;
    private WaitingFacts facts;

    Batches(Product product, List<WaitlistEntry> queue, int seats, boolean scoped) {
      this.product = product;
      this.queue = queue;
      this.size = Math.max(MIN_BATCH, Math.min(MAX_BATCH, 2 * Math.max(seats, 1)));
      this.scoped = scoped;
    }

    /** The facts of the batch holding the {@code at}-th entry; the walk asks in queue order. */
    WaitingFacts factsFor(int at) {
      if (facts == null || at >= end) {
        end = Math.min(queue.size(), at + size);
        facts = WaitingFacts.read(store, tenant, product, queue.subList(at, end), scoped);
        size = Math.min(MAX_BATCH, 2 * size);
      }
      return facts;
    }
  }

  private static final int MIN_BATCH = 16;
  private static final int MAX_BATCH = 512;

  private List<PoolUsage> inTerm(UnitOfWork changes, ProductId product) {
    return store.pools().listForProduct(tenant, product).stream()
        .filter(usage -> usage.pool().term().contains(changes.now())).toList();
  }

  /**
   * Holds {@code user}'s account together with those of the waiting users that a command ending the
   * user's seats would give them to — one lock in id order, taken before the command holds any
   * account of its own. Without it, such a command holds
   * its user's account and then locks the waiting user's, and that user's own command, freeing a
   * seat the first user waits for, does the same the other way round. Called by the single commands
   * that hold their user and may free seats (a status change that takes seats, a removal from an
   * organization, a role revoked); the rest of the command then finds these accounts held. A role
   * grant, which serves the queues its user waits in, does not call it: its first statement stays
   * the one that holds the account and the settings. What it foresees is read unlocked, so a queue that changes before the pools are
   * locked may still make a seat go to a user not held here: the stores retry that rare deadlock.
   */
  public void holdWithQueuesOf(UnitOfWork changes, UserId user) {
    java.util.Set<ProductId> products = new java.util.TreeSet<>();
    store.claims().listForUser(tenant, user).stream().filter(LicenseClaim::live).map(LicenseClaim::product).forEach(products::add);
    java.util.TreeSet<UserId> accounts = new java.util.TreeSet<>();
    accounts.add(user);
    for (ProductId product : products) {
      List<WaitlistEntry> queue = store.waitlist().queue(tenant, product);
      if (!queue.isEmpty()) {
        int seats = inTerm(changes, product).stream().mapToInt(PoolUsage::free).sum() + 1;
        accounts.addAll(wouldServe(changes, product, queue, seats, java.util.Set.of()));
      }
    }
    if (accounts.size() > 1) {
      store.directory().lockUsers(tenant, accounts);
      changes.accountsHeldThrough(accounts.last());
    }
  }

  /** How many times {@link #hold} follows a queue that moved while it waited. */
  private static final int HOLD_ATTEMPTS = 4;

  /** Takes the user out of every queue they wait in (an archived account never waits). */
  public void leaveAll(UnitOfWork changes, UserId user, String why) {
    store.waitlist().positionsOf(tenant, user).keySet().forEach(product -> store.waitlist().queue(tenant, product).stream()
        .filter(entry -> entry.user().equals(user))
        .findFirst()
        .ifPresent(entry -> leave(changes, entry, why)));
  }

  /** Takes the user out of the product's queue, audited, when they wait in it. */
  public void leave(UnitOfWork changes, UserId user, ProductId product, String why) {
    if (store.waitlist().remove(tenant, product, user)) {
      changes.record(ChangeType.WAITLIST_LEFT, "waitlist", product + "/" + user)
          .user(user).product(product).reason(Optional.of(why))
          .done();
    }
  }

  /** Takes one waiting user out of the queue, audited. */
  public void leave(UnitOfWork changes, WaitlistEntry entry, String why) {
    if (store.waitlist().remove(tenant, entry.product(), entry.user())) {
      changes.record(ChangeType.WAITLIST_LEFT, "waitlist", entry.product() + "/" + entry.user())
          .user(entry.user()).product(entry.product()).before(entry).reason(Optional.of(why))
          .done();
    }
  }

  private void served(UnitOfWork changes, WaitlistEntry entry, LicenseClaim claim) {
    store.waitlist().remove(tenant, entry.product(), entry.user());
    changes.record(ChangeType.WAITLIST_SEAT_ASSIGNED, "waitlist", entry.product() + "/" + entry.user())
        .user(entry.user()).product(entry.product()).before(entry).after(claim)
        .attributes(Map.of("pool", claim.pool().value(), "claim", claim.id().value()))
        .done();
    store.directory().findUser(tenant, entry.user()).ifPresent(account -> changes.sendAfterCommit(Notification.builder()
        .tenant(tenant).kind(Notification.Kind.SEAT_ASSIGNED).user(account.id()).email(account.email()).name(account.name())
        .putAttributes("product", entry.product().value())
        .putAttributes("pool", claim.pool().value())
        .putAttributes("claim", claim.id().value())
        .build()));
  }

  /** Counts the seat just taken in the pools held, so the next waiting user sees it gone. */
  private static void taken(List<PoolUsage> pools, LicenseClaim claim) {
    for (int i = 0; i < pools.size(); i++) {
      PoolUsage usage = pools.get(i);
      if (usage.pool().id().equals(claim.pool())) {
        pools.set(i, new PoolUsage(usage.pool(), usage.seatsInUse() + 1));
      }
    }
  }
}
