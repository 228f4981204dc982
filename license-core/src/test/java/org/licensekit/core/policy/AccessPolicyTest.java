package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.policy.PolicyFixtures.LINCOLN_HIGH;
import static org.licensekit.core.policy.PolicyFixtures.NOW;
import static org.licensekit.core.policy.PolicyFixtures.OBSERVER;
import static org.licensekit.core.policy.PolicyFixtures.PROCTOR;
import static org.licensekit.core.policy.PolicyFixtures.allowedFacts;
import static org.licensekit.core.policy.PolicyFixtures.assigned;
import static org.licensekit.core.policy.PolicyFixtures.certified;
import static org.licensekit.core.policy.PolicyFixtures.claim;
import static org.licensekit.core.policy.PolicyFixtures.completed;
import static org.licensekit.core.policy.PolicyFixtures.days;
import static org.licensekit.core.policy.PolicyFixtures.memberOfLincolnHigh;
import static org.licensekit.core.policy.PolicyFixtures.pool;
import static org.licensekit.core.policy.PolicyFixtures.product;
import static org.licensekit.core.policy.PolicyFixtures.term;
import static org.licensekit.core.policy.PolicyFixtures.user;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TrainingId;

class AccessPolicyTest {

  private static final TrainingId ORIENTATION = TrainingId.of("orientation");
  private static final TrainingId OBSERVER_CERT = TrainingId.of("observer-certification");

  /** For each reason, the allowed facts with exactly one thing broken so that only that reason applies. */
  private static final Map<DenialReason, AccessFacts> ONE_THING_BROKEN = new EnumMap<>(Map.ofEntries(
      Map.entry(DenialReason.UNKNOWN_USER, allowedFacts().withUser(Optional.empty())),
      Map.entry(DenialReason.UNKNOWN_PRODUCT, allowedFacts().withProduct(Optional.empty())),
      Map.entry(DenialReason.NO_ROLE_GRANTS_PRODUCT, allowedFacts().withMemberships(memberOfLincolnHigh(PROCTOR))),
      Map.entry(DenialReason.ACCOUNT_NOT_ACTIVE, allowedFacts().withUser(user(AccountStatus.SUSPENDED))),
      Map.entry(DenialReason.TRAINING_NOT_ASSIGNED,
          allowedFacts().withProduct(product().addPrerequisites(Prerequisite.training(ORIENTATION)).build())),
      Map.entry(DenialReason.TRAINING_NOT_COMPLETED,
          allowedFacts().withProduct(product().addPrerequisites(Prerequisite.training(ORIENTATION)).build())
              .withTrainingAssignments(assigned(ORIENTATION, days(5)))),
      Map.entry(DenialReason.CERTIFICATION_EXPIRED, allowedFacts()
          .withProduct(product().addPrerequisites(Prerequisite.certification(OBSERVER_CERT)).build())
          .withTraining(certified(OBSERVER_CERT, days(-400), days(-35)))),
      Map.entry(DenialReason.NO_ORGANIZATION, allowedFacts()
          .withMemberships(List.of())
          .withClaim(claim(ClaimStatus.ACTIVE).direct(true).build())),
      Map.entry(DenialReason.NO_CLAIM, allowedFacts().withClaim(Optional.empty()).withPool(Optional.empty())),
      Map.entry(DenialReason.CLAIM_PENDING, allowedFacts().withClaim(claim(ClaimStatus.PENDING).build())),
      Map.entry(DenialReason.CLAIM_EXPIRED, allowedFacts().withClaim(claim(ClaimStatus.EXPIRED).endedAt(days(-1)).build())),
      Map.entry(DenialReason.CLAIM_REVOKED, allowedFacts().withClaim(claim(ClaimStatus.REVOKED).endedAt(days(-1)).build())),
      Map.entry(DenialReason.POOL_TERM_ENDED, allowedFacts().withPool(pool("pool-2026").term(term(-365, -1)).build())),
      // a renewal moved the pool's term into the future
      Map.entry(DenialReason.POOL_TERM_NOT_STARTED, allowedFacts().withPool(pool("pool-2027").term(term(1, 366)).build()))));

