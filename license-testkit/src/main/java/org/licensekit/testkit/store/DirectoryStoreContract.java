package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.testkit.fixtures.Fixtures.day;
import static org.licensekit.testkit.fixtures.Fixtures.membership;
import static org.licensekit.testkit.fixtures.Fixtures.organization;
import static org.licensekit.testkit.fixtures.Fixtures.user;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.DirectoryStore;

/**
 * The contract of {@link DirectoryStore}: organizations, user accounts (inserted once, then updated)
 * and memberships, listed in id order.
 */
public abstract class DirectoryStoreContract extends StoreContractSupport {

  private static final UserId ANA = UserId.of("ana");

  private DirectoryStore directory() {
    return store.directory();
  }

  @Test
  void organizationsKeepTheirParentOrItsAbsence() {
    Organization district = organization("district");
    Organization school = organization("lincoln-high", "district");

    directory().saveOrganization(tenant, district);
    directory().saveOrganization(tenant, school);

    assertThat(directory().findOrganization(tenant, district.id())).contains(district);
    assertThat(directory().findOrganization(tenant, school.id())).contains(school);
    assertThat(directory().findOrganization(tenant, school.id()).orElseThrow().parent())
        .contains(OrganizationId.of("district"));
  }

  @Test
  void savingAnOrganizationAgainReplacesItAndOrganizationsAreListedInIdOrder() {
    directory().saveOrganization(tenant, organization("washington-elementary"));
    directory().saveOrganization(tenant, organization("district"));
    directory().saveOrganization(tenant, organization("lincoln-high"));
    Organization moved = organization("lincoln-high", "district");

    directory().saveOrganization(tenant, moved);

    assertThat(directory().listOrganizations(tenant)).extracting(o -> o.id().value())
        .containsExactly("district", "lincoln-high", "washington-elementary");
    assertThat(directory().findOrganization(tenant, moved.id())).contains(moved);
  }

  @Test
  void existingUsersNamesTheIdsWithAnAccountInThisTenantOnly() {
    directory().insertUser(tenant, user("ana").build());
    directory().insertUser(tenant, user("bo").build());
    directory().insertUser(otherTenant, user("cy").build());

    assertThat(directory().existingUsers(tenant, java.util.List.of(UserId.of("cy"), UserId.of("bo"), UserId.of("nobody"),
        UserId.of("bo"), UserId.of("ana")))).containsExactlyInAnyOrder(UserId.of("bo"), UserId.of("ana"));
    assertThat(directory().existingUsers(tenant, java.util.List.of())).isEmpty();
    assertThat(directory().existingUsers(otherTenant, java.util.List.of(UserId.of("ana"), UserId.of("cy"))))
        .containsExactly(UserId.of("cy"));
  }

  @Test
  void findUsersReadsTheAccountsOfThisTenantThatExist() {
    UserAccount ana = user("ana").build();
    directory().insertUser(tenant, ana);
    directory().insertUser(tenant, user("bo").build());
    directory().insertUser(otherTenant, user("cy").build());

    java.util.Map<UserId, UserAccount> found = directory().findUsers(tenant,
        java.util.List.of(UserId.of("cy"), UserId.of("ana"), UserId.of("nobody"), UserId.of("ana")));

    assertThat(found).containsOnlyKeys(UserId.of("ana"));
    assertThat(found.get(UserId.of("ana"))).isEqualTo(directory().findUser(tenant, UserId.of("ana")).orElseThrow());
    assertThat(directory().findUsers(tenant, java.util.List.of())).isEmpty();
    assertThat(directory().findUsers(otherTenant, java.util.List.of(UserId.of("cy")))).containsOnlyKeys(UserId.of("cy"));
  }

  @Test
  void unknownRecordsAreEmpty() {
    assertThat(directory().findOrganization(tenant, OrganizationId.of("nowhere"))).isEmpty();
    assertThat(directory().findUser(tenant, UserId.of("nobody"))).isEmpty();
    assertThat(directory().listOrganizations(tenant)).isEmpty();
    assertThat(directory().listUsers(tenant)).isEmpty();
    assertThat(directory().membershipsOf(tenant, UserId.of("nobody"))).isEmpty();
  }

  @Test
  void userKeepsEveryField() {
    UserAccount temporary = user("ana")
        .name("Ana Álvarez")
        .email("ana.alvarez@district.example")
        .jobProfile(JobProfileId.of("TEACHER"))
        .status(AccountStatus.INVITED)
        .endDate(LocalDate.of(2027, 6, 30))
        .createdAt(day(2))
        .build();

    directory().insertUser(tenant, temporary);

    assertThat(directory().findUser(tenant, ANA)).contains(temporary);
  }

  @Test
  void userWithoutJobProfileOrEndDateRoundTrips() {
    UserAccount plain = user("ana").status(AccountStatus.ACTIVE).build();

    directory().insertUser(tenant, plain);

    UserAccount found = directory().findUser(tenant, ANA).orElseThrow();
    assertThat(found).isEqualTo(plain);
    assertThat(found.jobProfile()).isEmpty();
    assertThat(found.endDate()).isEmpty();
  }

