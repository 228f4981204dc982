package org.licensekit.core.internal.claims;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.spi.LicenseStore;

/**
 * The waitlist's place in the stores' lock order (accounts in id order, then the settings, then
 * pools): the accounts of the waiting users that freed or added seats would go to, locked before
 * any of the product's pool rows, and taken without waiting when they come before an account the
 * command already holds.
 */
final class WaitingAccountLocks {

  /** How many times {@link #hold} follows a queue that moved while it waited. */
  private static final int HOLD_ATTEMPTS = 4;

  private final LicenseStore store;
  private final TenantId tenant;
  private final ServingForecast forecast;

  WaitingAccountLocks(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
    this.forecast = new ServingForecast(store, tenant);
  }

  /** {@link SeatWaitlist#holdWaiting}. */
  void holdWaiting(UnitOfWork changes, ProductId product, int seats) {
    if (seats > 0) {
      hold(changes, product, store.waitlist().queue(tenant, product), seats);
    }
  }

  /**
   * Locks the users of {@code queue} the {@code seats} would serve ({@link SeatWaitlist#holdWaiting}),
   * then reads the queue again: a command that served one of them while this one waited for its
   * lock has taken them out, and the next one is locked in turn (a few times at most). A user held
   * here is not served by another command meanwhile: serving a waiting user takes their account's lock.
   */
  void hold(UnitOfWork changes, ProductId product, List<WaitlistEntry> queue, int seats) {
    if (queue.isEmpty() || seats <= 0) {
      return;
    }
    Set<UserId> held = new HashSet<>();
    for (int attempt = 0; attempt < HOLD_ATTEMPTS; attempt++) {
      List<UserId> toLock = forecast.wouldServe(changes, product, queue, seats, held).stream().filter(user -> !held.contains(user)).toList();
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

  /** {@link SeatWaitlist#holdWithQueuesOf}. */
  void holdWithQueuesOf(UnitOfWork changes, UserId user) {
    Set<ProductId> products = new TreeSet<>();
    store.claims().listForUser(tenant, user).stream().filter(LicenseClaim::live).map(LicenseClaim::product).forEach(products::add);
    TreeSet<UserId> accounts = new TreeSet<>();
    accounts.add(user);
    for (ProductId product : products) {
      List<WaitlistEntry> queue = store.waitlist().queue(tenant, product);
      if (!queue.isEmpty()) {
        int seats = QueueBatches.inTerm(store, tenant, product, changes.now()).stream().mapToInt(PoolUsage::free).sum() + 1;
        accounts.addAll(forecast.wouldServe(changes, product, queue, seats, Set.of()));
      }
    }
    if (accounts.size() > 1) {
      store.directory().lockUsers(tenant, accounts);
      changes.accountsHeldThrough(accounts.last());
    }
  }
}
