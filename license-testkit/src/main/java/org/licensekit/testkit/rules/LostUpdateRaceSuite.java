package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * No lost update under real concurrency: read-modify-write commands racing on one user account or
 * one membership keep every change. An edit that loses a race is run again by the store (JDBC) or
 * refused with a {@code *_CHANGED_CONCURRENTLY} conflict; it never writes back what it read. Each race
 * runs {@code -Dlicensekit.race.rounds} times (default 10), each round on a user of its own.
 */
public abstract class LostUpdateRaceSuite extends LicensingTestSupport {

  private static final int EDITORS = 8;
  private static final List<RoleId> ROLES = List.of(DefaultCatalog.PROCTOR, DefaultCatalog.OBSERVABLE,
      DefaultCatalog.OBSERVER, DefaultCatalog.EVALUATOR, DefaultCatalog.REPORTER);

  @Test
  void emailEditsRacingASuspensionNeverPutTheStatusBackToActive() throws InterruptedException {
    for (int round = 0; round < rounds(); round++) {
      UserId user = activeUser("edited-" + round);
      List<Race.Outcome<UserAccount>> outcomes = Race.run(EDITORS + 1, i -> i == EDITORS
          ? () -> admin.users().suspend(user, "race")
          : () -> admin.users().update(UserUpdate.builder().id(user).email("edit-" + i + "@example.org").build()));

      assertFailuresAreConcurrencyConflicts(outcomes, round);
      assertThat(outcomes.get(EDITORS).failed()).as("round %d: the suspension went through", round).isFalse();
      UserAccount after = admin.users().find(user).orElseThrow();
      assertThat(after.status()).as("round %d: status after the race", round).isEqualTo(AccountStatus.SUSPENDED);
      Set<String> applied = outcomes.subList(0, EDITORS).stream().filter(o -> !o.failed())
          .map(o -> o.result().email()).collect(Collectors.toSet());
      if (!applied.isEmpty()) {
        assertThat(applied).as("round %d: the stored e-mail is one an edit wrote", round).contains(after.email());
      }
    }
  }

  @Test
  void concurrentGrantsOfOneMembershipLoseNoRoleAndNeverFail() throws InterruptedException {
    for (int round = 0; round < rounds(); round++) {
      UserId user = activeUser("granted-" + round);
      // every role twice: different roles must all survive, the same role twice is no duplicate
      List<Race.Outcome<Object>> outcomes = Race.run(2 * ROLES.size(),
          i -> () -> admin.assignments().assignRole(user, NORTH, ROLES.get(i % ROLES.size())));

      assertThat(outcomes).as("round %d: no grant may fail", round).noneMatch(Race.Outcome::failed);
      assertThat(store.directory().membershipsOf(tenantId, user)).as("round %d: roles after the race", round)
          .singleElement().extracting(Membership::roles).isEqualTo(Set.copyOf(ROLES));
    }
  }

  @Test
  void assignmentsRacingAnArchiveNeverLeaveTheArchivedUserASeat() throws InterruptedException {
    pool(OBSERVATION, 1_000);
    pool(COACHING, 1_000);
    for (int round = 0; round < rounds(); round++) {
      UserId user = activeUser("archived-" + round);
      boolean offboard = round % 2 == 1;
      Race.<Object>run(EDITORS + 1, i -> i == EDITORS
          ? (offboard ? () -> admin.lifecycle().offboard(user, "race") : () -> admin.users().archive(user, "race"))
          : () -> i % 2 == 0
              ? admin.assignments().assignProduct(user, i % 4 == 0 ? OBSERVATION : COACHING, "race")
              : admin.assignments().assignRole(user, NORTH, DefaultCatalog.OBSERVABLE));

      assertThat(admin.users().find(user).orElseThrow().status()).as("round %d: status after the race", round)
          .isEqualTo(AccountStatus.ARCHIVED);
      assertThat(store.claims().listForUser(tenantId, user)).as("round %d (%s): live claims of the archived user",
              round, offboard ? "offboard" : "archive")
          .noneMatch(LicenseClaim::live);
    }
  }

