package org.licensekit.core.internal.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.CommandCombiner;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.policy.SeatChoice;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.PoolStore;

/**
 * Concurrent single assignments of one product ({@code Assignments#assignProduct}) run set-based
 * in a combined batch: the product, its pools with "does anyone wait", and the batch's users' live
 * claims of it are read once for the whole batch; each assignment is decided in memory as
 * {@link ClaimWriter#assign} would decide it run alone after the ones before it (seats counted
 * down per pool in {@link SeatChoice}'s order); then the batch's claims are written with one
 * insert and each pool gives its seats with one conditional change for the batch's count — last,
 * so the pool's row is held only from there to the commit. A seat taken by another writer
 * meanwhile fails the plan ({@code SEATS_TAKEN_CONCURRENTLY}): it is undone and each assignment
 * runs on its own.
 *
 * <p>Only the plain case is decided here; an assignment that could write or answer anything else
 * is left to run on its own, behind its savepoint in the same transaction (after this plan's
 * writes, so it sees the seats taken): a user who is unknown or may not be given a seat (the
 * refusal is theirs to get), holds a live claim of the product (it may have to be made direct or
 * expired), or is named a second time in the batch, and an assignment no pool has a seat for (it
 * queues). The whole batch is left so when the product does not exist or has prerequisites
 * (training is assigned with it), when anyone waits for it (the queue is served first), or when a
 * pool of it is scoped to an organization (seat choice reads each user's organizations).
 *
 * @param store the store of the batch's transaction
 * @param tenant the tenant of the lane
 * @param product the product every assignment of the lane names
 */
public record AssignmentBatch(LicenseStore store, TenantId tenant, ProductId product) implements CommandCombiner.SetBased {

  /**
   * One assignment of the batch.
   *
   * @param user the user to assign the product to
   * @param reason the reason, as the command was given it
   */
  public record Ask(UserId user, String reason) {}

  @Override
  public List<Optional<Object>> run(List<Member> members) {
    List<Optional<Object>> values = new ArrayList<>(Collections.nCopies(members.size(), Optional.empty()));
    Optional<Product> found = store.catalog().findProduct(tenant, product);
    if (found.isEmpty() || !found.get().prerequisites().isEmpty()) {
      return values;
    }
    PoolStore.ProductSeats seats = store.pools().listForAssignment(tenant, product, store.waitlist());
    if (seats.anyWaiting() || seats.pools().stream().anyMatch(usage -> usage.pool().scope().isPresent())) {
      return values;
    }
    List<UserId> users = members.stream().map(member -> ((Ask) member.argument()).user()).distinct().toList();
    Set<UserId> holding = store.claims().findLiveOfUsers(tenant, users, Set.of(product)).stream()
        .map(LicenseClaim::user).collect(Collectors.toSet());
    Map<PoolId, Integer> taken = new TreeMap<>();
    Set<UserId> named = new HashSet<>();
    List<LicenseClaim> claims = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Ask ask = (Ask) members.get(i).argument();
      UnitOfWork changes = members.get(i).changes();
      if (!named.add(ask.user()) || holding.contains(ask.user()) || !assignable(changes, ask.user())) {
        continue;
      }
      List<LicensePool> candidates = SeatChoice.candidates(product, counted(seats.pools(), taken), Set.of(), changes.now());
      if (candidates.isEmpty()) {
        continue;
      }
      LicensePool pool = candidates.get(0);
      taken.merge(pool.id(), 1, Integer::sum);
      LicenseClaim claim = ClaimWriter.pending(changes, ask.user(), product, pool.id(), true).reason(Optional.of(ask.reason())).build();
      claims.add(claim);
      ClaimWriter.recordAssigned(changes, claim);
      values.set(i, Optional.of(new AssignmentResult(List.of(claim), List.of(), List.of())));
    }
    if (claims.isEmpty()) {
      return values;
    }
    store.claims().insertLive(tenant, claims);
    taken.forEach((pool, count) -> {
      if (!store.pools().tryTakeSeats(tenant, pool, count)) {
        throw new ConflictException(ErrorCode.SEATS_TAKEN_CONCURRENTLY,
            "Seats of pool " + pool + " were taken while a batch of assignments ran");
      }
    });
    return values;
  }

  /** Whether the batch holds the user's account and may give them a seat, as the single path checks it. */
  private static boolean assignable(UnitOfWork changes, UserId user) {
    Optional<UserAccount> account = changes.heldAccount(user);
    return account.isPresent() && changes.heldSettings()
        .filter(settings -> AccountLifecycle.assignable(account.get(), settings).isEmpty()).isPresent();
  }

  /** The pools as read, with the seats this batch has counted so far in use. */
  private static List<PoolUsage> counted(List<PoolUsage> pools, Map<PoolId, Integer> taken) {
    if (taken.isEmpty()) {
      return pools;
    }
    return pools.stream().map(usage -> new PoolUsage(usage.pool(), usage.seatsInUse() + taken.getOrDefault(usage.pool().id(), 0))).toList();
  }
}
