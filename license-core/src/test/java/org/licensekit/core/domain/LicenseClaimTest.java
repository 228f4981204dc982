package org.licensekit.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LicenseClaimTest {

  private static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");

  private static ImmutableLicenseClaim.Builder claim() {
    return LicenseClaim.builder().id(ClaimId.of("c")).user(UserId.of("ana")).product(ProductId.of("observation"))
        .pool(PoolId.of("p")).status(ClaimStatus.ACTIVE).direct(false).assignedAt(NOW.minusSeconds(3600))
        .assignedBy(Actor.systemAdministrator("admin"));
  }

  @Test
  void aClaimHasExpiredFromTheInstantOfItsExpiryOn() {
    LicenseClaim claim = claim().expiresAt(NOW).build();

    assertThat(claim.expiredAt(NOW.minusNanos(1000))).isFalse();
    assertThat(claim.expiredAt(NOW)).isTrue();
    assertThat(claim.expiredAt(NOW.plusSeconds(1))).isTrue();
  }

  @Test
  void aClaimWithoutExpiryNeverExpiresByItself() {
    assertThat(claim().build().expiredAt(NOW.plusSeconds(1_000_000_000L))).isFalse();
  }
}
