package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.UserId;

/**
 * Bulk assignment through the public API: each action in both modes, seat shortfalls, already-so
 * and refused users, and that refused users (or a refused all-or-nothing run) leave nothing behind.
 */
public abstract class BulkActionsContract extends BulkTestSupport {

  private static final UserFilter NORTH_USERS = UserFilter.builder().organization(NORTH).build();
  private static final BulkAction GRANT_OBSERVER = BulkAction.grantRoles(NORTH, Set.of(DefaultCatalog.OBSERVER));

  @Test
  void bestEffortGrantAssignsWhileSeatsLastAndRefusesTheRestWithNothingWritten() {
    LicensePool observation = pool(OBSERVATION, 3);
    List<UserId> users = plainUsers("n", 5, NORTH);

    BulkResult result = admin.bulk().run(request(NORTH_USERS, GRANT_OBSERVER, BulkMode.BEST_EFFORT).build());

    assertThat(result.status()).isEqualTo(BulkResult.Status.COMPLETED);
    assertThat(List.of(result.selected(), result.done(), result.already(), result.refused())).containsExactly(5L, 3L, 0L, 2L);
    assertThat(result.outcomes()).extracting(UserOutcome::user).containsExactlyElementsOf(users);
    assertThat(result.outcomeOf(users.get(4)).orElseThrow().code()).contains("NO_SEAT_AVAILABLE");
    assertThat(result.seatsOf(OBSERVATION).orElseThrow()).satisfies(s -> {
      assertThat(s.needed()).isEqualTo(5);
      assertThat(s.available()).isEqualTo(3);
      assertThat(s.shortfall()).isEqualTo(2);
    });
    assertThat(usage(observation).seatsInUse()).isEqualTo(3);
    assertThat(rolesIn(users.get(4))).doesNotContain(DefaultCatalog.OBSERVER);
    assertThat(rolesIn(users.get(0))).contains(DefaultCatalog.OBSERVER);
  }

  @Test
  void allOrNothingGrantWithMissingSeatsIsRefusedWholeAndWritesNothing() {
    LicensePool observation = pool(OBSERVATION, 3);
    List<UserId> users = plainUsers("n", 5, NORTH);
    int auditBefore = auditSize();
    events.clear();

    BulkResult result = admin.bulk().run(request(NORTH_USERS, GRANT_OBSERVER, BulkMode.ALL_OR_NOTHING).build());

    assertThat(result.status()).isEqualTo(BulkResult.Status.REFUSED);
    assertThat(result.refused()).isEqualTo(2);
    assertThat(result.seatsOf(OBSERVATION).orElseThrow().shortfall()).isEqualTo(2);
    assertThat(usage(observation).seatsInUse()).isZero();
    assertThat(users).allSatisfy(user -> assertThat(rolesIn(user)).isEmpty());
    assertThat(auditSize()).isEqualTo(auditBefore);
    assertThat(events.published()).isEmpty();
  }

