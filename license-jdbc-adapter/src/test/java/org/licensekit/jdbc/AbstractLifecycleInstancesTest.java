package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notification;
import org.licensekit.testkit.RecordingEvents;
import org.licensekit.testkit.RecordingNotifier;
import org.licensekit.testkit.fixtures.Fixtures;

/**
 * Lifecycle jobs run by several application instances at once, each with a store of its own on the
 * same database and its own connections: only the database keeps them from doing a claim's work
 * twice. More claims than one job page (500), so the instances page past each other.
 */
abstract class AbstractLifecycleInstancesTest {

  private static final int INSTANCES = 4;
  private static final int CLAIMS = 1_100;
  private static final PoolId POOL = PoolId.of("observation-year");
  private static final Instant TERM_END = Samples.T0.plus(Duration.ofDays(365));

  private final List<Instance> instances = new ArrayList<>();
  private TenantId tenant;

  /**
   * The connections of one instance to the database all instances share (one database per test
   * class will do: each test has its own tenant). Closed after the test when it is closeable.
   */
  protected abstract DataSource connectionsOfAnInstance();

  /** One application instance: its own store on the shared database, its own clock and recorders. */
  private record Instance(DataSource connections, LicenseStore store, RecordingNotifier notifier, RecordingEvents events) {
    <T> T at(Instant now, TenantId tenant, Function<org.licensekit.core.ActorSession, T> work) {
      Licensing licensing = Licensing.builder().store(store).clock(Clock.fixed(now, ZoneOffset.UTC))
          .notifier(notifier).events(events).build();
      return work.apply(licensing.tenant(tenant).as(Actor.system("scheduler")));
    }
  }

  @BeforeEach
  void startInstances() {
    tenant = Fixtures.tenant();
    for (int i = 0; i < INSTANCES; i++) {
      DataSource connections = connectionsOfAnInstance();
      instances.add(new Instance(connections, JdbcLicenseStore.builder(connections).build(), new RecordingNotifier(),
          new RecordingEvents()));
    }
    seedClaims(instances.get(0).store());
  }

  @AfterEach
  void stopInstances() throws Exception {
    for (Instance instance : instances) {
      if (instance.connections() instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void expiringFromSeveralInstancesAtOnceExpiresEachClaimExactlyOnce() throws Exception {
    List<JobRun> runs = race(instance -> instance.at(TERM_END, tenant, session -> session.lifecycle().expireDue()));

    assertThat(runs.stream().mapToLong(JobRun::changed).sum()).isEqualTo(CLAIMS);
    LicenseStore store = instances.get(0).store();
    assertThat(store.pools().find(tenant, POOL).orElseThrow().seatsInUse()).isZero();
    assertThat(store.claims().listLiveForPool(tenant, POOL)).isEmpty();
    assertThat(store.claims().find(tenant, ClaimId.of("c-0000")).orElseThrow().status())
        .isEqualTo(ClaimStatus.EXPIRED);
    List<String> expired = instances.stream().flatMap(i -> i.events().published(ChangeType.CLAIM_EXPIRED).stream())
        .map(LicenseEvent::subjectId).toList();
    assertThat(expired).hasSize(CLAIMS).doesNotHaveDuplicates();
  }

  @Test
  void remindingFromSeveralInstancesAtOnceSendsEachReminderExactlyOnce() throws Exception {
    Instant threeDaysLater = Samples.T0.plus(Duration.ofDays(3));

    List<JobRun> runs = race(instance -> instance.at(threeDaysLater, tenant, session -> session.lifecycle().followUp(FollowUp.defaults())));

    assertThat(runs.stream().mapToLong(JobRun::notified).sum()).isEqualTo(CLAIMS / 2);
    List<String> reminded = instances.stream().flatMap(i -> i.notifier().sent(Notification.Kind.CLAIM_REMINDER).stream())
        .map(n -> n.attributes().get("claim")).toList();
    assertThat(reminded).hasSize(CLAIMS / 2).doesNotHaveDuplicates();
  }

  @Test
  void ofManyConnectionsExactlyOneReservesAKeyAndOneRecordsANotification() throws Exception {
    IdempotencyRecord record = new IdempotencyRecord("term-start-2026", "fingerprint", Samples.T0, Optional.empty());

    List<Boolean> reserved = race(instance -> instance.store().idempotency().reserve(tenant, record));
    List<Boolean> recorded = race(instance -> instance.store().notificationLog().recordIfAbsent(tenant, "alert|pool|P90D", Samples.T0));

    assertThat(reserved).containsOnlyOnce(true);
    assertThat(recorded).containsOnlyOnce(true);
  }

  /** Users u-0000 …, one claim each in one pool ending at {@link #TERM_END}: even ones active, odd ones pending. */
  private void seedClaims(LicenseStore store) {
    store.pools().insert(tenant, Samples.pool(POOL.value(), CLAIMS));
    for (int from = 0; from < CLAIMS; from += 250) {
      int start = from;
      store.transactions().inTransaction(() -> {
        for (int i = start; i < Math.min(CLAIMS, start + 250); i++) {
          String user = String.format("u-%04d", i);
          store.directory().insertUser(tenant, Samples.user(user));
          LicenseClaim pending = Fixtures.claim(String.format("c-%04d", i), user, Samples.OBSERVATION.value(), POOL.value())
              .assignedAt(Samples.T0).build();
          assertThat(store.pools().tryTakeSeat(tenant, POOL)).isTrue();
          assertThat(store.claims().insertIfNoLiveClaim(tenant,
              i % 2 == 0 ? Fixtures.activated(pending, Samples.T0, TERM_END) : pending)).isTrue();
        }
        return null;
      });
    }
  }

  /** Runs the work once per instance, each on its own thread, all released at once; results in instance order. */
  private <T> List<T> race(Function<Instance, T> work) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Instance instance : instances) {
        Callable<T> task = () -> {
          go.await();
          return work.apply(instance);
        };
        futures.add(threads.submit(task));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }
}
