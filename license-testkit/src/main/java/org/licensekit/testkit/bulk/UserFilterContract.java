package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.ClaimCondition;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.TrainingCondition;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;

/**
 * The exact semantics of user filters, which every store must evaluate alike (SQL included):
 * sub-organizations, role within the selected organization, case-insensitive literal text,
 * claim conditions, the exclusive end-date bound, ordering and keyset paging by user id.
 */
public abstract class UserFilterContract extends BulkTestSupport {

  @Test
  void anOrganizationSelectsItsOwnMembersOrWithSubOrganizationsTheWholeTree() {
    UserId atDistrict = plainUser("d-1", DISTRICT);
    UserId atNorth = plainUser("n-1", NORTH);
    UserId atSouth = plainUser("s-1", SOUTH);

    assertThat(select(UserFilter.builder().organization(DISTRICT).build())).containsExactly(atDistrict);
    assertThat(select(UserFilter.builder().organizationWithSubOrganizations(DISTRICT).build()))
        .containsExactly(atDistrict, atNorth, atSouth);
    assertThat(select(UserFilter.builder().organizationWithSubOrganizations(NORTH).build())).containsExactly(atNorth);
  }

  @Test
  void aRoleWithAnOrganizationMustBeHeldInThatOrganization() {
    UserId observerInNorth = plainUser("u-1", NORTH);
    admin.assignments().assignRole(observerInNorth, NORTH, DefaultCatalog.OBSERVER);
    admin.assignments().assignRole(observerInNorth, SOUTH, DefaultCatalog.OBSERVABLE);

    assertThat(select(UserFilter.builder().role(DefaultCatalog.OBSERVER).build())).containsExactly(observerInNorth);
    assertThat(select(UserFilter.builder().organization(SOUTH).role(DefaultCatalog.OBSERVER).build())).isEmpty();
    assertThat(select(UserFilter.builder().organizationWithSubOrganizations(DISTRICT).role(DefaultCatalog.OBSERVER).build()))
        .containsExactly(observerInNorth);
  }

  @Test
  void jobProfileAndStatusSelectAccounts() {
    UserId teacher = register("t-1", DefaultCatalog.TEACHER, NORTH);
    UserId administrator = activeUser("a-1", DefaultCatalog.ADMINISTRATOR, NORTH);
    UserId plain = plainUser("p-1", NORTH);
    admin.users().suspend(plain, "leave");

    assertThat(select(UserFilter.builder().jobProfile(DefaultCatalog.TEACHER).build())).containsExactly(teacher);
    assertThat(select(UserFilter.builder().status(AccountStatus.INVITED, AccountStatus.ACTIVE).build()))
        .containsExactly(administrator, teacher);
    assertThat(select(UserFilter.builder().status(AccountStatus.SUSPENDED).build())).containsExactly(plain);
  }

  @Test
  void textMatchesNameOrEmailIgnoringCaseAndLiterally() {
    UserId ana = named("u-1", "Ana López", "ana.lopez@north.example.org");
    UserId percent = named("u-2", "Sure 100% Smith", "smith@example.org");
    UserId underscore = named("u-3", "Bo", "bo_x@example.org");

    assertThat(select(UserFilter.builder().nameOrEmailContains("ANA").build())).containsExactly(ana);
    assertThat(select(UserFilter.builder().nameOrEmailContains("NORTH.EXAMPLE").build())).containsExactly(ana);
    assertThat(select(UserFilter.builder().nameOrEmailContains("0% s").build())).containsExactly(percent);
    assertThat(select(UserFilter.builder().nameOrEmailContains("1%h").build())).isEmpty();
    assertThat(select(UserFilter.builder().nameOrEmailContains("o_x").build())).containsExactly(underscore);
    assertThat(select(UserFilter.builder().nameOrEmailContains("b_").build())).isEmpty();
  }

