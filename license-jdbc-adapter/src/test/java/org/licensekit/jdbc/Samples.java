package org.licensekit.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.Validity;

/** Test values for the JDBC store's own tests. */
final class Samples {

  static final Instant T0 = Instant.parse("2025-08-01T08:00:00.123456Z");
  static final Actor ADMIN = Actor.systemAdministrator("admin-1");
  static final ProductId OBSERVATION = ProductId.of("observation");

  private Samples() {}

  static Product product(String id) {
    return Product.builder()
        .id(ProductId.of(id))
        .name("Product " + id)
        .type(ProductType.OBSERVATION_TOOL)
        .addPrerequisites(Prerequisite.training(TrainingId.of("intro")), Prerequisite.certification(TrainingId.of("cert-a")))
        .validity(Validity.afterClaim(Duration.ofDays(365).plusNanos(1)))
        .build();
  }

  static LicensePool pool(String id, int seats) {
    return LicensePool.builder()
        .id(PoolId.of(id))
        .product(OBSERVATION)
        .seats(seats)
        .term(Term.of(T0, T0.plus(Duration.ofDays(365))))
        .build();
  }

  static UserAccount user(String id) {
    return UserAccount.builder()
        .id(UserId.of(id))
        .name("User " + id)
        .email(id + "@example.org")
        .status(AccountStatus.ACTIVE)
        .createdAt(T0)
        .build();
  }

  static UserAccount fullUser(String id) {
    return UserAccount.builder()
        .from(user(id))
        .jobProfile(JobProfileId.of("TEACHER"))
        .status(AccountStatus.INVITED)
        .endDate(LocalDate.of(2026, 6, 30))
        .build();
  }

  /** A pending claim of {@code user} for {@link #OBSERVATION} holding a seat of {@code pool}. */
  static LicenseClaim pendingClaim(String id, String user, String pool) {
    return LicenseClaim.builder()
        .id(ClaimId.of(id))
        .user(UserId.of(user))
        .product(OBSERVATION)
        .pool(PoolId.of(pool))
        .status(ClaimStatus.PENDING)
        .direct(false)
        .assignedAt(T0)
        .assignedBy(ADMIN)
        .build();
  }
}
