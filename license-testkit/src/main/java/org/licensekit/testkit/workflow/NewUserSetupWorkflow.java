package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.ImmutableNewUser;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/**
 * "New User Setup" with "Role-Based Assignment": create the account, assign it to organizations,
 * give it the roles of its job function, send the invitation, and follow up until it is active.
 */
public abstract class NewUserSetupWorkflow extends WorkflowSupport {

  private List<LicensePool> pools;

  @BeforeEach
  void poolsForEveryProduct() {
    pools = Stream.of(OBSERVATION, EVALUATION, PROCTORING, COACHING, ANALYTICS).map(p -> pool(p, 10)).toList();
  }

  static Stream<Arguments> jobProfiles() {
    return Stream.of(
        Arguments.of(DefaultCatalog.TEACHER, Set.of(OBSERVATION, COACHING)),
        Arguments.of(DefaultCatalog.ADMINISTRATOR, Set.of(OBSERVATION, EVALUATION)),
        Arguments.of(DefaultCatalog.SPECIALIZED_STAFF, Set.of(PROCTORING)));
  }

  @ParameterizedTest(name = "{0} gets pending claims for {1}")
  @MethodSource("jobProfiles")
  void aNewUserGetsPendingClaimsForTheProductsOfTheirJobProfile(JobProfileId profile, Set<ProductId> products) {
    UserId user = UserId.of("new-hire");

    RegistrationResult result = admin.users().register(newUser(user).jobProfile(profile).addOrganizations(NORTH).build());

    assertThat(result.user().status()).isEqualTo(AccountStatus.INVITED);
    assertThat(result.user().jobProfile()).contains(profile);
    assertThat(result.assignments().refused()).isEmpty();
    assertThat(result.assignments().assigned()).extracting(LicenseClaim::product).containsExactlyInAnyOrderElementsOf(products);
    assertThat(claimsOf(user)).allSatisfy(c -> assertThat(c.status()).isEqualTo(ClaimStatus.PENDING))
        .extracting(LicenseClaim::product).containsExactlyInAnyOrderElementsOf(products);
    assertThat(tenant.access().explain(user)).allSatisfy(decision -> assertThat(decision.deniedBecause(
        DenialReason.NO_ROLE_GRANTS_PRODUCT)).isEqualTo(!products.contains(decision.product())));
  }

  @Test
  void theInvitationNamesTheAssignedProducts() {
    UserId ana = UserId.of("ana");

    admin.users().register(newUser(ana).name("Ana Lopez").jobProfile(DefaultCatalog.TEACHER).addOrganizations(NORTH).build());

    assertThat(notifier.sent()).singleElement().satisfies(invitation -> {
      assertThat(invitation.kind()).isEqualTo(Notification.Kind.INVITATION);
      assertThat(invitation.tenant()).isEqualTo(tenantId);
      assertThat(invitation.user()).isEqualTo(ana);
      assertThat(invitation.email()).isEqualTo("ana@example.org");
      assertThat(invitation.name()).isEqualTo("Ana Lopez");
      assertThat(invitation.attributes()).containsEntry("products", "coaching,observation");
    });
  }

  @Test
  void setupPublishesRegistrationMembershipAssignmentsAndInvitation() {
    UserId ana = UserId.of("ana");

    admin.users().register(newUser(ana).jobProfile(DefaultCatalog.TEACHER).addOrganizations(NORTH).build());

    assertThat(events.published()).filteredOn(e -> e.user().filter(ana::equals).isPresent())
        .extracting(LicenseEvent::type)
        .containsExactly(ChangeType.USER_REGISTERED, ChangeType.MEMBERSHIP_ADDED,
            ChangeType.CLAIM_ASSIGNED, ChangeType.CLAIM_ASSIGNED, ChangeType.USER_INVITED);
    assertThat(events.published(ChangeType.CLAIM_ASSIGNED)).extracting(e -> e.product().orElseThrow())
        .containsExactly(COACHING, OBSERVATION);
  }

  @Test
  void aUserInSeveralOrganizationsHoldsOneClaimPerProduct() {
    UserId coach = UserId.of("coach");

    admin.users().register(newUser(coach).jobProfile(DefaultCatalog.ADMINISTRATOR).addOrganizations(NORTH, SOUTH).build());

    assertThat(claimsOf(coach)).extracting(LicenseClaim::product).containsExactlyInAnyOrder(OBSERVATION, EVALUATION);
    assertThat(admin.assignments().removeFromOrganization(coach, NORTH, "only at South now"))
        .as("South still grants every product").isEmpty();
    assertThat(claimsOf(coach)).allSatisfy(c -> assertThat(c.live()).isTrue());
  }

  @Test
  void additionalRolesAddTheirProductsToTheJobProfile() {
    UserId dataLead = UserId.of("data-lead");

    admin.users().register(newUser(dataLead).jobProfile(DefaultCatalog.TEACHER)
        .addAdditionalRoles(DefaultCatalog.REPORTER).addOrganizations(NORTH).build());

    assertThat(claimsOf(dataLead)).extracting(LicenseClaim::product).containsExactlyInAnyOrder(OBSERVATION, COACHING, ANALYTICS);
  }