  /**
   * Grants into a membership racing its removal (an offboarding, or a removal from the
   * organization): a grant that found the membership must not write its role after the removal
   * deleted it (a raw foreign-key error on H2 before the fix), nor re-add it to an archived user.
   */
  @Test
  void grantsRacingTheRemovalOfTheirMembershipFailOnlyWithAClearRefusal() throws InterruptedException {
    Set<String> clear = Set.of(ErrorCode.USER_ARCHIVED.name(), ErrorCode.USER_CHANGED_CONCURRENTLY.name(),
        ErrorCode.NOT_A_MEMBER.name());
    for (int round = 0; round < rounds(); round++) {
      UserId user = activeUser("left-" + round);
      admin.assignments().assignRole(user, NORTH, DefaultCatalog.REPORTER);
      admin.assignments().assignRole(user, SOUTH, DefaultCatalog.REPORTER);
      boolean offboard = round % 2 == 0;
      List<Race.Outcome<Object>> outcomes = Race.run(EDITORS + 1, i -> i == EDITORS
          ? (offboard ? () -> admin.lifecycle().offboard(user, "race") : () -> admin.assignments().removeFromOrganization(user, NORTH, "race"))
          : () -> admin.assignments().assignRole(user, i % 3 == 0 ? SOUTH : NORTH, ROLES.get(i % (ROLES.size() - 1))));

      int finished = round;
      assertThat(outcomes).as("round %d (%s): racers fail only with a clear refusal", round, offboard ? "offboard" : "remove")
          .filteredOn(Race.Outcome::failed)
          .allSatisfy(o -> assertThat(o.error()).as("round %d, racer %d", finished, o.racer())
              .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isIn(clear)));
      if (offboard) {
        assertThat(outcomes.get(EDITORS).failed()).as("round %d: the offboarding went through", round).isFalse();
        assertThat(store.directory().membershipsOf(tenantId, user)).as("round %d: memberships of the offboarded user", round)
            .isEmpty();
      }
    }
  }

  /**
   * A settings change to "suspended users give up their seats" racing suspensions (and assignments
   * to users already suspended): each suspended user may keep a seat only when the setting in force
   * when the suspension (or the assignment) committed let them, as the audit trail orders the two
   * ({@link SettingsHistory}). A suspension that read the old setting and committed after the change
   * would keep a seat that the trail says the setting forbade.
   */
  @Test
  void suspensionsRacingASettingsChangeKeepOnlySeatsTheSettingInForceAllowed() throws InterruptedException {
    pool(OBSERVATION, 1_000);
    pool(COACHING, 1_000);
    int users = 2 * EDITORS;
    for (int round = 0; round < rounds(); round++) {
      admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(true).build());
      List<UserId> racers = new java.util.ArrayList<>();
      for (int i = 0; i < users; i++) {
        UserId user = activeUser("kept-" + round + "-" + i);
        admin.assignments().assignProduct(user, OBSERVATION, "race");
        if (i % 4 == 3) {
          admin.users().suspend(user, "before the race");
        }
        racers.add(user);
      }
      List<Race.Outcome<Object>> outcomes = Race.run(users + 1, i -> i == users
          ? () -> admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build())
          : i % 4 == 3
              ? () -> admin.assignments().assignProduct(racers.get(i), COACHING, "race")
              : () -> admin.users().suspend(racers.get(i), "race"));

      int finished = round;
      assertThat(outcomes).as("round %d: racers fail only with a clear refusal", round)
          .filteredOn(Race.Outcome::failed)
          .allSatisfy(o -> assertThat(o.error()).as("round %d, racer %d", finished, o.racer())
              .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code())
                  .isIn(ErrorCode.USER_SUSPENDED.name(), ErrorCode.USER_CHANGED_CONCURRENTLY.name())));
      assertThat(SettingsHistory.read(admin).unexplained(admin.reports().reconcile(true).found()))
          .as("round %d: seats suspended users keep against the setting in force", round).isEmpty();
    }
  }

  private UserId activeUser(String id) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name("User " + id).email(id + "@example.org").invite(false).build());
    admin.users().activate(user);
    return user;
  }

  private static void assertFailuresAreConcurrencyConflicts(List<? extends Race.Outcome<?>> outcomes, int round) {
    assertThat(outcomes).as("round %d: racers fail only with a clear concurrency conflict", round)
        .filteredOn(Race.Outcome::failed)
        .allSatisfy(o -> assertThat(o.error()).isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_CHANGED_CONCURRENTLY.name())));
  }

  private static int rounds() {
    return SuiteSettings.size(SuiteSettings.RACE_ROUNDS, 10);
  }
}
