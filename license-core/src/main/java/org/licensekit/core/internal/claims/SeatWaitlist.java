package org.licensekit.core.internal.claims;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>Whom freed seats would go to is forecast by {@link ServingForecast}, their accounts are locked
 * in the stores' lock order by {@link WaitingAccountLocks}, and a walk down the queue reads it a
 * batch at a time through {@link QueueBatches}; this class makes the serving decisions and writes.
 */
public final class SeatWaitlist {

  private final LicenseStore store;
  private final TenantId tenant;
  private final ClaimWriter claims;
  private final WaitingAccountLocks locks;

  SeatWaitlist(LicenseStore store, TenantId tenant, ClaimWriter claims) {
    this.store = store;
    this.tenant = tenant;
    this.claims = claims;
    this.locks = new WaitingAccountLocks(store, tenant);
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
    locks.hold(changes, product, waiting, free);
    List<PoolUsage> pools = new ArrayList<>(store.waitlist().lock(tenant, product));
    List<WaitlistEntry> queue = store.waitlist().queue(tenant, product);
    Optional<Product> definition = store.catalog().findProduct(tenant, product);
    if (definition.isEmpty()) {
      return List.of();
    }
    TenantSettings settings = store.settings().get(tenant);
    Grants grants = Grants.load(store, tenant);
    ImmutableList.Builder<LicenseClaim> assigned = ImmutableList.builder();
    QueueBatches batches = new QueueBatches(store, tenant, definition.get(), queue, free, false);
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
   * would serve before it locks the pools ({@link WaitingAccountLocks}). Only those users are
   * locked, not every waiting one: a command holding its own user's account would otherwise wait
   * for many others. A user served
   * whom this did not foresee (the queue or a user changed between this read and the pools' lock)
   * is locked when served, after the pools: the stores retry the rare deadlock that can make.
   */
  public void holdWaiting(UnitOfWork changes, ProductId product, int seats) {
    locks.holdWaiting(changes, product, seats);
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
    locks.holdWithQueuesOf(changes, user);
  }

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
