package org.licensekit.core.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingRecord;

/**
 * May a user use a product now? Allowed only when the account is active, a membership role grants
 * the product (or it was assigned directly), every prerequisite is met, and an active claim has
 * not expired and its pool's term has not ended. A denial lists every failing condition in the
 * admin guide's troubleshooting order: roles, account status, training, organizations, then the
 * claim.
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  public static AccessDecision decide(AccessFacts facts) {
    List<AccessDenial> reasons = new ArrayList<>();
    Optional<LicenseClaim> claim = facts.claim();
    if (facts.user().isEmpty()) {
      reasons.add(AccessDenial.of(DenialReason.UNKNOWN_USER, "no user " + facts.userId()));
    }
    if (facts.product().isEmpty()) {
      reasons.add(AccessDenial.of(DenialReason.UNKNOWN_PRODUCT, "no product " + facts.productId()));
    }
    if (!reasons.isEmpty()) {
      return new AccessDecision(facts.userId(), facts.productId(), reasons, Optional.empty());
    }
    boolean directlyAssigned = claim.filter(c -> c.live() && c.direct()).isPresent();
    if (!directlyAssigned && !grantedByRole(facts.memberships(), facts.roles(), facts.productId())) {
      reasons.add(AccessDenial.of(DenialReason.NO_ROLE_GRANTS_PRODUCT, "no role of the user grants " + facts.productId()));
    }
    AccountStatus status = facts.user().get().status();
    if (status != AccountStatus.ACTIVE) {
      reasons.add(AccessDenial.of(DenialReason.ACCOUNT_NOT_ACTIVE, "account is " + status));
    }
    for (UnmetPrerequisite unmet : Prerequisites.unmet(facts.product().get(), facts.training(), facts.now())) {
      reasons.add(TrainingDenials.of(unmet, facts.trainingAssignments(), facts.now()));
    }
    if (facts.memberships().isEmpty()) {
      reasons.add(AccessDenial.of(DenialReason.NO_ORGANIZATION, "the user belongs to no organization"));
    }
    claimReason(claim, facts.pool(), facts.now()).ifPresent(reasons::add);
    return new AccessDecision(facts.userId(), facts.productId(), reasons, claim.map(LicenseClaim::id));
  }

  /**
   * Until when {@link #decide(AccessFacts)}'s answer for these facts stays the same while the facts
   * themselves do not change: the earliest instant after {@link AccessFacts#now()} at which time
   * alone can change it — the claim's expiry, the pool's term start or end, a training record
   * becoming complete or expiring, or a training assignment falling overdue or being completed. The answer holds for every instant from {@code now} (inclusive)
   * until the returned one (exclusive); {@link Instant#MAX} when no such instant exists.
   *
   * @param facts what the decision looked at
   * @return the first instant at which the decision must be made again, later than {@code now}
   */
  public static Instant validUntil(AccessFacts facts) {
    Instant now = facts.now();
    Instant until = Instant.MAX;
    Optional<LicenseClaim> claim = facts.claim();
    if (claim.isPresent() && claim.get().expiresAt().isPresent()) {
      until = earliestAfter(now, until, claim.get().expiresAt().get());
    }
    if (facts.pool().isPresent()) {
      until = earliestAfter(now, until, facts.pool().get().term().start());
      until = earliestAfter(now, until, facts.pool().get().term().end());
    }
    for (TrainingRecord record : facts.training()) {
      until = earliestAfter(now, until, record.completedAt());
      if (record.expiresAt().isPresent()) {
        until = earliestAfter(now, until, record.expiresAt().get());
      }
    }
    for (TrainingAssignment assignment : facts.trainingAssignments()) {
      // overdue strictly after the due date; an assignment completed later stays open until then
      until = earliestAfter(now, until, assignment.dueAt().plusNanos(1));
      if (assignment.completedAt().isPresent()) {
        until = earliestAfter(now, until, assignment.completedAt().get());
      }
    }
    return until;
  }

  private static Instant earliestAfter(Instant now, Instant until, Instant candidate) {
    return candidate.isAfter(now) && candidate.isBefore(until) ? candidate : until;
  }

  /** Whether any role of the memberships grants the product. */
  public static boolean grantedByRole(List<Membership> memberships, Map<RoleId, Role> roles, ProductId product) {
    return memberships.stream()
        .flatMap(m -> m.roles().stream())
        .map(roles::get)
        .anyMatch(role -> role != null && role.grants().contains(product));
  }

  private static Optional<AccessDenial> claimReason(Optional<LicenseClaim> claim, Optional<LicensePool> pool, Instant now) {
    if (claim.isEmpty()) {
      return Optional.of(AccessDenial.of(DenialReason.NO_CLAIM, "no license is assigned"));
    }
    LicenseClaim c = claim.get();
    switch (c.status()) {
      case PENDING:
        // claiming cannot help while the pool is out of term, so that is the reason to report
        return poolOutOfTerm(c, pool, now)
            .or(() -> Optional.of(AccessDenial.of(DenialReason.CLAIM_PENDING, "assigned at " + c.assignedAt() + ", not yet claimed")));
      case REVOKED:
        return Optional.of(AccessDenial.of(DenialReason.CLAIM_REVOKED,
            "revoked at " + c.endedAt().map(Object::toString).orElse("?") + c.reason().map(r -> ": " + r).orElse("")));
      case EXPIRED:
        return Optional.of(AccessDenial.of(DenialReason.CLAIM_EXPIRED,
            "expired at " + c.endedAt().map(Object::toString).orElse("?")));
      case ACTIVE:
      default:
        return activeClaimReason(c, pool, now);
    }
  }

  private static Optional<AccessDenial> activeClaimReason(LicenseClaim c, Optional<LicensePool> pool, Instant now) {
    Optional<AccessDenial> outOfTerm = poolOutOfTerm(c, pool, now);
    if (outOfTerm.isPresent()) {
      return outOfTerm;
    }
    if (c.expiredAt(now)) {
      return Optional.of(AccessDenial.of(DenialReason.CLAIM_EXPIRED, "expired at " + c.expiresAt().get()));
    }
    return Optional.empty();
  }

  private static Optional<AccessDenial> poolOutOfTerm(LicenseClaim c, Optional<LicensePool> pool, Instant now) {
    if (pool.filter(p -> p.term().endedAt(now)).isPresent()) {
      return Optional.of(AccessDenial.of(DenialReason.POOL_TERM_ENDED, "pool " + c.pool() + " ended at " + pool.get().term().end()));
    }
    if (pool.filter(p -> now.isBefore(p.term().start())).isPresent()) {
      return Optional.of(AccessDenial.of(DenialReason.POOL_TERM_NOT_STARTED,
          "pool " + c.pool() + " starts at " + pool.get().term().start()));
    }
    return Optional.empty();
  }
}
