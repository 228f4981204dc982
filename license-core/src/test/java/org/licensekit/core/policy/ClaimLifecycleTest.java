package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.policy.PolicyFixtures.ADMIN;
import static org.licensekit.core.policy.PolicyFixtures.claim;
import static org.licensekit.core.policy.PolicyFixtures.days;
import static org.licensekit.core.policy.PolicyFixtures.NOW;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;

class ClaimLifecycleTest {

  /** DESIGN.md rule 3, written out here rather than read from the code under test. */
  private static final Set<String> LEGAL = Set.of(
      "PENDING->ACTIVE", "PENDING->REVOKED", "PENDING->EXPIRED", "ACTIVE->REVOKED", "ACTIVE->EXPIRED");

  private static final Actor SWEEP = Actor.system("expiry-sweep");

  static Stream<Arguments> everyPairOfStatuses() {
    return Arrays.stream(ClaimStatus.values())
        .flatMap(from -> Arrays.stream(ClaimStatus.values()).map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPairOfStatuses")
  void onlyTheFiveTransitionsOfTheGuideAreLegal(ClaimStatus from, ClaimStatus to) {
    boolean expected = LEGAL.contains(from + "->" + to);

    assertThat(ClaimLifecycle.isLegal(from, to)).isEqualTo(expected);
    Optional<Refusal> refusal = ClaimLifecycle.check(from, to);
    if (expected) {
      assertThat(refusal).isEmpty();
    } else {
      assertThat(refusal).get().satisfies(r -> {
        assertThat(r.code()).isEqualTo(ClaimLifecycle.ILLEGAL_TRANSITION);
        assertThat(r.message()).contains(from.name(), to.name());
      });
    }
  }

  /** Every pair whose target has an operation: nothing moves a claim back to PENDING. */
  static Stream<Arguments> everyPairWithAnOperation() {
    return everyPairOfStatuses().filter(pair -> pair.get()[1] != ClaimStatus.PENDING);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPairWithAnOperation")
  void aTransitionEitherMovesTheClaimToItsTargetOrIsRefusedLeavingTheClaimUntouched(ClaimStatus from, ClaimStatus to) {
    LicenseClaim before = existingClaim(from);
    ClaimLifecycle.Transition transition = attempt(before, to);

    assertThat(transition.before()).isSameAs(before);
    if (LEGAL.contains(from + "->" + to)) {
      assertThat(transition.legal()).isTrue();
      assertThat(transition.refusal()).isEmpty();
      assertThat(transition.after()).get().extracting(LicenseClaim::status).isEqualTo(to);
    } else {
      assertThat(transition.legal()).isFalse();
      assertThat(transition.after()).isEmpty();
      assertThat(transition.refusal()).get().extracting(Refusal::code).isEqualTo(ClaimLifecycle.ILLEGAL_TRANSITION);
      assertThat(before).isEqualTo(existingClaim(from));
    }
  }

  @Test
  void pendingClaimBecomesActiveWhenUserClaimsStampedWithClaimDateAndExpiry() {
    LicenseClaim pending = claim(ClaimStatus.PENDING).build();

    LicenseClaim active = ClaimLifecycle.activate(pending, NOW, days(365)).after().orElseThrow();

    assertThat(active.status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(active.claimedAt()).contains(NOW);
    assertThat(active.expiresAt()).contains(days(365));
    assertThat(active.endedAt()).isEmpty();
    assertThat(active.endedBy()).isEmpty();
    assertThat(active).usingRecursiveComparison()
        .ignoringFields("status", "claimedAt", "expiresAt")
        .isEqualTo(pending);
  }

  @Test
  void revokedClaimIsStampedWithWhoWhenAndWhy() {
    LicenseClaim active = claim(ClaimStatus.ACTIVE).build();

    LicenseClaim revoked = ClaimLifecycle.revoke(active, NOW, ADMIN, "left the district").after().orElseThrow();

    assertThat(revoked.status()).isEqualTo(ClaimStatus.REVOKED);
    assertThat(revoked.endedAt()).contains(NOW);
    assertThat(revoked.endedBy()).contains(ADMIN);
    assertThat(revoked.reason()).contains("left the district");
    assertThat(revoked.claimedAt()).isEqualTo(active.claimedAt());
    assertThat(revoked.expiresAt()).isEqualTo(active.expiresAt());
  }

  @Test
  void expiredClaimIsStampedWithWhoWhenAndWhy() {
    LicenseClaim pending = claim(ClaimStatus.PENDING).build();

    LicenseClaim expired = ClaimLifecycle.expire(pending, NOW, SWEEP, "pool term ended").after().orElseThrow();

    assertThat(expired.status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(expired.endedAt()).contains(NOW);
    assertThat(expired.endedBy()).contains(SWEEP);
    assertThat(expired.reason()).contains("pool term ended");
    assertThat(expired.claimedAt()).isEmpty();
  }

  @Test
  void revokedClaimCannotBeRevokedAgainAndKeepsItsFirstStamp() {
    LicenseClaim revoked = ClaimLifecycle.revoke(claim(ClaimStatus.ACTIVE).build(), days(-1), ADMIN, "first")
        .after().orElseThrow();

    ClaimLifecycle.Transition again = ClaimLifecycle.revoke(revoked, NOW, SWEEP, "second");

    assertThat(again.refusal()).get().extracting(Refusal::code).isEqualTo(ClaimLifecycle.ILLEGAL_TRANSITION);
    assertThat(again.before().endedAt()).contains(days(-1));
    assertThat(again.before().reason()).contains("first");
  }

  /** A claim that reached {@code status} the legal way, with the stamps that go with it. */
  private static LicenseClaim existingClaim(ClaimStatus status) {
    Instant ended = days(-1);
    switch (status) {
      case EXPIRED:
      case REVOKED:
        return claim(status).endedAt(ended).endedBy(ADMIN).reason("ended earlier").build();
      default:
        return claim(status).build();
    }
  }

  private static ClaimLifecycle.Transition attempt(LicenseClaim claim, ClaimStatus to) {
    switch (to) {
      case ACTIVE:
        return ClaimLifecycle.activate(claim, NOW, days(365));
      case REVOKED:
        return ClaimLifecycle.revoke(claim, NOW, ADMIN, "revoked in test");
      case EXPIRED:
        return ClaimLifecycle.expire(claim, NOW, SWEEP, "expired in test");
      default:
        throw new IllegalArgumentException("no operation moves a claim to " + to);
    }
  }
}
