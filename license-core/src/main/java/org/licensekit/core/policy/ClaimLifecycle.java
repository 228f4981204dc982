package org.licensekit.core.policy;

import com.google.common.collect.ImmutableSetMultimap;
import java.time.Instant;
import java.util.Optional;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;

/**
 * The claim state machine: {@code PENDING→ACTIVE}, {@code PENDING→REVOKED}, {@code PENDING→EXPIRED},
 * {@code ACTIVE→REVOKED}, {@code ACTIVE→EXPIRED}; nothing else. Every transition is stamped with
 * who, when and why.
 */
public final class ClaimLifecycle {

  /** The code of a refused transition. */
  public static final String ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION";

  private static final ImmutableSetMultimap<ClaimStatus, ClaimStatus> LEGAL =
      ImmutableSetMultimap.<ClaimStatus, ClaimStatus>builder()
          .putAll(ClaimStatus.PENDING, ClaimStatus.ACTIVE, ClaimStatus.REVOKED, ClaimStatus.EXPIRED)
          .putAll(ClaimStatus.ACTIVE, ClaimStatus.REVOKED, ClaimStatus.EXPIRED)
          .build();

  private ClaimLifecycle() {}

  /** Whether a claim may move from {@code from} to {@code to}. */
  public static boolean isLegal(ClaimStatus from, ClaimStatus to) {
    return LEGAL.containsEntry(from, to);
  }

  /** Refuses an illegal transition; empty when it is legal. */
  public static Optional<Refusal> check(ClaimStatus from, ClaimStatus to) {
    return isLegal(from, to)
        ? Optional.empty()
        : Optional.of(new Refusal(ILLEGAL_TRANSITION, "A claim cannot go from " + from + " to " + to));
  }

  /** The claim activated by its user at {@code at}, valid until {@code expiresAt}. */
  public static Transition activate(LicenseClaim claim, Instant at, Instant expiresAt) {
    return to(claim, ClaimStatus.ACTIVE)
        .orElseGet(() -> Transition.done(claim, LicenseClaim.builder().from(claim)
            .status(ClaimStatus.ACTIVE)
            .claimedAt(at)
            .expiresAt(expiresAt)
            .build()));
  }

  /** The claim revoked by {@code by} at {@code at} for {@code reason}. */
  public static Transition revoke(LicenseClaim claim, Instant at, Actor by, String reason) {
    return end(claim, ClaimStatus.REVOKED, at, by, reason);
  }

  /** The claim expired at {@code at}. */
  public static Transition expire(LicenseClaim claim, Instant at, Actor by, String reason) {
    return end(claim, ClaimStatus.EXPIRED, at, by, reason);
  }

  private static Transition end(LicenseClaim claim, ClaimStatus target, Instant at, Actor by, String reason) {
    return to(claim, target)
        .orElseGet(() -> Transition.done(claim, LicenseClaim.builder().from(claim)
            .status(target)
            .endedAt(at)
            .endedBy(by)
            .reason(reason)
            .build()));
  }

  private static Optional<Transition> to(LicenseClaim claim, ClaimStatus target) {
    return check(claim.status(), target).map(refusal -> Transition.refused(claim, refusal));
  }

  /**
   * The outcome of a transition: the claim before, and either the claim after or the refusal.
   *
   * @param before the claim as it was
   * @param after the claim after the transition, when it was legal
   * @param refusal why the transition was refused, when it was not
   */
  public record Transition(LicenseClaim before, Optional<LicenseClaim> after, Optional<Refusal> refusal) {

    static Transition done(LicenseClaim before, LicenseClaim after) {
      return new Transition(before, Optional.of(after), Optional.empty());
    }

    static Transition refused(LicenseClaim before, Refusal refusal) {
      return new Transition(before, Optional.empty(), Optional.of(refusal));
    }

    public boolean legal() {
      return after.isPresent();
    }
  }
}