  /**
   * Java's and SQL's lower case disagree on letters such as a word-final capital sigma, and neither
   * composes accents; every store must match like {@code InputRules.searchKey} does.
   */
  @Test
  void textMatchesWhateverTheCompositionOrTheDatabasesLowerCase() {
    UserId greek = named("g-1", "ΟΔΥΣΣΕΥΣ Παπαδόπουλος", "odysseas@example.org");
    UserId decomposed = named("g-2", "Zoe\u0301 Martin", "ZOE\u0301.MARTIN@Example.org");
    named("g-3", "Other Person", "other@example.org");

    assertThat(select(UserFilter.builder().nameOrEmailContains("οδυσσευς").build())).containsExactly(greek);
    assertThat(select(UserFilter.builder().nameOrEmailContains("ΟΔΥΣΣΕΥΣ").build())).containsExactly(greek);
    assertThat(select(UserFilter.builder().nameOrEmailContains("zoé").build())).containsExactly(decomposed);
    assertThat(select(UserFilter.builder().nameOrEmailContains("ZOE\u0301 MAR").build())).containsExactly(decomposed);
    assertThat(select(UserFilter.builder().nameOrEmailContains("zoé.martin@example").build())).containsExactly(decomposed);
  }

  @Test
  void registeredAndUpdatedEmailAddressesAreStrippedComposedAndLowerCased() {
    UserId ana = named("n-1", "Ana", "  Ana.LOPEZ@Example.ORG\t");
    UserId zoe = named("n-2", "Zoé", "zoe@example.org");

    admin.users().update(UserUpdate.builder().id(zoe).email(" ZOE\u0301@EXAMPLE.org ").build());

    assertThat(admin.users().find(ana).orElseThrow().email()).isEqualTo("ana.lopez@example.org");
    assertThat(admin.users().find(zoe).orElseThrow().email()).isEqualTo("zo\u00e9@example.org");
    assertThat(store.directory().findUser(tenantId, ana).orElseThrow().email()).isEqualTo("ana.lopez@example.org");
  }

  @Test
  void claimConditionsLookAtTheUsersClaimsForTheProduct() {
    pool(OBSERVATION, 10);
    UserId pending = plainUser("c-1", NORTH);
    UserId active = plainUser("c-2", NORTH);
    UserId revoked = plainUser("c-3", NORTH);
    UserId none = plainUser("c-4", NORTH);
    for (UserId user : List.of(pending, active, revoked)) {
      admin.assignments().assignProduct(user, OBSERVATION, "pilot");
    }
    asUser(active).claims().claim(active, OBSERVATION);
    admin.assignments().revokeProduct(revoked, OBSERVATION, "left the pilot");

    assertThat(select(claim(ClaimCondition.Status.PENDING))).containsExactly(pending);
    assertThat(select(claim(ClaimCondition.Status.ACTIVE))).containsExactly(active);
    assertThat(select(claim(ClaimCondition.Status.LIVE))).containsExactly(pending, active);
    assertThat(select(claim(ClaimCondition.Status.NO_LIVE_CLAIM))).containsExactly(revoked, none);
    assertThat(select(claim(ClaimCondition.Status.REVOKED))).containsExactly(revoked);
    assertThat(select(claim(ClaimCondition.Status.EXPIRED))).isEmpty();
  }

