package org.licensekit.core.internal.reports;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.api.report.Discrepancy;
import org.licensekit.core.api.report.DiscrepancyKind;
import org.licensekit.core.api.report.FixAction;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolSeats;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.internal.claims.PoolClaimPages;
import org.licensekit.core.internal.directory.MembershipWriter;
import org.licensekit.core.policy.ReconciliationPolicy;
import org.licensekit.core.spi.ReconciliationStore;
import org.licensekit.core.spi.report.PoolSeatsQuery;

/**
 * Finds license-count discrepancies and fixes them in one command: claim-level fixes first (in
 * {@link DiscrepancyKind} order, each claim changed at most once), then over-allocated pools and
 * seat counters as they stand after those. Every fix goes through the claim lifecycle or the
 * counter's compare-and-set and is audited, so a second run finds nothing and changes nothing.
 */
final class Reconciler {

  /** The most discrepancies of one kind one run handles. */
  static final int LIMIT_PER_KIND = 10_000;

  private static final Comparator<Discrepancy> ORDER = Comparator.comparing(Discrepancy::kind)
      .thenComparing(Discrepancy::product)
      .thenComparing(Discrepancy::pool)
      .thenComparing(d -> d.claim().map(ClaimId::value).orElse(""));

  private final Context context;
  private final ClaimWriter claims;

  Reconciler(Context context) {
    this.context = context;
    this.claims = new ClaimWriter(context.store(), context.tenant());
  }

  ReconciliationResult reconcile(boolean dryRun) {
    if (dryRun) {
      Instant now = context.ports().clock().instant();
      List<Discrepancy> found = context.store().transactions().inTransaction(() -> find(now));
      return new ReconciliationResult(now, true, found, 0, 0);
    }
    return context.run(changes -> {
      List<Discrepancy> found = find(changes.now());
      int changed = applyClaimFixes(changes, found);
      changed += fixOverAllocation(changes);
      int corrected = correctCounters(changes);
      return new ReconciliationResult(changes.now(), false, found, changed, corrected);
    });
  }

  private List<Discrepancy> find(Instant now) {
    ReconciliationStore finder = context.store().reconciliation();
    List<Discrepancy> found = new ArrayList<>();
    found.addAll(ReconciliationPolicy.claims(DiscrepancyKind.CLAIM_PAST_EXPIRY, finder.liveClaimsPastExpiry(context.tenant(), now, LIMIT_PER_KIND)));
    found.addAll(ReconciliationPolicy.claims(DiscrepancyKind.ARCHIVED_USER_HOLDS_SEAT,
        finder.liveClaimsOfUsers(context.tenant(), Set.of(AccountStatus.ARCHIVED), LIMIT_PER_KIND)));
    if (!context.store().settings().get(context.tenant()).suspendedUsersKeepSeats()) {
      found.addAll(ReconciliationPolicy.claims(DiscrepancyKind.SUSPENDED_USER_HOLDS_SEAT,
          finder.liveClaimsOfUsers(context.tenant(), Set.of(AccountStatus.SUSPENDED), LIMIT_PER_KIND)));
    }
    List<LicenseClaim> sharing = finder.liveClaimsSharingEmail(context.tenant(), LIMIT_PER_KIND);
    found.addAll(ReconciliationPolicy.duplicates(sharing, emailsOf(sharing)));
    found.addAll(ReconciliationPolicy.claims(DiscrepancyKind.UNJUSTIFIED_CLAIM, finder.liveClaimsWithoutGrant(context.tenant(), LIMIT_PER_KIND)));
    // a claim an earlier kind ends already is not moved as well
    Set<ClaimId> ended = found.stream().flatMap(d -> d.claim().stream()).collect(Collectors.toSet());
    found.addAll(ReconciliationPolicy.claims(DiscrepancyKind.CLAIM_OUTSIDE_POOL_SCOPE,
        ClaimsOutsideScope.find(context.store(), context.tenant(), context.ports().pageSize(), LIMIT_PER_KIND).stream()
            .filter(claim -> !ended.contains(claim.id())).toList()));
    for (PoolSeats pool : poolSeats(now)) {
      if (pool.live() > pool.pool().seats()) {
        overAllocation(pool).ifPresent(found::add);
      }
      ReconciliationPolicy.counter(pool).ifPresent(found::add);
    }
    return found.stream().sorted(ORDER).collect(ImmutableList.toImmutableList());
  }

