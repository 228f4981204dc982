package org.licensekit.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.ImmutableLicenseClaim;
import org.licensekit.core.domain.ImmutableLicensePool;
import org.licensekit.core.domain.ImmutableProduct;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/**
 * Small, named values for policy tests: one district, one school, the teacher Ana, the observation
 * product and its pool. Each builder starts from a valid, unremarkable value; a test changes only
 * what its rule looks at.
 */
final class PolicyFixtures {

  static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");

  static final UserId ANA = UserId.of("ana");
  static final Actor ADMIN = Actor.systemAdministrator("admin-7");
  static final OrganizationId LINCOLN_HIGH = OrganizationId.of("lincoln-high");
  static final ProductId OBSERVATION = ProductId.of("observation");
  static final ProductId PROCTORING = ProductId.of("proctoring");
  static final RoleId OBSERVER = RoleId.of("OBSERVER");
  static final RoleId PROCTOR = RoleId.of("PROCTOR");
  static final PoolId POOL = PoolId.of("pool-2026");

  private PolicyFixtures() {}

  static Instant days(long n) {
    return NOW.plus(Duration.ofDays(n));
  }

  /** A term from {@code startDays} to {@code endDays} days from now. */
  static Term term(long startDays, long endDays) {
    return Term.of(days(startDays), days(endDays));
  }

  /** A pool of observation seats for the whole tenant, in term a month ago until next summer. */
  static ImmutableLicensePool.Builder pool(String id) {
    return LicensePool.builder().id(PoolId.of(id)).product(OBSERVATION).seats(10).term(term(-30, 300));
  }

  /** Ana's claim for observation, assigned ten days ago; active ones were claimed a week ago. */
  static ImmutableLicenseClaim.Builder claim(ClaimStatus status) {
    ImmutableLicenseClaim.Builder claim = LicenseClaim.builder()
        .id(ClaimId.of("claim-1"))
        .user(ANA)
        .product(OBSERVATION)
        .pool(POOL)
        .status(status)
        .direct(false)
        .assignedAt(days(-10))
        .assignedBy(ADMIN);
    if (status == ClaimStatus.ACTIVE) {
      claim.claimedAt(days(-7)).expiresAt(days(300));
    }
    return claim;
  }

  static UserAccount user(AccountStatus status) {
    return UserAccount.builder()
        .id(ANA)
        .name("Ana Lopez")
        .email("ana@example.org")
        .status(status)
        .createdAt(days(-30))
        .build();
  }

  static ImmutableProduct.Builder product() {
    return Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL);
  }

  static Membership memberOfLincolnHigh(RoleId... roles) {
    return Membership.of(ANA, LINCOLN_HIGH, Set.of(roles));
  }

  /** The role catalog: Observer grants observation, Proctor grants proctoring. */
  static Map<RoleId, Role> roleCatalog() {
    return Map.of(
        OBSERVER, Role.builder().id(OBSERVER).name("Observer").addGrants(OBSERVATION).build(),
        PROCTOR, Role.builder().id(PROCTOR).name("Proctor Access").addGrants(PROCTORING).build());
  }

  static org.licensekit.core.domain.TrainingAssignment assigned(TrainingId training, Instant dueAt) {
    return org.licensekit.core.domain.TrainingAssignment.builder()
        .user(ANA).training(training).assignedAt(dueAt.minus(java.time.Duration.ofDays(30))).dueAt(dueAt).build();
  }

  static TrainingRecord completed(TrainingId training, Instant at) {
    return TrainingRecord.builder().user(ANA).training(training).completedAt(at).build();
  }

  static TrainingRecord certified(TrainingId training, Instant at, Instant expiresAt) {
    return TrainingRecord.builder().user(ANA).training(training).completedAt(at).expiresAt(expiresAt).build();
  }

  /**
   * Everything in order: Ana is active, an Observer at Lincoln High, has nothing to complete, and
   * holds an active claim of an in-term pool. Access is allowed; each test breaks one thing.
   */
  static ImmutableAccessFacts allowedFacts() {
    return ImmutableAccessFacts.builder()
        .userId(ANA)
        .productId(OBSERVATION)
        .user(user(AccountStatus.ACTIVE))
        .product(product().build())
        .addMemberships(memberOfLincolnHigh(OBSERVER))
        .roles(roleCatalog())
        .claim(claim(ClaimStatus.ACTIVE).build())
        .pool(pool(POOL.value()).build())
        .now(NOW)
        .build();
  }
}