  /**
   * The guide's prerequisite steps as filters: assigned, not completed, overdue (strictly after the
   * due date), completed (a record that counts now) and certification expired (at its expiry
   * instant), each read at the instant the selection is made.
   */
  @Test
  void trainingConditionsTellTheGuidesPrerequisiteStepsApart() {
    UserId open = plainUser("t-open", NORTH);
    UserId overdue = plainUser("t-overdue", NORTH);
    UserId dueNow = plainUser("t-due-now", NORTH);
    UserId done = plainUser("t-done", NORTH);
    UserId doneUnassigned = plainUser("t-done-unassigned", NORTH);
    UserId doneLater = plainUser("t-done-later", NORTH);
    UserId certExpired = plainUser("t-cert-expired", NORTH);
    UserId certEndsNow = plainUser("t-cert-ends-now", NORTH);
    UserId certValid = plainUser("t-cert-valid", NORTH);
    plainUser("t-none", NORTH);
    Instant now = clock.instant().plus(Duration.ofDays(2));
    admin.training().assign(open, PROCTOR_TRAINING, now.plus(Duration.ofDays(10)));
    admin.training().assign(overdue, PROCTOR_TRAINING, now.minus(Duration.ofDays(1)));
    admin.training().assign(dueNow, PROCTOR_TRAINING, now);
    admin.training().assign(done, PROCTOR_TRAINING, now.plus(Duration.ofDays(10)));
    admin.training().recordCompletion(done, PROCTOR_TRAINING, clock.instant());
    admin.training().recordCompletion(doneUnassigned, PROCTOR_TRAINING, clock.instant());
    admin.training().assign(doneLater, PROCTOR_TRAINING, now.minus(Duration.ofDays(1)));
    admin.training().recordCompletion(doneLater, PROCTOR_TRAINING, now.plus(Duration.ofDays(3)));
    admin.training().recordCertification(certExpired, EVALUATOR_CERTIFICATION, clock.instant().minus(Duration.ofDays(400)),
        clock.instant().plus(Duration.ofDays(1)));
    admin.training().recordCertification(certEndsNow, EVALUATOR_CERTIFICATION, clock.instant().minus(Duration.ofDays(400)), now);
    admin.training().recordCertification(certValid, EVALUATOR_CERTIFICATION, clock.instant().minus(Duration.ofDays(10)),
        now.plus(Duration.ofNanos(1_000)));
    clock.set(now);

    assertThat(select(training(PROCTOR_TRAINING, TrainingCondition.Status.ASSIGNED)))
        .containsExactly(done, doneLater, dueNow, open, overdue);
    assertThat(select(training(PROCTOR_TRAINING, TrainingCondition.Status.NOT_COMPLETED)))
        .containsExactly(doneLater, dueNow, open, overdue);
    assertThat(select(training(PROCTOR_TRAINING, TrainingCondition.Status.OVERDUE))).containsExactly(doneLater, overdue);
    assertThat(select(training(PROCTOR_TRAINING, TrainingCondition.Status.COMPLETED))).containsExactly(done, doneUnassigned);
    assertThat(select(training(PROCTOR_TRAINING, TrainingCondition.Status.CERTIFICATION_EXPIRED))).isEmpty();
    assertThat(select(training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.COMPLETED))).containsExactly(certValid);
    assertThat(select(training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.CERTIFICATION_EXPIRED)))
        .containsExactly(certEndsNow, certExpired);
    assertThat(select(training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.ASSIGNED))).isEmpty();
    assertThat(admin.bulk().count(UserFilter.builder().organization(NORTH)
        .training(PROCTOR_TRAINING, TrainingCondition.Status.NOT_COMPLETED).build())).isEqualTo(4);
    assertThat(admin.bulk().count(UserFilter.builder().organization(SOUTH)
        .training(PROCTOR_TRAINING, TrainingCondition.Status.NOT_COMPLETED).build())).isZero();

    clock.advance(Duration.ofDays(3));
    assertThat(select(training(PROCTOR_TRAINING, TrainingCondition.Status.COMPLETED))).containsExactly(done, doneLater, doneUnassigned);
    assertThat(select(training(PROCTOR_TRAINING, TrainingCondition.Status.OVERDUE))).containsExactly(dueNow, overdue);
  }

  @Test
  void aBulkRunSelectsByTrainingAsTheCountDoes() {
    pool(PROCTORING, 10);
    UserId lapsed = plainUser("b-lapsed", NORTH);
    UserId onTime = plainUser("b-on-time", NORTH);
    for (UserId user : List.of(lapsed, onTime)) {
      admin.assignments().assignProduct(user, PROCTORING, "exam season");
    }
    admin.training().assign(onTime, PROCTOR_TRAINING, clock.instant().plus(Duration.ofDays(60)));
    clock.advance(Duration.ofDays(31));
    UserFilter overdue = UserFilter.builder().training(PROCTOR_TRAINING, TrainingCondition.Status.OVERDUE).build();

    assertThat(admin.bulk().count(overdue)).isEqualTo(1);
    var result = admin.bulk().run(request(overdue, org.licensekit.core.api.BulkAction.revokeProduct(PROCTORING),
        org.licensekit.core.api.BulkMode.BEST_EFFORT).build());

    assertThat(result.done()).isEqualTo(1);
    assertThat(admin.claims().ofUser(lapsed)).allMatch(claim -> !claim.live());
    assertThat(admin.claims().ofUser(onTime)).anyMatch(org.licensekit.core.domain.LicenseClaim::live);
  }

  @Test
  void endsBeforeIsExclusive() {
    UserId temporary = plainUser("tmp-1", NORTH);
    plainUser("perm-1", NORTH);
    admin.users().update(UserUpdate.builder().id(temporary).endDate(LocalDate.of(2026, 12, 31)).build());

    assertThat(select(UserFilter.builder().endsBefore(LocalDate.of(2026, 12, 31)).build())).isEmpty();
    assertThat(select(UserFilter.builder().endsBefore(LocalDate.of(2027, 1, 1)).build())).containsExactly(temporary);
  }

  @Test
  void usersComeInBytewiseIdOrderThroughKeysetPagesAndCountsAgree() {
    List<UserId> ids = new ArrayList<>();
    for (String id : List.of("adam", "Zed", "Bob", "9-nine", "a-1", "_x", "bob")) {
      ids.add(plainUser(id, NORTH));
    }
    UserFilter all = UserFilter.builder().organization(NORTH).build();

    List<UserId> paged = new ArrayList<>();
    Optional<UserId> after = Optional.empty();
    List<UserId> page;
    do {
      page = admin.bulk().select(all, after, 3);
      paged.addAll(page);
      after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1));
    } while (page.size() == 3);

    assertThat(paged).extracting(UserId::value).containsExactly("9-nine", "Bob", "Zed", "_x", "a-1", "adam", "bob");
    assertThat(admin.bulk().count(all)).isEqualTo(7);
  }

  @Test
  void anotherTenantsUsersAreNeverSelected() {
    UserId mine = plainUser("u-1", NORTH);
    var other = licensing.tenant(org.licensekit.core.domain.TenantId.of(tenantId.value() + "-other"))
        .as(Actor.systemAdministrator("admin-2"));
    other.users().defineOrganization(org.licensekit.core.domain.Organization.root(NORTH, "North elsewhere"));
    other.users().register(NewUser.builder().id(UserId.of("u-2")).name("Other").email("o@example.org")
        .addOrganizations(NORTH).invite(false).build());

    assertThat(select(UserFilter.all())).containsExactly(mine);
    assertThat(other.bulk().count(UserFilter.all())).isEqualTo(1);
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    assertThatThrownBy(() -> new UserFilter(Optional.empty(), true, Optional.empty(), Optional.empty(), Set.of(),
        Optional.of(" "), Optional.empty(), Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.fields()).containsExactly("includeSubOrganizations", "nameOrEmailContains"));
    assertThatThrownBy(() -> admin.bulk().count(UserFilter.builder().organization(OrganizationId.of("nowhere")).build()))
        .isInstanceOf(org.licensekit.core.NotFoundException.class);
  }

  private List<UserId> select(UserFilter filter) {
    return admin.bulk().select(filter, Optional.empty(), 100);
  }

  private static UserFilter training(TrainingId training, TrainingCondition.Status status) {
    return UserFilter.builder().training(training, status).build();
  }

  private static UserFilter claim(ClaimCondition.Status status) {
    return UserFilter.builder().claim(OBSERVATION, status).build();
  }

  private UserId named(String id, String name, String email) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name(name).email(email).addOrganizations(NORTH).invite(false).build());
    return user;
  }
}