  @Test
  void insertingATakenUserIdIsAConflictAndKeepsTheStoredUser() {
    UserAccount original = user("ana").name("Ana").build();
    directory().insertUser(tenant, original);

    assertThatThrownBy(() -> directory().insertUser(tenant, user("ana").name("Impostor").build()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_USER"));

    assertThat(directory().findUser(tenant, ANA)).contains(original);
    assertThat(directory().listUsers(tenant)).containsExactly(original);
  }

  @Test
  void updatingAUserReplacesEveryField() {
    directory().insertUser(tenant, user("ana").jobProfile(JobProfileId.of("TEACHER")).build());
    UserAccount suspended = user("ana")
        .name("Ana B.")
        .email("ana.b@example.org")
        .status(AccountStatus.SUSPENDED)
        .endDate(LocalDate.of(2027, 1, 31))
        .build();

    assertThat(directory().updateUser(tenant, suspended)).isTrue();

    UserAccount found = directory().findUser(tenant, ANA).orElseThrow();
    assertThat(found).isEqualTo(suspended);
    assertThat(found.jobProfile()).isEmpty();
  }

  @Test
  void anUpdateMadeFromAnOlderVersionIsRefusedAndKeepsTheNewerChange() {
    directory().insertUser(tenant, user("ana").build());
    UserAccount read = directory().findUser(tenant, ANA).orElseThrow();
    UserAccount suspended = UserAccount.builder().from(read).status(AccountStatus.SUSPENDED).build();
    UserAccount edited = UserAccount.builder().from(read).email("ana.b@example.org").build();

    assertThat(directory().updateUser(tenant, suspended)).isTrue();
    assertThat(directory().updateUser(tenant, edited)).as("an edit made from version 0").isFalse();

    UserAccount found = directory().findUser(tenant, ANA).orElseThrow();
    assertThat(found).isEqualTo(suspended);
    assertThat(found.version()).isEqualTo(1);
    assertThat(directory().updateUser(tenant, UserAccount.builder().from(found).email("ana.b@example.org").build())).isTrue();
    assertThat(directory().findUser(tenant, ANA).orElseThrow())
        .satisfies(user -> assertThat(user.status()).isEqualTo(AccountStatus.SUSPENDED))
        .satisfies(user -> assertThat(user.email()).isEqualTo("ana.b@example.org"))
        .satisfies(user -> assertThat(user.version()).isEqualTo(2));
  }

  @Test
  void changingRolesTouchesOnlyTheRolesNamed() {
    OrganizationId lincoln = OrganizationId.of("lincoln-high");
    directory().saveMembership(tenant, membership("ana", "lincoln-high", "OBSERVER", "EVALUATOR"));

    directory().changeRoles(tenant, ANA, lincoln, java.util.Set.of(RoleId.of("REPORTER")), java.util.Set.of(RoleId.of("OBSERVER")));
    // granting a held role and revoking one not held change nothing, and do not fail
    directory().changeRoles(tenant, ANA, lincoln, java.util.Set.of(RoleId.of("REPORTER")), java.util.Set.of(RoleId.of("PROCTOR")));
    directory().changeRoles(tenant, ANA, OrganizationId.of("district"), java.util.Set.of(RoleId.of("PROCTOR")), java.util.Set.of());

    assertThat(directory().membershipsOf(tenant, ANA)).containsExactly(
        membership("ana", "district", "PROCTOR"),
        membership("ana", "lincoln-high", "EVALUATOR", "REPORTER"));
  }

  @Test
  void savingAMembershipTwiceWithTheSameRolesDoesNotFail() {
    directory().saveMembership(tenant, membership("ana", "lincoln-high", "OBSERVER"));
    directory().saveMembership(tenant, membership("ana", "lincoln-high", "OBSERVER"));

    assertThat(directory().membershipsOf(tenant, ANA)).containsExactly(membership("ana", "lincoln-high", "OBSERVER"));
  }

  @Test
  void updatingAnUnknownUserReturnsFalseAndCreatesNothing() {
    assertThat(directory().updateUser(tenant, user("ghost").build())).isFalse();

    assertThat(directory().findUser(tenant, UserId.of("ghost"))).isEmpty();
    assertThat(directory().listUsers(tenant)).isEmpty();
  }

  @Test
  void usersAreListedInIdOrder() {
    for (String id : new String[] {"carla", "ana", "bo"}) {
      directory().insertUser(tenant, user(id).build());
    }

    assertThat(directory().listUsers(tenant)).extracting(u -> u.id().value()).containsExactly("ana", "bo", "carla");
  }

  @Test
  void membershipKeepsItsRoles() {
    Membership observer = membership("ana", "lincoln-high", "OBSERVER", "EVALUATOR");

    directory().saveMembership(tenant, observer);

    assertThat(directory().membershipsOf(tenant, ANA)).containsExactly(observer);
    assertThat(directory().membershipsOf(tenant, ANA).get(0).roles())
        .containsExactlyInAnyOrder(RoleId.of("OBSERVER"), RoleId.of("EVALUATOR"));
  }

  @Test
  void membershipWithoutRolesRoundTrips() {
    Membership plain = membership("ana", "lincoln-high");

    directory().saveMembership(tenant, plain);

    assertThat(directory().membershipsOf(tenant, ANA)).containsExactly(plain);
  }

  @Test
  void savingAMembershipAgainReplacesItsRoles() {
    directory().saveMembership(tenant, membership("ana", "lincoln-high", "OBSERVER", "EVALUATOR"));
    Membership narrowed = membership("ana", "lincoln-high", "PROCTOR");

    directory().saveMembership(tenant, narrowed);

    assertThat(directory().membershipsOf(tenant, ANA)).containsExactly(narrowed);
  }

  @Test
  void aUsersMembershipsAreListedInOrganizationIdOrderWithoutOtherUsers() {
    directory().saveMembership(tenant, membership("ana", "washington-elementary", "OBSERVABLE"));
    directory().saveMembership(tenant, membership("ana", "district", "REPORTER"));
    directory().saveMembership(tenant, membership("bo", "lincoln-high", "PROCTOR"));
    directory().saveMembership(tenant, membership("ana", "lincoln-high", "OBSERVER"));

    assertThat(directory().membershipsOf(tenant, ANA)).extracting(m -> m.organization().value())
        .containsExactly("district", "lincoln-high", "washington-elementary");
    assertThat(directory().membershipsOf(tenant, UserId.of("bo")))
        .containsExactly(membership("bo", "lincoln-high", "PROCTOR"));
  }

  @Test
  void deletingAMembershipRemovesOnlyThatOne() {
    directory().saveMembership(tenant, membership("ana", "district", "REPORTER"));
    directory().saveMembership(tenant, membership("ana", "lincoln-high", "OBSERVER"));
    directory().saveMembership(tenant, membership("bo", "lincoln-high", "OBSERVER"));

    assertThat(directory().deleteMembership(tenant, ANA, OrganizationId.of("lincoln-high"))).isTrue();

    assertThat(directory().membershipsOf(tenant, ANA)).containsExactly(membership("ana", "district", "REPORTER"));
    assertThat(directory().membershipsOf(tenant, UserId.of("bo"))).hasSize(1);
  }

  @Test
  void deletingAMissingMembershipReturnsFalse() {
    directory().saveMembership(tenant, membership("ana", "district", "REPORTER"));

    assertThat(directory().deleteMembership(tenant, ANA, OrganizationId.of("lincoln-high"))).isFalse();
    assertThat(directory().deleteMembership(tenant, UserId.of("nobody"), OrganizationId.of("district"))).isFalse();
    assertThat(directory().membershipsOf(tenant, ANA)).hasSize(1);
  }

  @Test
  void deletingTheSameMembershipTwiceReturnsFalseTheSecondTime() {
    directory().saveMembership(tenant, membership("ana", "district", "REPORTER"));

    assertThat(directory().deleteMembership(tenant, ANA, OrganizationId.of("district"))).isTrue();
    assertThat(directory().deleteMembership(tenant, ANA, OrganizationId.of("district"))).isFalse();
    assertThat(directory().membershipsOf(tenant, ANA)).isEmpty();
  }

  @Test
  void tenantsNeverSeeEachOthersDirectory() {
    UserAccount ours = user("ana").name("Ours").build();
    UserAccount theirs = user("ana").name("Theirs").build();
    directory().insertUser(tenant, ours);
    directory().insertUser(otherTenant, theirs); // the same id in another tenant is no conflict
    directory().saveOrganization(tenant, organization("district"));
    directory().saveMembership(tenant, membership("ana", "district", "OBSERVER"));

    assertThat(directory().findUser(tenant, ANA)).contains(ours);
    assertThat(directory().findUser(otherTenant, ANA)).contains(theirs);
    assertThat(directory().listUsers(otherTenant)).containsExactly(theirs);
    assertThat(directory().findOrganization(otherTenant, OrganizationId.of("district"))).isEmpty();
    assertThat(directory().listOrganizations(otherTenant)).isEmpty();
    assertThat(directory().membershipsOf(otherTenant, ANA)).isEmpty();
    assertThat(directory().deleteMembership(otherTenant, ANA, OrganizationId.of("district"))).isFalse();
    assertThat(directory().membershipsOf(tenant, ANA)).hasSize(1);
  }

  @Test
  void updatingAUserInAnotherTenantLeavesOursAlone() {
    UserAccount ours = user("ana").name("Ours").build();
    directory().insertUser(tenant, ours);

    assertThat(directory().updateUser(otherTenant, user("ana").name("Theirs").build())).isFalse();

    assertThat(directory().findUser(tenant, ANA)).contains(ours);
    assertThat(directory().findUser(otherTenant, ANA)).isEmpty();
  }
}
