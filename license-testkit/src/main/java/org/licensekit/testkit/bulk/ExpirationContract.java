package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.api.AlertContact;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.ExpirationAlerts;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/** Expirations at the exact instant, validity after claim, alerts per window, renewals and roll-overs. */
public abstract class ExpirationContract extends BulkTestSupport {

  private static final AlertContact CONTRACT_OWNER = new AlertContact(UserId.of("owner-1"), "Olga Owner", "olga@example.org");

  @Test
  void claimsExpireAtTheExactEndOfTheTermAndExpiringAgainChangesNothing() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId active = observerWithClaim("o-1", true);
    UserId pending = observerWithClaim("o-2", false);

    clock.set(observation.term().end().minusNanos(1));
    assertThat(admin.lifecycle().expireDue().changed()).isZero();
    clock.set(observation.term().end());
    JobRun run = admin.lifecycle().expireDue();

    assertThat(run.changed()).isEqualTo(2);
    assertThat(statusOf(active)).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(statusOf(pending)).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(usage(observation).seatsInUse()).isZero();
    assertThat(events.published(ChangeType.CLAIM_EXPIRED)).hasSize(2);
    assertThat(admin.lifecycle().expireDue().changed()).isZero();
  }

  @Test
  void aClaimValidForADurationAfterClaimExpiresThenAndNotBefore() {
    LicensePool coaching = pool(COACHING, 5);
    UserId teacher = activeUser("t-1", DefaultCatalog.TEACHER, NORTH);
    clock.advance(Duration.ofDays(1));
    LicenseClaim claimed = asUser(teacher).claims().claim(teacher, COACHING).claim().orElseThrow();
    assertThat(claimed.expiresAt()).contains(START.plus(Duration.ofDays(91)));

    clock.set(START.plus(Duration.ofDays(91)).minusSeconds(1));
    assertThat(admin.lifecycle().expireDue().changed()).isZero();
    clock.set(START.plus(Duration.ofDays(91)));
    assertThat(admin.lifecycle().expireDue().changed()).isEqualTo(1);
    assertThat(usage(coaching).seatsInUse()).isZero();
  }

  @Test
  void anExtendedTermMovesTheExpiryOfTermBoundClaims() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId active = observerWithClaim("o-1", true);
    Instant newEnd = observation.term().end().plus(Duration.ofDays(180));
    admin.pools().extendTerm(observation.id(), newEnd, "renewed for a semester");

    clock.set(observation.term().end());
    assertThat(admin.lifecycle().expireDue().changed()).isZero();
    assertThat(admin.claims().ofUser(active).get(0).expiresAt()).contains(newEnd);
    clock.set(newEnd);
    assertThat(admin.lifecycle().expireDue().changed()).isEqualTo(1);
  }

  @Test
  void severalInstancesExpiringAtOnceExpireEachClaimExactlyOnce() throws Exception {
    LicensePool observation = pool(OBSERVATION, 40);
    for (int i = 0; i < 40; i++) {
      observerWithClaim(String.format("o-%02d", i), i % 2 == 0);
    }
    clock.set(observation.term().end());
    List<Callable<JobRun>> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      jobs.add(() -> tenant.as(org.licensekit.core.domain.Actor.system("instance")).lifecycle().expireDue());
    }

    long expired = race(jobs).stream().mapToLong(JobRun::changed).sum();

    assertThat(expired).isEqualTo(40);
    assertThat(usage(observation).seatsInUse()).isZero();
    assertThat(events.published(ChangeType.CLAIM_EXPIRED)).hasSize(40);
  }

  @Test
  void expirationAlertsGoOncePerWindowAndAgainForARenewedTerm() {
    LicensePool observation = pool(OBSERVATION, 5, Term.of(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(100))));
    ExpirationAlerts alerts = ExpirationAlerts.defaults(List.of(CONTRACT_OWNER));
    Instant end = observation.term().end();

    assertThat(admin.lifecycle().alertExpirations(alerts).changed()).isZero();
    clock.set(end.minus(Duration.ofDays(90)));
    assertThat(admin.lifecycle().alertExpirations(alerts).notified()).isEqualTo(1);
    assertThat(admin.lifecycle().alertExpirations(alerts).notified()).isZero();
    clock.set(end.minus(Duration.ofDays(5)));
    assertThat(admin.lifecycle().alertExpirations(alerts).notified()).isEqualTo(1);
    assertThat(admin.lifecycle().alertExpirations(alerts).notified()).isZero();

    assertThat(notifier.sent(Notification.Kind.EXPIRATION_ALERT)).extracting(n -> n.attributes().get("window"))
        .containsExactly("PT2160H", "PT168H");
    assertThat(notifier.sent(Notification.Kind.EXPIRATION_ALERT)).allSatisfy(n -> assertThat(n.user()).isEqualTo(CONTRACT_OWNER.user()));
    assertThat(events.published(ChangeType.EXPIRATION_ALERTED)).hasSize(2);

    admin.pools().extendTerm(observation.id(), end.plus(Duration.ofDays(2)), "short extension");
    assertThat(admin.lifecycle().alertExpirations(alerts).notified()).isEqualTo(1);
  }

  @Test
  void rollingOverMovesLiveClaimsAndTheirSeatsToTheNewPool() {
    Term ending = Term.of(START.minus(Duration.ofDays(300)), START.plus(Duration.ofDays(30)));
    LicensePool old = pool(OBSERVATION, 3, ending);
    UserId active = observerWithClaim("o-1", true);
    UserId pending = observerWithClaim("o-2", false);
    LicensePool renewed = pool(OBSERVATION, 5, Term.of(START, START.plus(Duration.ofDays(400))));

    JobRun run = admin.lifecycle().rollOver(old.id(), renewed.id(), "contract renewed");

    assertThat(run.changed()).isEqualTo(2);
    assertThat(usage(old).seatsInUse()).isZero();
    assertThat(usage(renewed).seatsInUse()).isEqualTo(2);
    LicenseClaim moved = admin.claims().ofUser(active).get(0);
    assertThat(moved.pool()).isEqualTo(renewed.id());
    assertThat(moved.status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(moved.expiresAt()).contains(renewed.term().end());
    assertThat(admin.claims().ofUser(pending).get(0).status()).isEqualTo(ClaimStatus.PENDING);
    clock.set(ending.end());
    assertThat(admin.lifecycle().expireDue().changed()).isZero();
    assertThat(events.published(ChangeType.CLAIM_MOVED)).hasSize(2);
  }

  @Test
  void aRollOverKeepsTheExpiryOfClaimsValidForADurationAndIsRefusedWholeWithoutSeats() {
    LicensePool old = pool(COACHING, 3, Term.of(START.minus(Duration.ofDays(300)), START.plus(Duration.ofDays(30))));
    UserId teacher = activeUser("t-1", DefaultCatalog.TEACHER, NORTH);
    activeUser("t-2", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim claimed = asUser(teacher).claims().claim(teacher, COACHING).claim().orElseThrow();
    LicensePool tooSmall = pool(COACHING, 1, Term.of(START, START.plus(Duration.ofDays(400))));
    LicensePool renewed = pool(COACHING, 2, Term.of(START, START.plus(Duration.ofDays(500))));

    assertThatThrownBy(() -> admin.lifecycle().rollOver(old.id(), tooSmall.id(), "renewal"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("NOT_ENOUGH_SEATS"));
    assertThat(usage(old).seatsInUse()).isEqualTo(2);
    admin.lifecycle().rollOver(old.id(), renewed.id(), "renewal");

    assertThat(admin.claims().ofUser(teacher).get(0).expiresAt()).isEqualTo(claimed.expiresAt());
    assertThat(usage(renewed).seatsInUse()).isEqualTo(2);
  }

  private UserId observerWithClaim(String id, boolean claim) {
    UserId user = plainUser(id, NORTH);
    admin.assignments().assignRole(user, NORTH, DefaultCatalog.OBSERVER);
    if (claim) {
      asUser(user).claims().claim(user, OBSERVATION);
    }
    return user;
  }

  private ClaimStatus statusOf(UserId user) {
    return admin.claims().ofUser(user).get(0).status();
  }

  private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = threads.invokeAll(tasks, 60, TimeUnit.SECONDS);
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }
}
