package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.policy.WaitlistPolicy.Verdict;

class WaitlistPolicyTest {

  private static final TenantSettings KEEP_SEATS = TenantSettings.builder().build();
  private static final TenantSettings RELEASE_SEATS = TenantSettings.builder().suspendedUsersKeepSeats(false).build();

  private static Verdict verdict(Optional<AccountStatus> status, TenantSettings settings, boolean holdsLive, boolean justified,
      boolean prerequisitesMet) {
    return WaitlistPolicy.decide(status.map(PolicyFixtures::user), settings, holdsLive, justified, prerequisitesMet).verdict();
  }

  @Test
  void anActiveUserWithEverythingInPlaceIsServed() {
    assertThat(verdict(Optional.of(AccountStatus.ACTIVE), KEEP_SEATS, false, true, true)).isEqualTo(Verdict.SERVE);
    assertThat(verdict(Optional.of(AccountStatus.INVITED), KEEP_SEATS, false, true, true)).isEqualTo(Verdict.SERVE);
  }

  @Test
  void aUserWhoCannotUseASeatYetKeepsTheirPlace() {
    assertThat(verdict(Optional.of(AccountStatus.ACTIVE), KEEP_SEATS, false, true, false)).isEqualTo(Verdict.KEEP);
    assertThat(verdict(Optional.of(AccountStatus.SUSPENDED), RELEASE_SEATS, false, true, true)).isEqualTo(Verdict.KEEP);
    assertThat(verdict(Optional.of(AccountStatus.SUSPENDED), KEEP_SEATS, false, true, true)).isEqualTo(Verdict.SERVE);
  }

  @Test
  void aUserWhoShouldNoLongerWaitLeavesTheQueue() {
    assertThat(verdict(Optional.empty(), KEEP_SEATS, false, true, true)).isEqualTo(Verdict.DROP);
    assertThat(verdict(Optional.of(AccountStatus.ARCHIVED), KEEP_SEATS, false, true, true)).isEqualTo(Verdict.DROP);
    assertThat(verdict(Optional.of(AccountStatus.ACTIVE), KEEP_SEATS, true, true, true)).isEqualTo(Verdict.DROP);
    assertThat(verdict(Optional.of(AccountStatus.ACTIVE), KEEP_SEATS, false, false, true)).isEqualTo(Verdict.DROP);
  }

  @Test
  void leavingComesBeforeWaitingSoAnArchivedUserWithoutTrainingIsDroppedNotKept() {
    assertThat(verdict(Optional.of(AccountStatus.ARCHIVED), RELEASE_SEATS, false, true, false)).isEqualTo(Verdict.DROP);
    assertThat(WaitlistPolicy.decide(Optional.of(PolicyFixtures.user(AccountStatus.ACTIVE)), KEEP_SEATS, false, true, false).why())
        .contains("prerequisites");
  }
}
