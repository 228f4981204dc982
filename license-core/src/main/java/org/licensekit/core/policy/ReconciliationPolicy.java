package org.licensekit.core.policy;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.licensekit.core.api.report.Discrepancy;
import org.licensekit.core.api.report.DiscrepancyKind;
import org.licensekit.core.api.report.FixAction;
import org.licensekit.core.api.report.ProposedFix;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.PoolSeats;

/**
 * Turns what the reconciliation finders return into discrepancies with proposed fixes: which
 * claims to expire or revoke, which account of a duplicated person keeps its license, which claims
 * of an over-allocated pool give their seats back, and what a pool's counter should say.
 */
public final class ReconciliationPolicy {

  private static final Comparator<LicenseClaim> OLDEST_FIRST =
      Comparator.comparing(LicenseClaim::assignedAt).thenComparing(LicenseClaim::id);

  /** The order in which an over-allocated pool gives claims back: pending before active, newest first. */
  private static final Comparator<LicenseClaim> VICTIMS_FIRST =
      Comparator.comparing((LicenseClaim c) -> c.status() == ClaimStatus.PENDING ? 0 : 1).thenComparing(OLDEST_FIRST.reversed());

  private ReconciliationPolicy() {}

  /** One discrepancy per claim for the claim-level kinds, each fixed by expiring or revoking that claim. */
  public static List<Discrepancy> claims(DiscrepancyKind kind, List<LicenseClaim> claims) {
    FixAction action = switch (kind) {
      case CLAIM_PAST_EXPIRY -> FixAction.EXPIRE_CLAIMS;
      case CLAIM_OUTSIDE_POOL_SCOPE -> FixAction.MOVE_CLAIMS;
      default -> FixAction.REVOKE_CLAIMS;
    };
    return claims.stream()
        .map(c -> claimFinding(kind, c, action, describe(kind, c)))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Duplicate assignments: within each group of claims of one product held by users sharing an
   * e-mail address, the earliest assigned (ties by claim id) stays and every other is a discrepancy.
   *
   * @param emails the e-mail address of every user among {@code claims}
   */
  public static List<Discrepancy> duplicates(List<LicenseClaim> claims, Map<UserId, String> emails) {
    Map<String, List<LicenseClaim>> groups = new LinkedHashMap<>();
    for (LicenseClaim claim : claims) {
      String email = InputRules.email(emails.getOrDefault(claim.user(), ""));
      groups.computeIfAbsent(email + "\n" + claim.product().value(), k -> new ArrayList<>()).add(claim);
    }
    List<Discrepancy> found = new ArrayList<>();
    for (List<LicenseClaim> group : groups.values()) {
      List<LicenseClaim> ordered = group.stream().sorted(OLDEST_FIRST).toList();
      LicenseClaim keeper = ordered.get(0);
      for (LicenseClaim extra : ordered.subList(1, ordered.size())) {
        found.add(claimFinding(DiscrepancyKind.DUPLICATE_ASSIGNMENT, extra, FixAction.REVOKE_CLAIMS,
            "User " + extra.user() + " holds " + extra.product() + " a second time for the same person as " + keeper.user()
                + " (claim " + keeper.id() + " stays)"));
      }
    }
    return ImmutableList.copyOf(found);
  }

  /**
   * An over-allocated pool, fixed by revoking as many claims as it holds beyond its seats: the
   * newest pending ones first, then the newest active ones.
   *
   * @param live the pool's live claims
   */
  public static Optional<Discrepancy> overAllocation(PoolSeats seats, List<LicenseClaim> live) {
    OverAllocation walk = new OverAllocation(seats, live.size() - seats.pool().seats());
    live.forEach(walk::offer);
    return walk.discrepancy();
  }

  /**
   * {@link #overAllocation(PoolSeats, List)} for a pool whose live claims are offered a page at a
   * time: it keeps only the claims it would revoke (at most {@code seats.live() - seats.pool().seats()}
   * of them), never the whole pool.
   */
  public static OverAllocation overAllocation(PoolSeats seats) {
    return new OverAllocation(seats, seats.live() - seats.pool().seats());
  }

  /** Chooses the claims an over-allocated pool gives back from its live claims, offered one by one. */
  public static final class OverAllocation {
    private final PoolSeats seats;
    private final int keep;
    /** The claims chosen so far, the one least likely to stay chosen at the head. */
    private final PriorityQueue<LicenseClaim> chosen = new PriorityQueue<>(VICTIMS_FIRST.reversed());
    private long offered;

    private OverAllocation(PoolSeats seats, int keep) {
      this.seats = seats;
      this.keep = Math.max(0, keep);
    }

    /** Offers one live claim of the pool. */
    public void offer(LicenseClaim claim) {
      offered++;
      chosen.add(claim);
      if (chosen.size() > keep) {
        chosen.poll();
      }
    }

    /**
     * The discrepancy, when the claims offered exceed the pool's seats: it revokes the excess, newest
     * pending first, then newest active (no more than the pool's figures said when the walk began).
     */
    public Optional<Discrepancy> discrepancy() {
      long excess = Math.min(offered - seats.pool().seats(), keep);
      if (excess <= 0) {
        return Optional.empty();
      }
      List<LicenseClaim> victims = chosen.stream().sorted(VICTIMS_FIRST).limit(excess).toList();
      return Optional.of(new Discrepancy(DiscrepancyKind.POOL_OVER_ALLOCATED, seats.pool().product(), seats.pool().id(),
          Optional.empty(), Optional.empty(),
          "Pool " + seats.pool().id() + " holds " + offered + " live claims for " + seats.pool().seats() + " seats",
          new ProposedFix(FixAction.REVOKE_CLAIMS, victims.stream().map(LicenseClaim::id).toList(), Optional.empty(),
              "Revoke the " + excess + " newest claims, pending ones first")));
    }
  }

  /** A pool whose counter disagrees with its live claims, fixed by setting the counter to their count. */
  public static Optional<Discrepancy> counter(PoolSeats seats) {
    if (seats.seatsInUse() == seats.live()) {
      return Optional.empty();
    }
    return Optional.of(new Discrepancy(DiscrepancyKind.SEAT_COUNT_MISMATCH, seats.pool().product(), seats.pool().id(),
        Optional.empty(), Optional.empty(),
        "Pool " + seats.pool().id() + " counts " + seats.seatsInUse() + " seats in use but " + seats.live() + " live claims hold one",
        new ProposedFix(FixAction.CORRECT_SEAT_COUNT, List.of(), Optional.of(seats.live()),
            "Set the seats-in-use counter to " + seats.live())));
  }

  private static Discrepancy claimFinding(DiscrepancyKind kind, LicenseClaim claim, FixAction action, String description) {
    String fix = switch (action) {
      case EXPIRE_CLAIMS -> "Expire claim " + claim.id() + ", freeing its seat";
      case MOVE_CLAIMS -> "Revoke claim " + claim.id() + ", freeing its seat, and assign " + claim.product()
          + " from a pool serving the user if a role or direct assignment still justifies it";
      default -> "Revoke claim " + claim.id() + ", freeing its seat";
    };
    return new Discrepancy(kind, claim.product(), claim.pool(), Optional.of(claim.user()), Optional.of(claim.id()), description,
        new ProposedFix(action, List.of(claim.id()), Optional.empty(), fix));
  }

  private static String describe(DiscrepancyKind kind, LicenseClaim claim) {
    String subject = claim.status() + " claim " + claim.id() + " of " + claim.user() + " for " + claim.product();
    switch (kind) {
      case CLAIM_PAST_EXPIRY:
        return subject + " is past its expiry or its pool's term";
      case ARCHIVED_USER_HOLDS_SEAT:
        return subject + " belongs to an archived account";
      case SUSPENDED_USER_HOLDS_SEAT:
        return subject + " belongs to a suspended account, and suspended users give up their seats";
      case CLAIM_OUTSIDE_POOL_SCOPE:
        return subject + " holds a seat of pool " + claim.pool() + ", scoped to an organization the user no longer belongs to";
      case UNJUSTIFIED_CLAIM:
      default:
        return subject + " is justified by no role of the user nor a direct assignment";
    }
  }
}