  private Map<UserId, String> emailsOf(List<LicenseClaim> claims) {
    return claims.stream().map(LicenseClaim::user).distinct()
        .flatMap(user -> context.store().directory().findUser(context.tenant(), user).stream())
        .collect(Collectors.toMap(UserAccount::id, UserAccount::email, (a, b) -> a));
  }

  private List<PoolSeats> poolSeats(Instant now) {
    return context.store().reports().poolSeats(context.tenant(), new PoolSeatsQuery(Optional.empty(), now));
  }

  /** Walks the pool's live claims a page at a time, keeping only the ones it would revoke. */
  private Optional<Discrepancy> overAllocation(PoolSeats pool) {
    ReconciliationPolicy.OverAllocation walk = ReconciliationPolicy.overAllocation(pool);
    PoolClaimPages.forEach(context.store(), context.tenant(), pool.pool().id(), context.ports().pageSize(),
        page -> page.forEach(walk::offer));
    return walk.discrepancy();
  }

  private int applyClaimFixes(UnitOfWork changes, List<Discrepancy> found) {
    int changed = 0;
    for (Discrepancy d : found) {
      if (d.kind() == DiscrepancyKind.POOL_OVER_ALLOCATED || d.kind() == DiscrepancyKind.SEAT_COUNT_MISMATCH) {
        continue;
      }
      for (ClaimId id : d.fix().claims()) {
        changed += end(changes, id, d.fix().action(), d.kind());
        if (changed % context.ports().pageSize() == 0) {
          changes.flush();
        }
      }
    }
    return changed;
  }

  private int fixOverAllocation(UnitOfWork changes) {
    int changed = 0;
    for (PoolSeats pool : poolSeats(changes.now())) {
      if (pool.live() <= pool.pool().seats()) {
        continue;
      }
      Optional<Discrepancy> d = overAllocation(pool);
      for (ClaimId id : d.map(x -> x.fix().claims()).orElse(List.of())) {
        changed += end(changes, id, FixAction.REVOKE_CLAIMS, DiscrepancyKind.POOL_OVER_ALLOCATED);
      }
      changes.flush();
    }
    return changed;
  }

  private int correctCounters(UnitOfWork changes) {
    int corrected = 0;
    for (PoolSeats pool : poolSeats(changes.now())) {
      if (pool.seatsInUse() != pool.live()
          && context.store().reconciliation().correctSeatsInUse(context.tenant(), pool.pool().id(), pool.seatsInUse(), pool.live())) {
        changes.record(ChangeType.SEAT_COUNT_CORRECTED, "pool", pool.pool().id())
            .product(pool.pool().product())
            .before("seatsInUse=" + pool.seatsInUse())
            .after("seatsInUse=" + pool.live())
            .reason(Optional.of("reconciliation: " + DiscrepancyKind.SEAT_COUNT_MISMATCH))
            .attributes(Map.of("seatsInUse", Integer.toString(pool.live()), "previousSeatsInUse", Integer.toString(pool.seatsInUse())))
            .done();
        corrected++;
      }
    }
    return corrected;
  }

  /** Ends the claim if it is still live (moving it: its holder's seats outside their pools' scopes); returns the claims ended. */
  private int end(UnitOfWork changes, ClaimId id, FixAction action, DiscrepancyKind kind) {
    Optional<LicenseClaim> claim = context.store().claims().find(context.tenant(), id).filter(LicenseClaim::live);
    if (claim.isEmpty()) {
      return 0;
    }
    String reason = "reconciliation: " + kind;
    if (action == FixAction.MOVE_CLAIMS) {
      // the same rule as leaving an organization, read again now: one call moves every such seat of the user
      return new MembershipWriter(context.store(), context.tenant(), claims)
          .releaseSeatsOutsideScope(changes, claim.get().user(), reason).released().size();
    }
    if (action == FixAction.EXPIRE_CLAIMS) {
      claims.expire(changes, claim.get(), reason);
    } else {
      claims.revoke(changes, claim.get(), reason);
    }
    return 1;
  }
}
