package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.policy.PolicyFixtures.user;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.policy.AccountLifecycle.Move;

class AccountLifecycleTest {

  /** The guide's account moves, written out here rather than read from the code under test. */
  private static final Map<Move, Set<String>> LEGAL = Map.of(
      Move.ACTIVATE, Set.of("INVITED"),
      Move.SUSPEND, Set.of("INVITED", "ACTIVE"),
      Move.REACTIVATE, Set.of("SUSPENDED"),
      Move.ARCHIVE, Set.of("INVITED", "ACTIVE", "SUSPENDED"));

  private static final TenantSettings KEEP = TenantSettings.builder().suspendedUsersKeepSeats(true).build();
  private static final TenantSettings RELEASE = TenantSettings.builder().suspendedUsersKeepSeats(false).build();

  static Stream<Arguments> everyStatusAndMove() {
    return Arrays.stream(AccountStatus.values())
        .flatMap(status -> Arrays.stream(Move.values()).map(move -> Arguments.of(status, move)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyStatusAndMove")
  void onlyTheGuidesStatusMovesAreLegal(AccountStatus from, Move move) {
    boolean expected = LEGAL.get(move).contains(from.name());

    Optional<Refusal> refusal = AccountLifecycle.check(from, move);

    if (expected) {
      assertThat(refusal).isEmpty();
    } else {
      assertThat(refusal).get().satisfies(r -> {
        assertThat(r.code()).isEqualTo(AccountLifecycle.ILLEGAL_STATUS_CHANGE);
        assertThat(r.message()).contains(from.name(), move.to().name());
      });
    }
  }

  @ParameterizedTest
  @EnumSource(AccountStatus.class)
  void archivedAccountsNeverHoldSeatsAndSuspendedOnesAsTheTenantSays(AccountStatus status) {
    boolean keep = AccountLifecycle.holdsSeats(status, KEEP);
    boolean release = AccountLifecycle.holdsSeats(status, RELEASE);

    switch (status) {
      case INVITED, ACTIVE -> assertThat(keep && release).isTrue();
      case SUSPENDED -> assertThat(keep && !release).isTrue();
      case ARCHIVED -> assertThat(keep || release).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Move.class)
  void aMoveReleasesSeatsExactlyWhenItsTargetHoldsNone(Move move) {
    assertThat(AccountLifecycle.releasesSeats(move, RELEASE)).isEqualTo(move == Move.SUSPEND || move == Move.ARCHIVE);
    assertThat(AccountLifecycle.releasesSeats(move, KEEP)).isEqualTo(move == Move.ARCHIVE);
    assertThat(AccountLifecycle.restoresSeats(move)).isEqualTo(move == Move.REACTIVATE);
  }

  @ParameterizedTest
  @EnumSource(AccountStatus.class)
  void onlyAccountsThatHoldSeatsMayBeAssignedProducts(AccountStatus status) {
    Optional<Refusal> keep = AccountLifecycle.assignable(user(status), KEEP);
    Optional<Refusal> release = AccountLifecycle.assignable(user(status), RELEASE);

    switch (status) {
      case INVITED, ACTIVE -> assertThat(keep.isEmpty() && release.isEmpty()).isTrue();
      case SUSPENDED -> {
        assertThat(keep).isEmpty();
        assertThat(release).map(Refusal::code).contains(AccountLifecycle.USER_SUSPENDED);
      }
      case ARCHIVED -> {
        assertThat(keep).map(Refusal::code).contains(AccountLifecycle.USER_ARCHIVED);
        assertThat(release).map(Refusal::code).contains(AccountLifecycle.USER_ARCHIVED);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Move.class)
  void aReleasedSeatRecordsTheMoveAndTheActorsReason(Move move) {
    assertThat(AccountLifecycle.releaseReason(move, "summer break"))
        .isEqualTo("account " + move.to().name().toLowerCase(java.util.Locale.ROOT) + ": summer break");
  }
}
