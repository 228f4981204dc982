package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.UserId;

/**
 * Every operation × every kind of actor, against a table written from the issue: a system
 * administrator (and the host's system jobs) may do everything; a reporter may read reports and
 * records; a user may claim, check and read only their own licenses; everything else is refused.
 */
class AuthorizationTest {

  private static final UserId ANA = UserId.of("ana");

  /** The actors of the matrix; every call concerns Ana. */
  enum Caller {
    SYSTEM_ADMINISTRATOR(Actor.systemAdministrator("admin-7")),
    SYSTEM(Actor.system("nightly-sweep")),
    REPORTER(Actor.reporter("analyst-3")),
    USER_SELF(Actor.user(ANA)),
    USER_OTHER(Actor.user(UserId.of("bob"))),
    ORGANIZATION_ADMINISTRATOR(Actor.organizationAdministrator("north-admin", java.util.Set.of(org.licensekit.core.domain.OrganizationId.of("north")))),
    ORGANIZATION_REPORTER(Actor.organizationReporter("north-analyst", java.util.Set.of(org.licensekit.core.domain.OrganizationId.of("north"))));

    final Actor actor;

    Caller(Actor actor) {
      this.actor = actor;
    }
  }

  private static final boolean Y = true;
  private static final boolean N = false;

  /**
   * Columns: system administrator, system, reporter, Ana herself, another user, an organization
   * administrator, an organization reporter (by kind only: whether Ana is inside its organizations
   * is {@link OrganizationReach}'s to say, checked by the kernel).
   */
  private static final Map<Operation, boolean[]> EXPECTED = new EnumMap<>(Map.ofEntries(
      row(Operation.DEFINE_CATALOG,      Y, Y, N, N, N, N, N),
      row(Operation.READ_CATALOG,        Y, Y, Y, N, N, Y, Y),
      row(Operation.DEFINE_ORGANIZATION, Y, Y, N, N, N, Y, N),
      row(Operation.READ_DIRECTORY,      Y, Y, Y, N, N, Y, Y),
      row(Operation.READ_USER_PROFILE,   Y, Y, N, Y, N, Y, N),
      row(Operation.REGISTER_USER,       Y, Y, N, N, N, Y, N),
      row(Operation.UPDATE_USER,         Y, Y, N, N, N, Y, N),
      row(Operation.CHANGE_USER_STATUS,  Y, Y, N, N, N, Y, N),
      row(Operation.ERASE_PERSONAL_DATA, Y, Y, N, N, N, Y, N),
      row(Operation.MANAGE_POOLS,        Y, Y, N, N, N, Y, N),
      row(Operation.READ_POOLS,          Y, Y, Y, N, N, Y, Y),
      row(Operation.ASSIGN,              Y, Y, N, N, N, Y, N),
      row(Operation.CLAIM,               Y, Y, N, Y, N, Y, N),
      row(Operation.REVOKE_CLAIM,        Y, Y, N, N, N, Y, N),
      // one user's claims and training are that user's own records; reporters read them through reports
      row(Operation.READ_CLAIMS,         Y, Y, N, Y, N, Y, N),
      row(Operation.RECORD_TRAINING,     Y, Y, N, N, N, Y, N),
      row(Operation.ASSIGN_TRAINING,     Y, Y, N, N, N, Y, N),
      row(Operation.READ_TRAINING,       Y, Y, N, Y, N, Y, N),
      row(Operation.READ_WAITLIST,       Y, Y, Y, N, N, Y, Y),
      row(Operation.MANAGE_WAITLIST,     Y, Y, N, N, N, Y, N),
      row(Operation.CHECK_ACCESS,        Y, Y, N, Y, N, Y, N),
      row(Operation.READ_AUDIT,          Y, Y, Y, N, N, Y, Y),
      row(Operation.VERIFY_AUDIT,        Y, Y, Y, N, N, N, N),
      row(Operation.READ_REPORTS,        Y, Y, Y, N, N, Y, Y),
      row(Operation.MANAGE_SETTINGS,     Y, Y, N, N, N, N, N),
      row(Operation.READ_SETTINGS,       Y, Y, Y, N, N, Y, Y),
      row(Operation.BULK_CHANGE,         Y, Y, N, N, N, Y, N),
      row(Operation.RUN_LIFECYCLE,       Y, Y, N, N, N, N, N),

      // issue 4: only administrators act on unused licenses and reconcile; users record their own usage
      row(Operation.REMIND_USERS,        Y, Y, N, N, N, Y, N),
      row(Operation.RECLAIM_LICENSES,    Y, Y, N, N, N, Y, N),
      row(Operation.RECONCILE,           Y, Y, N, N, N, N, N),
      row(Operation.RECORD_USAGE,        Y, Y, N, Y, N, Y, N),
      row(Operation.MANAGE_OUTBOX,       Y, Y, N, N, N, N, N),
      row(Operation.READ_OUTBOX,         Y, Y, Y, N, N, N, N)));

  private static Map.Entry<Operation, boolean[]> row(Operation operation, boolean... allowedFor) {
    return Map.entry(operation, allowedFor);
  }

  static Stream<Arguments> everyOperationForEveryCaller() {
    return Arrays.stream(Operation.values())
        .flatMap(operation -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(operation, caller)));
  }

  @Test
  void theTableCoversEveryOperation() {
    assertThat(EXPECTED).containsOnlyKeys(Operation.values());
    assertThat(EXPECTED.values()).allSatisfy(row -> assertThat(row).hasSize(Caller.values().length));
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("everyOperationForEveryCaller")
  void callerMayPerformExactlyTheOperationsOfTheTable(Operation operation, Caller caller) {
    boolean expected = EXPECTED.get(operation)[caller.ordinal()];

    Optional<Refusal> refusal = Authorization.check(caller.actor, operation, Optional.of(ANA));

    if (expected) {
      assertThat(refusal).as("%s may %s", caller, operation).isEmpty();
    } else {
      assertThat(refusal).as("%s may not %s", caller, operation).get().satisfies(r -> {
        assertThat(r.code()).isEqualTo(Authorization.NOT_AUTHORIZED);
        assertThat(r.message()).contains(caller.actor.toString());
      });
    }
  }

  @Test
  void userCannotActOnLicensesThatNameNoUser() {
    assertThat(Authorization.check(Actor.user(ANA), Operation.READ_CLAIMS, Optional.empty())).isPresent();
  }

  @Test
  void refusalSaysWhoMayNotDoWhatForWhom() {
    Refusal refusal = Authorization.check(Actor.user(UserId.of("bob")), Operation.CHECK_ACCESS, Optional.of(ANA))
        .orElseThrow();

    assertThat(refusal.message()).contains("user:bob", "check access", "ana");
  }
}
