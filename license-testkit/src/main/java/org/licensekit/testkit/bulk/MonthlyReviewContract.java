package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AlertContact;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.MonthlyReview;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/** The monthly license review: one digest per recipient per month, whatever the runs and instances. */
public abstract class MonthlyReviewContract extends BulkTestSupport {

  private static final AlertContact ADMINISTRATOR = new AlertContact(UserId.of("admin-7"), "Ada Admin", "ada@example.org");
  private static final AlertContact REPORTER = new AlertContact(UserId.of("reporter-2"), "Rae Reporter", "rae@example.org");
  private static final MonthlyReview REVIEW = MonthlyReview.to(List.of(ADMINISTRATOR, REPORTER));

  @Test
  void theDigestTellsPendingClaimsUnusedLicensesPoolsEndingSoonAndWaitingUsersOncePerMonth() {
    pool(OBSERVATION, 1);
    LicensePool ending = pool(COACHING, 3, Term.of(START.minus(Duration.ofDays(30)), START.plus(Duration.ofDays(70))));
    UserId holder = plainUser("holder", NORTH);
    UserId waiting = plainUser("waiting", NORTH);
    admin.assignments().assignProduct(holder, OBSERVATION, "pilot");
    admin.assignments().assignProduct(waiting, OBSERVATION, "pilot");
    clock.advance(Duration.ofDays(40));

    JobRun sent = admin.lifecycle().sendMonthlyReview(REVIEW);
    JobRun again = admin.lifecycle().sendMonthlyReview(REVIEW);

    assertThat(sent.changed()).isEqualTo(1);
    assertThat(sent.notified()).isEqualTo(2);
    assertThat(again.changed()).isZero();
    assertThat(again.notified()).isZero();
    assertThat(again.skipped()).isEqualTo(1);
    assertThat(notifier.sent(Notification.Kind.MONTHLY_REVIEW)).hasSize(2)
        .extracting(Notification::user).containsExactlyInAnyOrder(ADMINISTRATOR.user(), REPORTER.user());
    assertThat(notifier.sent(Notification.Kind.MONTHLY_REVIEW).get(0).attributes())
        .containsEntry("period", "2026-10")
        .containsEntry("pendingClaims", "1")
        .containsEntry("unusedLicenses", "1")
        .containsEntry("poolsEndingSoon", ending.id().value())
        .containsEntry("waitingUsers", "1")
        .containsEntry("waitingByProduct", OBSERVATION.value() + "=1")
        .containsEntry("seatsAssigned", "1")
        .containsKey("activationRate");
    assertThat(events.published(ChangeType.MONTHLY_REVIEW_SENT)).singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("period", "2026-10"));

    clock.advance(Duration.ofDays(31));
    assertThat(admin.lifecycle().sendMonthlyReview(REVIEW).changed()).as("next month's review").isEqualTo(1);
    assertThat(notifier.sent(Notification.Kind.MONTHLY_REVIEW)).hasSize(4);
  }

  /**
   * START is 2026-09-01. September: four observation claims assigned, three claimed; two coaching
   * claims assigned, none claimed. October: two observation claims assigned, one claimed; one
   * coaching claim assigned and claimed. November's review compares October with September, from
   * the claims — the same figures as the analytics report's activation for each month.
   */
  @Test
  void theDigestTellsTheActivationTrendOfTheLastMonthAgainstTheMonthBeforePerProduct() {
    pool(OBSERVATION, 20);
    pool(COACHING, 20);
    List<UserId> september = plainUsers("sep", 6, NORTH);
    for (int i = 0; i < 4; i++) {
      admin.assignments().assignProduct(september.get(i), OBSERVATION, "autumn pilot");
    }
    admin.assignments().assignProduct(september.get(4), COACHING, "autumn pilot");
    admin.assignments().assignProduct(september.get(5), COACHING, "autumn pilot");
    clock.advance(Duration.ofDays(2));
    for (int i = 0; i < 3; i++) {
      asUser(september.get(i)).claims().claim(september.get(i), OBSERVATION);
    }
    clock.set(java.time.Instant.parse("2026-10-05T09:00:00Z"));
    List<UserId> october = plainUsers("oct", 3, NORTH);
    admin.assignments().assignProduct(october.get(0), OBSERVATION, "second wave");
    admin.assignments().assignProduct(october.get(1), OBSERVATION, "second wave");
    admin.assignments().assignProduct(october.get(2), COACHING, "second wave");
    clock.advance(Duration.ofDays(1));
    asUser(october.get(0)).claims().claim(october.get(0), OBSERVATION);
    asUser(october.get(2)).claims().claim(october.get(2), COACHING);
    clock.set(java.time.Instant.parse("2026-11-02T07:00:00Z"));

    admin.lifecycle().sendMonthlyReview(REVIEW);

    assertThat(notifier.sent(Notification.Kind.MONTHLY_REVIEW).get(0).attributes())
        .containsEntry("period", "2026-11")
        .containsEntry("activationPeriod", "2026-10")
        .containsEntry("activationPreviousPeriod", "2026-09")
        .containsEntry("activationTrend", "0.667/0.500/+0.167")
        .containsEntry("activationTrendByProduct", "coaching=1.000/0.000/+1.000,observation=0.500/0.750/-0.250");
    double octoberObservation = admin.reports().analytics(org.licensekit.core.api.report.AnalyticsQuery
        .between(java.time.LocalDate.of(2026, 10, 1), java.time.LocalDate.of(2026, 11, 1)).product(OBSERVATION).build())
        .activation().rate();
    assertThat(octoberObservation).as("the analytics report's activation for October").isEqualTo(0.5);

    clock.set(java.time.Instant.parse("2026-12-01T07:00:00Z"));
    admin.lifecycle().sendMonthlyReview(REVIEW);
    assertThat(notifier.sent(Notification.Kind.MONTHLY_REVIEW).get(2).attributes())
        .as("December's review: nothing was assigned in November")
        .containsEntry("activationTrend", "-/0.667/-")
        .containsEntry("activationTrendByProduct", "coaching=-/1.000/-,observation=-/0.500/-");
  }

  @Test
  void twoInstancesRunningAtOnceSendOneReview() throws Exception {
    pool(OBSERVATION, 2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int month = 0; month < 3; month++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JobRun>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          runs.add(threads.submit(() -> {
            start.await();
            return admin.lifecycle().sendMonthlyReview(REVIEW);
          }));
        }
        start.countDown();
        long changed = 0;
        for (Future<JobRun> run : runs) {
          changed += run.get(60, TimeUnit.SECONDS).changed();
        }
        assertThat(changed).as("reviews sent in month %d", month).isEqualTo(1);
        assertThat(notifier.sent(Notification.Kind.MONTHLY_REVIEW)).as("digests after month %d", month).hasSize(2 * (month + 1));
        clock.advance(Duration.ofDays(31));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aReviewWithoutRecipientsOrWithWindowsOutOfRangeIsRefusedByField() {
    assertThatThrownBy(() -> MonthlyReview.to(List.of()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("recipients"));
    assertThatThrownBy(() -> new MonthlyReview(List.of(ADMINISTRATOR), 0, 3651))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.fields()).containsExactly("unusedAfterDays", "endingWithinDays"));
  }
}