  @Test
  void allOrNothingGrantWithEnoughSeatsChangesEveryUserAndAuditsEachStep() {
    LicensePool observation = pool(OBSERVATION, 5);
    List<UserId> users = plainUsers("n", 5, NORTH);
    events.clear();

    BulkResult result = admin.bulk().run(request(NORTH_USERS, GRANT_OBSERVER, BulkMode.ALL_OR_NOTHING).build());

    assertThat(result.status()).isEqualTo(BulkResult.Status.COMPLETED);
    assertThat(result.done()).isEqualTo(5);
    assertThat(usage(observation).seatsInUse()).isEqualTo(5);
    assertThat(events.published(ChangeType.ROLE_GRANTED)).hasSize(5);
    assertThat(events.published(ChangeType.CLAIM_ASSIGNED)).hasSize(5);
    assertThat(events.published(ChangeType.BULK_COMPLETED)).singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("done", "5"));
    assertThat(users).allSatisfy(user -> assertThat(admin.claims().ofUser(user)).hasSize(1));
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void usersAlreadyGrantedAreAlreadyAndArchivedUsersAreRefused(BulkMode mode) {
    pool(OBSERVATION, 10);
    List<UserId> users = plainUsers("n", 3, NORTH);
    admin.bulk().run(request(NORTH_USERS, GRANT_OBSERVER, BulkMode.BEST_EFFORT).build());
    UserId archived = plainUser("n-99", NORTH);
    admin.users().archive(archived, "left");

    BulkResult again = admin.bulk().run(request(NORTH_USERS, GRANT_OBSERVER, mode).build());

    assertThat(again.already()).isEqualTo(3);
    assertThat(again.outcomeOf(archived).orElseThrow().code()).contains("USER_ARCHIVED");
    assertThat(again.status()).isEqualTo(mode == BulkMode.ALL_OR_NOTHING ? BulkResult.Status.REFUSED : BulkResult.Status.COMPLETED);
    assertThat(users).allSatisfy(user -> assertThat(admin.claims().ofUser(user)).hasSize(1));
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void addingOrganizationsGivesMembershipsWithRoles(BulkMode mode) {
    pool(OBSERVATION, 10);
    List<UserId> users = plainUsers("n", 3, NORTH);

    BulkResult result = admin.bulk().run(request(NORTH_USERS,
        BulkAction.changeOrganizations(BulkAction.MembershipChange.ADD, Set.of(SOUTH), Set.of(DefaultCatalog.OBSERVER)), mode).build());

    assertThat(result.done()).isEqualTo(3);
    assertThat(admin.bulk().count(UserFilter.builder().organization(SOUTH).role(DefaultCatalog.OBSERVER).build())).isEqualTo(3);
    assertThat(users).allSatisfy(user -> {
      assertThat(orgsOf(user)).containsExactly(NORTH, SOUTH);
      assertThat(admin.claims().ofUser(user)).extracting(c -> c.product()).containsExactly(OBSERVATION);
    });
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void removingAnOrganizationRevokesWhatNoOtherRoleJustifiesAndFreesSeats(BulkMode mode) {
    LicensePool observation = pool(OBSERVATION, 10);
    LicensePool coaching = pool(COACHING, 10);
    UserId teacher = register("t-1", DefaultCatalog.TEACHER, NORTH);
    admin.assignments().assignRole(teacher, SOUTH, DefaultCatalog.OBSERVER);

    BulkResult result = admin.bulk().run(request(UserFilter.builder().jobProfile(DefaultCatalog.TEACHER).build(),
        BulkAction.changeOrganizations(BulkAction.MembershipChange.REMOVE, Set.of(NORTH), Set.of()), mode).build());

    assertThat(result.done()).isEqualTo(1);
    assertThat(orgsOf(teacher)).containsExactly(SOUTH);
    assertThat(liveProducts(teacher)).containsExactly(OBSERVATION); // OBSERVER in SOUTH still grants it
    assertThat(usage(coaching).seatsInUse()).isZero();
    assertThat(usage(observation).seatsInUse()).isEqualTo(1);
    assertThat(result.seatsOf(COACHING).orElseThrow().released()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void replacingOrganizationsLeavesExactlyTheNewMemberships(BulkMode mode) {
    pool(OBSERVATION, 10);
    LicensePool coaching = pool(COACHING, 10);
    UserId teacher = register("t-1", DefaultCatalog.TEACHER, NORTH);

    admin.bulk().run(request(UserFilter.builder().organization(NORTH).build(),
        BulkAction.changeOrganizations(BulkAction.MembershipChange.REPLACE, Set.of(SOUTH), Set.of(DefaultCatalog.OBSERVER)), mode).build());

    assertThat(orgsOf(teacher)).containsExactly(SOUTH);
    assertThat(rolesIn(teacher)).containsExactly(DefaultCatalog.OBSERVER);
    assertThat(liveProducts(teacher)).containsExactly(OBSERVATION);
    assertThat(usage(coaching).seatsInUse()).isZero();
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void revokingAProductOrARoleFreesTheSeats(BulkMode mode) {
    LicensePool observation = pool(OBSERVATION, 10);
    LicensePool coaching = pool(COACHING, 10);
    register("t-1", DefaultCatalog.TEACHER, NORTH);
    register("t-2", DefaultCatalog.TEACHER, NORTH);
    UserFilter teachers = UserFilter.builder().jobProfile(DefaultCatalog.TEACHER).build();

    BulkResult revokedProduct = admin.bulk().run(request(teachers, BulkAction.revokeProduct(COACHING), mode).build());
    BulkResult revokedRole = admin.bulk().run(request(teachers,
        BulkAction.revokeRole(DefaultCatalog.OBSERVABLE, Optional.of(NORTH)), mode).build());
    BulkResult again = admin.bulk().run(request(teachers, BulkAction.revokeProduct(COACHING), mode).build());

    assertThat(revokedProduct.done()).isEqualTo(2);
    assertThat(revokedRole.done()).isEqualTo(2);
    assertThat(again.already()).isEqualTo(2);
    assertThat(usage(coaching).seatsInUse()).isZero();
    assertThat(usage(observation).seatsInUse()).isZero();
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void suspendReactivateAndArchiveFollowTheAccountRules(BulkMode mode) {
    LicensePool observation = pool(OBSERVATION, 10);
    pool(COACHING, 10);
    activeUser("t-1", DefaultCatalog.TEACHER, NORTH);
    activeUser("t-2", DefaultCatalog.TEACHER, NORTH);
    UserFilter teachers = UserFilter.builder().jobProfile(DefaultCatalog.TEACHER).build();

    BulkResult suspended = admin.bulk().run(request(teachers, BulkAction.changeStatus(BulkAction.StatusChange.SUSPEND), mode).build());
    assertThat(suspended.done()).isEqualTo(2);
    assertThat(usage(observation).seatsInUse()).isEqualTo(2); // suspended users keep seats by default
    assertThat(admin.bulk().count(UserFilter.builder().status(AccountStatus.SUSPENDED).build())).isEqualTo(2);

    BulkResult reactivated = admin.bulk().run(request(teachers, BulkAction.changeStatus(BulkAction.StatusChange.REACTIVATE), mode).build());
    assertThat(reactivated.done()).isEqualTo(2);
    assertThat(admin.bulk().run(request(teachers, BulkAction.changeStatus(BulkAction.StatusChange.REACTIVATE), mode).build())
        .already()).isEqualTo(2);

    BulkResult archived = admin.bulk().run(request(teachers, BulkAction.changeStatus(BulkAction.StatusChange.ARCHIVE), mode).build());
    assertThat(archived.done()).isEqualTo(2);
    assertThat(usage(observation).seatsInUse()).isZero();
    BulkResult suspendArchived = admin.bulk().run(request(teachers, BulkAction.changeStatus(BulkAction.StatusChange.SUSPEND), mode).build());
    assertThat(suspendArchived.refused()).isEqualTo(2);
    assertThat(suspendArchived.outcomes()).allSatisfy(o -> assertThat(o.code()).contains("ILLEGAL_STATUS_CHANGE"));
  }

  @Test
  void reporterMayNotRunBulkActionsAndBadRequestsAreRefusedBeforeAnythingIsWritten() {
    plainUsers("n", 2, NORTH);
    int refusedAt = auditSize();
    assertThatThrownBy(() -> tenant.as(Actor.reporter("r-1")).bulk().run(request(NORTH_USERS, GRANT_OBSERVER, BulkMode.BEST_EFFORT).build()))
        .isInstanceOf(NotAuthorizedException.class);
    // the refusal itself is audited, and is all that is written
    assertThat(auditSize()).isEqualTo(refusedAt + 1);
    assertThat(admin.audit().page(org.licensekit.core.api.AuditQuery.builder().limit(1).build()).items().get(0).action())
        .isEqualTo(org.licensekit.core.domain.ChangeType.ACCESS_REFUSED);
    int auditBefore = auditSize();
    assertThatThrownBy(() -> request(NORTH_USERS, GRANT_OBSERVER, BulkMode.BEST_EFFORT).reason(" ").chunkSize(0).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("reason", "chunkSize"));
    assertThatThrownBy(() -> admin.bulk().run(request(NORTH_USERS,
        BulkAction.grantRoles(org.licensekit.core.domain.OrganizationId.of("nowhere"), Set.of(DefaultCatalog.OBSERVER)), BulkMode.BEST_EFFORT).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("organizationId"));
    assertThat(auditSize()).isEqualTo(auditBefore);
  }

  @Test
  void aKeyReusedForAnotherRequestIsRefused() {
    pool(OBSERVATION, 10);
    plainUsers("n", 2, NORTH);
    admin.bulk().run(request(NORTH_USERS, GRANT_OBSERVER, BulkMode.BEST_EFFORT).idempotencyKey("k-1").build());

    assertThatThrownBy(() -> admin.bulk().run(request(NORTH_USERS, BulkAction.revokeProduct(OBSERVATION), BulkMode.BEST_EFFORT)
        .idempotencyKey("k-1").build()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED"));
  }

  private java.util.Set<org.licensekit.core.domain.RoleId> rolesIn(UserId user) {
    return store.directory().membershipsOf(tenantId, user).stream()
        .flatMap(m -> m.roles().stream()).collect(java.util.stream.Collectors.toSet());
  }

  /**
   * A move to another school refused for want of a seat there moves nothing and leaves no queue
   * entry behind: the queue serves a user under their memberships as they are, so an entry would
   * later be served from the pool of the school the move meant the user to leave.
   */
  @Test
  void aReplaceRefusedForWantOfASeatIsNeverServedFromThePoolOfTheOrganizationBeingLeft() {
    LicensePool north = admin.pools().add(org.licensekit.core.api.NewPool.builder().product(OBSERVATION).seats(5)
        .term(schoolYear()).scope(Optional.of(NORTH)).build());
    admin.pools().add(org.licensekit.core.api.NewPool.builder().product(OBSERVATION).seats(1)
        .term(schoolYear()).scope(Optional.of(SOUTH)).build());
    UserId southern = plainUser("s-1", SOUTH);
    admin.assignments().assignProduct(southern, OBSERVATION, "takes the south seat");
    UserId mover = plainUser("n-1", NORTH);

    BulkResult result = admin.bulk().run(request(UserFilter.builder().organization(NORTH).build(),
        BulkAction.changeOrganizations(BulkAction.MembershipChange.REPLACE, Set.of(SOUTH), Set.of(DefaultCatalog.OBSERVER)),
        BulkMode.BEST_EFFORT).build());
    admin.lifecycle().serveWaitlists();

    assertThat(result.refused()).isEqualTo(1);
    assertThat(orgsOf(mover)).containsExactly(NORTH);
    assertThat(admin.waitlist().of(OBSERVATION)).isEmpty();
    assertThat(liveProducts(mover)).as("no seat of the school the move was to leave").isEmpty();
    assertThat(usage(north).seatsInUse()).isZero();
  }

  private List<org.licensekit.core.domain.OrganizationId> orgsOf(UserId user) {
    return store.directory().membershipsOf(tenantId, user).stream().map(Membership::organization).sorted().toList();
  }

  private List<org.licensekit.core.domain.ProductId> liveProducts(UserId user) {
    return admin.claims().ofUser(user).stream().filter(c -> c.live()).map(c -> c.product()).sorted().toList();
  }
}
