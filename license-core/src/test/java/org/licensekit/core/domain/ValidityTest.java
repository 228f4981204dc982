package org.licensekit.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;

class ValidityTest {

  private static final Instant CLAIMED = Instant.parse("2026-09-01T08:00:00Z");
  private static final Term SCHOOL_YEAR = Term.of(Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2027-07-31T00:00:00Z"));

  @Test
  void licenseValidUntilTheTermEndsExpiresWithThePool() {
    assertThat(Validity.untilTermEnd().expiryFor(CLAIMED, SCHOOL_YEAR)).isEqualTo(SCHOOL_YEAR.end());
  }

  @Test
  void licenseValidForADurationExpiresThatLongAfterTheUserClaimedIt() {
    assertThat(Validity.afterClaim(Duration.ofDays(90)).expiryFor(CLAIMED, SCHOOL_YEAR))
        .isEqualTo(CLAIMED.plus(Duration.ofDays(90)));
  }

  @Test
  void durationMayRunPastTheTermBecauseTheAccessCheckEnforcesTheTermOnItsOwn() {
    Instant expiry = Validity.afterClaim(Duration.ofDays(700)).expiryFor(CLAIMED, SCHOOL_YEAR);

    assertThat(expiry).isAfter(SCHOOL_YEAR.end());
  }

  @Test
  void productsAreValidUntilTheTermEndsByDefault() {
    Product product = Product.builder().id(ProductId.of("observation")).name("Observation")
        .type(ProductType.OBSERVATION_TOOL).build();

    assertThat(product.validity()).isEqualTo(Validity.untilTermEnd());
  }

  @Test
  void durationAfterClaimMustBePositive() {
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofDays(-1)}) {
      assertThatThrownBy(() -> Validity.afterClaim(bad))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.fields()).containsExactly("validity.duration"));
    }
  }

  @Test
  void durationAfterClaimNeedsADuration() {
    assertThatThrownBy(() -> new Validity(Validity.Kind.DURATION_AFTER_CLAIM, Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.fields()).containsExactly("validity.duration"));
  }

  @Test
  void validityUntilTheTermEndTakesNoDuration() {
    assertThatThrownBy(() -> new Validity(Validity.Kind.UNTIL_TERM_END, Optional.of(Duration.ofDays(1))))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.fields()).containsExactly("validity.duration"));
  }
}
