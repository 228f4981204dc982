package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/** New-user follow-up: reminders once per step for claims still pending, and the claim deadline. */
public abstract class FollowUpContract extends BulkTestSupport {

  @Test
  void eachReminderStepIsSentOncePerPendingClaim() {
    pool(OBSERVATION, 5);
    UserId observer = plainUser("o-1", NORTH);
    admin.assignments().assignRole(observer, NORTH, DefaultCatalog.OBSERVER);
    notifier.clear();

    clock.advance(Duration.ofDays(3).minusSeconds(1));
    assertThat(followUp().notified()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(followUp().notified()).isEqualTo(1);
    assertThat(followUp().notified()).isZero();
    clock.advance(Duration.ofDays(4));
    assertThat(followUp().notified()).isEqualTo(1);
    clock.advance(Duration.ofDays(1));
    assertThat(followUp().notified()).isZero();
    clock.advance(Duration.ofDays(6));
    assertThat(followUp().notified()).isEqualTo(1);
    clock.advance(Duration.ofDays(30));
    assertThat(followUp().notified()).isZero();

    assertThat(notifier.sent(Notification.Kind.CLAIM_REMINDER))
        .extracting(n -> n.attributes().get("step")).containsExactly("PT72H", "PT168H", "PT336H");
    assertThat(notifier.sent(Notification.Kind.CLAIM_REMINDER)).allSatisfy(n -> {
      assertThat(n.user()).isEqualTo(observer);
      assertThat(n.attributes()).containsEntry("product", OBSERVATION.value());
    });
    assertThat(events.published(ChangeType.CLAIM_REMINDED)).hasSize(3);
  }

  @Test
  void aLateFirstRunSendsOnlyTheLatestStepAndClaimedLicensesGetNone() {
    pool(OBSERVATION, 5);
    UserId late = plainUser("o-1", NORTH);
    UserId claimed = plainUser("o-2", NORTH);
    admin.assignments().assignRole(late, NORTH, DefaultCatalog.OBSERVER);
    admin.assignments().assignRole(claimed, NORTH, DefaultCatalog.OBSERVER);
    asUser(claimed).claims().claim(claimed, OBSERVATION);
    notifier.clear();

    clock.advance(Duration.ofDays(15));
    JobRun run = followUp();

    assertThat(run.notified()).isEqualTo(1);
    assertThat(notifier.sent(Notification.Kind.CLAIM_REMINDER)).singleElement()
        .satisfies(n -> assertThat(n.attributes()).containsEntry("step", "PT336H"));
  }

  @Test
  void aPendingClaimPastTheDeadlineIsReclaimedAndItsSeatFreed() {
    LicensePool observation = pool(OBSERVATION, 1);
    UserId slow = plainUser("o-1", NORTH);
    admin.assignments().assignRole(slow, NORTH, DefaultCatalog.OBSERVER);
    FollowUp withDeadline = FollowUp.defaults().withDeadline(Duration.ofDays(30));

    clock.advance(Duration.ofDays(30).minusSeconds(1));
    assertThat(admin.lifecycle().followUp(withDeadline).changed()).isZero();
    clock.advance(Duration.ofSeconds(1));
    JobRun reclaim = admin.lifecycle().followUp(withDeadline);

    assertThat(reclaim.changed()).isEqualTo(1);
    assertThat(admin.claims().ofUser(slow)).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(ClaimStatus.REVOKED);
      assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("reclaimed"));
    });
    assertThat(usage(observation).seatsInUse()).isZero();
    assertThat(admin.lifecycle().followUp(withDeadline).changed()).isZero();
  }

  private JobRun followUp() {
    return tenant.as(org.licensekit.core.domain.Actor.system("scheduler")).lifecycle().followUp(FollowUp.defaults());
  }
}