  @Test
  void activationLetsTheUserClaimTheirLicenses() {
    UserId ana = UserId.of("ana");
    admin.users().register(newUser(ana).jobProfile(DefaultCatalog.TEACHER).addOrganizations(NORTH).build());
    assertThat(claimAsUser(ana, OBSERVATION).refusals()).extracting(d -> d.reason())
        .containsExactly(DenialReason.ACCOUNT_NOT_ACTIVE);

    assertThat(admin.users().activate(ana).status()).isEqualTo(AccountStatus.ACTIVE);

    assertThat(claimed(ana, OBSERVATION).status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(events.published(ChangeType.USER_ACTIVATED)).extracting(e -> e.user().orElseThrow()).containsExactly(ana);
    assertConflict(() -> admin.users().activate(ana), "ILLEGAL_STATUS_CHANGE");
  }

  @Test
  void theInvitationCanBeTurnedOff() {
    UserId imported = UserId.of("imported");

    admin.users().register(newUser(imported).jobProfile(DefaultCatalog.TEACHER).addOrganizations(NORTH).invite(false).build());

    assertThat(notifier.sent()).isEmpty();
    assertThat(events.published(ChangeType.USER_INVITED)).isEmpty();
    assertThat(claimsOf(imported)).hasSize(2);
  }

  @Test
  void productsWithoutAFreeSeatAreReportedAndLeftOutOfTheInvitation() {
    admin.pools().changeSeats(pools.get(3).id(), 1, "small coaching pilot");
    admin.users().register(newUser(UserId.of("first")).jobProfile(DefaultCatalog.TEACHER).addOrganizations(NORTH).build());
    notifier.clear();

    RegistrationResult second = admin.users().register(
        newUser(UserId.of("second")).jobProfile(DefaultCatalog.TEACHER).addOrganizations(NORTH).build());

    assertThat(second.assignments().assigned()).extracting(LicenseClaim::product).containsExactly(OBSERVATION);
    assertThat(second.assignments().refused()).extracting(r -> r.product(), r -> r.code())
        .containsExactly(tuple(COACHING, "NO_SEAT_AVAILABLE"));
    assertThat(notifier.sent()).singleElement()
        .satisfies(n -> assertThat(n.attributes()).containsEntry("products", "observation"));
  }

  @Test
  void anUnknownJobProfileIsRefusedNamingTheFieldAndNothingIsWritten() {
    UserId ghost = UserId.of("ghost");

    assertThatThrownBy(() -> admin.users().register(
            newUser(ghost).jobProfile(JobProfileId.of("JANITOR")).addOrganizations(NORTH).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("jobProfile");
          assertThat(e.getMessage()).contains("JANITOR");
        });

    assertNothingWrittenFor(ghost);
  }

  @Test
  void anUnknownOrganizationIsRefusedNamingTheFieldAndNothingIsWritten() {
    UserId ghost = UserId.of("ghost");

    assertThatThrownBy(() -> admin.users().register(newUser(ghost).jobProfile(DefaultCatalog.TEACHER)
            .addOrganizations(NORTH, OrganizationId.of("east-elementary")).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("organizationId");
          assertThat(e.getMessage()).contains("east-elementary");
        });

    assertNothingWrittenFor(ghost);
  }

  @Test
  void registeringTheSameUserTwiceIsRefusedAndSendsOneInvitation() {
    UserId ana = UserId.of("ana");
    admin.users().register(newUser(ana).jobProfile(DefaultCatalog.TEACHER).addOrganizations(NORTH).build());

    assertConflict(() -> admin.users().register(
        newUser(ana).jobProfile(DefaultCatalog.ADMINISTRATOR).addOrganizations(SOUTH).build()), "DUPLICATE_USER");

    assertThat(notifier.sent()).hasSize(1);
    assertThat(claimsOf(ana)).extracting(LicenseClaim::product).containsExactlyInAnyOrder(OBSERVATION, COACHING);
    assertThat(pools).extracting(this::seatsInUse).containsExactly(1, 0, 0, 1, 0);
  }

  private void assertNothingWrittenFor(UserId user) {
    assertThat(admin.users().find(user)).isEmpty();
    assertThat(claimsOf(user)).isEmpty();
    assertThat(admin.audit().query(AuditQuery.builder().user(user).build())).isEmpty();
    assertThat(pools).allSatisfy(pool -> assertThat(seatsInUse(pool)).isZero());
    assertThat(notifier.sent()).isEmpty();
    assertThat(events.published()).noneMatch(e -> e.user().filter(user::equals).isPresent());
  }

  private static ImmutableNewUser.Builder newUser(UserId id) {
    return NewUser.builder().id(id).name("User " + id).email(id.value() + "@example.org");
  }
}