  @ParameterizedTest(name = "{0}")
  // WAITING_FOR_SEAT is the troubleshooter's telling of NO_CLAIM from the waitlist, not a fact of the policy
  @EnumSource(value = DenialReason.class, mode = EnumSource.Mode.EXCLUDE, names = "WAITING_FOR_SEAT")
  void eachReasonIsGivenWhenItsConditionAloneFails(DenialReason reason) {
    assertThat(ONE_THING_BROKEN).as("a scenario for every reason").containsKey(reason);

    AccessDecision decision = AccessPolicy.decide(ONE_THING_BROKEN.get(reason));

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reasonCodes()).containsExactly(reason);
    assertThat(decision.reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.code()).isEqualTo(reason.name());
      assertThat(denial.detail()).isNotBlank();
      assertThat(denial.hint()).isNotBlank();
    });
  }

  @Test
  void accessIsAllowedWhenEveryConditionHolds() {
    AccessDecision decision = AccessPolicy.decide(allowedFacts());

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.reasons()).isEmpty();
    assertThat(decision.claim()).contains(allowedFacts().claim().orElseThrow().id());
  }

  @Test
  void directAssignmentStandsInForARole() {
    AccessFacts facts = allowedFacts()
        .withMemberships(memberOfLincolnHigh(PROCTOR))
        .withClaim(claim(ClaimStatus.ACTIVE).direct(true).build());

    assertThat(AccessPolicy.decide(facts).allowed()).isTrue();
  }

  @Test
  void directAssignmentNoLongerStandsInForARoleOnceItsClaimIsRevoked() {
    AccessFacts facts = allowedFacts()
        .withMemberships(memberOfLincolnHigh(PROCTOR))
        .withClaim(claim(ClaimStatus.REVOKED).direct(true).endedAt(days(-1)).build());

    assertThat(AccessPolicy.decide(facts).reasonCodes())
        .containsExactly(DenialReason.NO_ROLE_GRANTS_PRODUCT, DenialReason.CLAIM_REVOKED);
  }

  @Test
  void aRoleHeldInAnyOfTheUsersOrganizationsGrantsTheProduct() {
    AccessFacts facts = allowedFacts().withMemberships(
        memberOfLincolnHigh(PROCTOR),
        Membership.of(PolicyFixtures.ANA, OrganizationId.of("east-side"), java.util.Set.of(OBSERVER)));

    assertThat(AccessPolicy.decide(facts).allowed()).isTrue();
  }

  @Test
  void aRoleMissingFromTheCatalogGrantsNothing() {
    AccessFacts facts = allowedFacts().withMemberships(memberOfLincolnHigh(RoleId.of("RETIRED_ROLE")));

    assertThat(AccessPolicy.decide(facts).reasonCodes()).containsExactly(DenialReason.NO_ROLE_GRANTS_PRODUCT);
  }

  @ParameterizedTest
  @EnumSource(value = AccountStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
  void accountThatIsNotActiveIsDeniedNamingItsStatus(AccountStatus status) {
    AccessDecision decision = AccessPolicy.decide(allowedFacts().withUser(user(status)));

    assertThat(decision.reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.ACCOUNT_NOT_ACTIVE);
      assertThat(denial.detail()).contains(status.name());
    });
  }

  @Test
  void missingTrainingIsNamedInTheDenial() {
    AccessFacts facts = allowedFacts()
        .withProduct(product().addPrerequisites(Prerequisite.training(ORIENTATION)).build())
        .withTraining(completed(ORIENTATION, days(2)));

    assertThat(AccessPolicy.decide(facts).reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.TRAINING_NOT_ASSIGNED);
      assertThat(denial.detail()).contains("orientation");
    });
  }

  @Test
  void assignedTrainingNotYetCompletedIsNamedWithItsDueDateAndWhetherItIsOverdue() {
    ImmutableAccessFacts dueLater = allowedFacts()
        .withProduct(product().addPrerequisites(Prerequisite.training(ORIENTATION)).build())
        .withTrainingAssignments(assigned(ORIENTATION, days(5)));
    AccessFacts overdue = dueLater.withTrainingAssignments(assigned(ORIENTATION, days(-1)));
    AccessFacts completedAssignment = dueLater.withTrainingAssignments(
        org.licensekit.core.domain.TrainingAssignment.builder().from(assigned(ORIENTATION, days(-1))).completedAt(days(-2)).build());

    assertThat(AccessPolicy.decide(dueLater).reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.TRAINING_NOT_COMPLETED);
      assertThat(denial.detail()).contains("orientation", "due at " + days(5), "not overdue");
    });
    assertThat(AccessPolicy.decide(overdue).reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.TRAINING_NOT_COMPLETED);
      assertThat(denial.detail()).contains("due at " + days(-1)).endsWith(", overdue");
    });
    assertThat(AccessPolicy.decide(completedAssignment).reasonCodes())
        .as("a completed assignment without a record counts as not assigned").containsExactly(DenialReason.TRAINING_NOT_ASSIGNED);
  }

  @Test
  void expiredCertificationIsNamedWithTheInstantItExpired() {
    AccessDecision decision = AccessPolicy.decide(ONE_THING_BROKEN.get(DenialReason.CERTIFICATION_EXPIRED));

    assertThat(decision.reasons()).singleElement().satisfies(denial ->
        assertThat(denial.detail()).contains("observer-certification", days(-35).toString()));
  }

  @Test
  void activeClaimIsExpiredFromTheInstantOfItsExpiry() {
    AccessFacts expiresNow = allowedFacts().withClaim(claim(ClaimStatus.ACTIVE).expiresAt(NOW).build());
    AccessFacts expiresNext = allowedFacts().withClaim(claim(ClaimStatus.ACTIVE).expiresAt(NOW.plusMillis(1)).build());

    assertThat(AccessPolicy.decide(expiresNow).reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.CLAIM_EXPIRED);
      assertThat(denial.detail()).contains(NOW.toString());
    });
    assertThat(AccessPolicy.decide(expiresNext).allowed()).isTrue();
  }

  @Test
  void activeClaimOfAPoolWhoseTermEndedIsDeniedNamingThePoolAndItsEnd() {
    AccessFacts facts = allowedFacts().withPool(pool("pool-2026").term(term(-365, 0)).build());

    assertThat(AccessPolicy.decide(facts).reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.POOL_TERM_ENDED);
      assertThat(denial.detail()).contains("pool-2026", NOW.toString());
    });
  }

  @Test
  void claimPastBothItsExpiryAndItsPoolTermIsReportedOnceAsPoolTermEnded() {
    AccessFacts facts = allowedFacts()
        .withClaim(claim(ClaimStatus.ACTIVE).expiresAt(days(-1)).build())
        .withPool(pool("pool-2026").term(term(-365, -1)).build());

    assertThat(AccessPolicy.decide(facts).reasonCodes()).containsExactly(DenialReason.POOL_TERM_ENDED);
  }

  @Test
  void pendingClaimOfAPoolWhoseTermEndedIsDeniedBecauseThePoolEndedNotBecauseItIsUnclaimed() {
    AccessFacts facts = allowedFacts()
        .withClaim(claim(ClaimStatus.PENDING).build())
        .withPool(pool("pool-2026").term(term(-365, -1)).build());

    assertThat(AccessPolicy.decide(facts).reasonCodes()).containsExactly(DenialReason.POOL_TERM_ENDED);
  }

  @Test
  void revokedClaimIsDeniedWithWhenAndWhy() {
    AccessFacts facts = allowedFacts()
        .withClaim(claim(ClaimStatus.REVOKED).endedAt(days(-2)).reason("left the district").build());

    assertThat(AccessPolicy.decide(facts).reasons()).singleElement().extracting(AccessDenial::detail)
        .asString().contains(days(-2).toString(), "left the district");
  }

  @Test
  void unknownUserAndUnknownProductAreBothReportedAndNothingElse() {
    AccessFacts facts = allowedFacts().withUser(Optional.empty()).withProduct(Optional.empty())
        .withClaim(Optional.empty()).withMemberships(List.of());

    AccessDecision decision = AccessPolicy.decide(facts);

    assertThat(decision.reasonCodes()).containsExactly(DenialReason.UNKNOWN_USER, DenialReason.UNKNOWN_PRODUCT);
    assertThat(decision.claim()).isEmpty();
  }

  @Test
  void grantedByRoleLooksAtEveryMembership() {
    List<Membership> memberships = List.of(memberOfLincolnHigh(PROCTOR),
        Membership.of(PolicyFixtures.ANA, LINCOLN_HIGH, java.util.Set.of(OBSERVER)));

    assertThat(AccessPolicy.grantedByRole(memberships, PolicyFixtures.roleCatalog(), PolicyFixtures.OBSERVATION)).isTrue();
    assertThat(AccessPolicy.grantedByRole(List.of(), PolicyFixtures.roleCatalog(), PolicyFixtures.OBSERVATION)).isFalse();
  }
}
