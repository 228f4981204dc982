package org.licensekit.spring.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import javax.sql.DataSource;
import org.licensekit.core.StoreException;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notification;
import org.licensekit.core.spi.Notifier;
import org.licensekit.core.spi.Transactions;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.LicensekitAutoConfiguration;
import org.licensekit.spring.LicensekitProperties;
import org.licensekit.spring.TestFixtures;
import org.licensekit.testkit.MutableClock;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

/** The maintenance jobs on H2: off by default, really expiring claims when run, and run by their schedule. */
class MaintenanceJobsTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final String NEVER = "0 0 0 1 1 *";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LicensekitAutoConfiguration.class,
          LicensekitMaintenanceAutoConfiguration.class))
      .withPropertyValues("spring.datasource.url=jdbc:h2:mem:maintenance" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");

  @Test
  void maintenanceIsOffByDefault() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Licensing.class).doesNotHaveBean(LicensekitMaintenance.class);
      assertThat(lockTables(context.getBean(DataSource.class))).isZero();
    });
  }

  @Test
  void withoutADataSourceThereIsNoMaintenanceEvenWhenEnabled() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LicensekitAutoConfiguration.class, LicensekitMaintenanceAutoConfiguration.class))
        .withPropertyValues("licensekit.maintenance.enabled=true")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LicensekitMaintenance.class));
  }

  @Test
  void theExpireJobExpiresClaimsWhosePoolTermEndedForEveryMaintainedTenant() {
    MutableClock clock = new MutableClock(java.time.Instant.now());
    runner.withBean(Clock.class, () -> clock)
        .withPropertyValues("licensekit.maintenance.enabled=true", "licensekit.tenants=district-42,empty-tenant",
            "licensekit.maintenance.expire-cron=" + NEVER)
        .run(context -> {
          assertThat(lockTables(context.getBean(DataSource.class))).isOne();
          Licensing licensing = context.getBean(Licensing.class);
          TestFixtures.seed(licensing, 5);
          UserId ana = TestFixtures.teacher(licensing, "ana");
          TestFixtures.claim(licensing, ana);
          clock.advance(Duration.ofDays(400));

          MaintenanceRun run = context.getBean(LicensekitMaintenance.class).run(MaintenanceJob.EXPIRE_DUE);

          assertThat(run.executed()).isTrue();
          assertThat(run.completed()).isTrue();
          assertThat(run.tenants()).isEqualTo(2);
          assertThat(run.changed()).isEqualTo(1);
          assertThat(licensing.tenant(TestFixtures.TENANT).as(TestFixtures.ADMIN).claims().ofUser(ana))
              .singleElement().extracting(c -> c.status()).isEqualTo(ClaimStatus.EXPIRED);
          assertThat(context.getBean(LicensekitMaintenance.class).run(MaintenanceJob.EXPIRE_DUE).changed())
              .as("idempotent").isZero();
        });
  }

  @Test
  void theServeWaitlistsJobGivesAStartedPoolsSeatsToTheWaitingTeachers() {
    MutableClock clock = new MutableClock(java.time.Instant.now());
    runner.withBean(Clock.class, () -> clock)
        .withPropertyValues("licensekit.maintenance.enabled=true", "licensekit.tenants=district-42",
            "licensekit.maintenance.serve-waitlists-cron=" + NEVER, "licensekit.maintenance.lock-at-least-for=0s")
        .run(context -> {
          Licensing licensing = context.getBean(Licensing.class);
          TestFixtures.seed(licensing, 1);
          TestFixtures.teacher(licensing, "first");
          UserId waiting = TestFixtures.teacher(licensing, "second");
          var admin = licensing.tenant(TestFixtures.TENANT).as(TestFixtures.ADMIN);
          assertThat(admin.waitlist().of(TestFixtures.OBSERVATION)).singleElement()
              .satisfies(w -> assertThat(w.user()).isEqualTo(waiting));
          admin.pools().add(org.licensekit.core.api.NewPool.builder().id(org.licensekit.core.domain.PoolId.of("observation-next"))
              .product(TestFixtures.OBSERVATION).seats(1).term(org.licensekit.core.domain.Term.of(clock.instant().plus(Duration.ofDays(1)),
                  clock.instant().plus(Duration.ofDays(300)))).build());
          LicensekitMaintenance maintenance = context.getBean(LicensekitMaintenance.class);
          assertThat(maintenance.run(MaintenanceJob.SERVE_WAITLISTS).changed()).as("before the term starts").isZero();

          clock.advance(Duration.ofDays(2));
          MaintenanceRun run = maintenance.run(MaintenanceJob.SERVE_WAITLISTS);

          assertThat(run.changed()).isOne();
          assertThat(admin.waitlist().of(TestFixtures.OBSERVATION)).isEmpty();
          assertThat(admin.claims().ofUser(waiting)).singleElement()
              .satisfies(c -> assertThat(c.pool().value()).isEqualTo("observation-next"));
        });
  }

  @Test
  void theMonthlyReviewGoesToTheConfiguredRecipientsOncePerMonthAndNotWithoutThem() {
    List<org.licensekit.core.spi.Notification> sent = new CopyOnWriteArrayList<>();
    MutableClock clock = new MutableClock(java.time.Instant.now());
    runner.withBean(Clock.class, () -> clock)
        .withBean(org.licensekit.core.spi.Notifier.class, () -> sent::add)
        .withPropertyValues("licensekit.maintenance.enabled=true", "licensekit.tenants=district-42",
            "licensekit.maintenance.monthly-review-cron=" + NEVER, "licensekit.maintenance.lock-at-least-for=0s",
            "licensekit.monthly-review.recipients[0].user=admin-7", "licensekit.monthly-review.recipients[0].name=Ada Admin",
            "licensekit.monthly-review.recipients[0].email=ada@example.org", "licensekit.monthly-review.unused-after-days=10")
        .run(context -> {
          TestFixtures.seed(context.getBean(Licensing.class), 5);
          LicensekitMaintenance maintenance = context.getBean(LicensekitMaintenance.class);

          MaintenanceRun first = maintenance.run(MaintenanceJob.MONTHLY_REVIEW);
          MaintenanceRun second = maintenance.run(MaintenanceJob.MONTHLY_REVIEW);

          assertThat(first.changed()).isOne();
          assertThat(first.notified()).isOne();
          assertThat(second.executed()).as("the lock let the second run in").isTrue();
          assertThat(second.changed()).as("sent once this month").isZero();
          assertThat(sent).filteredOn(n -> n.kind() == org.licensekit.core.spi.Notification.Kind.MONTHLY_REVIEW).singleElement()
              .satisfies(n -> assertThat(n.email()).isEqualTo("ada@example.org"));
          clock.advance(Duration.ofDays(32));
          assertThat(maintenance.run(MaintenanceJob.MONTHLY_REVIEW).changed()).as("next month").isOne();
        });
    runner.withPropertyValues("licensekit.maintenance.enabled=true", "licensekit.tenants=district-42")
        .run(context -> {
          MaintenanceRun run = context.getBean(LicensekitMaintenance.class).run(MaintenanceJob.MONTHLY_REVIEW);
          assertThat(run.executed()).isTrue();
          assertThat(run.changed()).as("no recipients, no review").isZero();
        });
  }

  @Test
  void aFailingTenantIsCountedAndTheOthersGoOn() {
    MutableClock clock = new MutableClock(java.time.Instant.now());
    runner.withBean(Clock.class, () -> clock)
        .withBean(LicenseStore.class, () -> failingFor(TenantId.of("broken"), InMemoryLicenseStore.create()))
        .withPropertyValues("licensekit.maintenance.enabled=true", "licensekit.tenants=broken,district-42")
        .run(context -> {
          Licensing licensing = context.getBean(Licensing.class);
          TestFixtures.seed(licensing, 5);
          TestFixtures.claim(licensing, TestFixtures.teacher(licensing, "ana"));
          clock.advance(Duration.ofDays(400));

          MaintenanceRun run = context.getBean(LicensekitMaintenance.class).run(MaintenanceJob.EXPIRE_DUE);

          assertThat(run.executed()).isTrue();
          assertThat(run.completed()).isFalse();
          assertThat(run.failedTenants()).isOne();
          assertThat(run.changed()).as("district-42 still ran").isOne();
        });
  }

  @Test
  void theOutboxRelayRedeliversAnInvitationWhoseDeliveryFailed() {
    MutableClock clock = new MutableClock(java.time.Instant.now());
    List<Notification> delivered = new CopyOnWriteArrayList<>();
    AtomicBoolean mailServerDown = new AtomicBoolean(true);
    Notifier notifier = notification -> {
      if (mailServerDown.get()) {
        throw new IllegalStateException("mail server down");
      }
      delivered.add(notification);
    };
    runner.withBean(Clock.class, () -> clock).withBean(Notifier.class, () -> notifier)
        .withPropertyValues("licensekit.maintenance.enabled=true", "licensekit.tenants=district-42",
            "licensekit.maintenance.outbox-relay-cron=" + NEVER)
        .run(context -> {
          Licensing licensing = context.getBean(Licensing.class);
          TestFixtures.seed(licensing, 5);
          UserId ana = TestFixtures.teacher(licensing, "ana");
          assertThat(delivered).isEmpty();
          mailServerDown.set(false);
          clock.advance(Duration.ofMinutes(1));

          MaintenanceRun run = context.getBean(LicensekitMaintenance.class).run(MaintenanceJob.OUTBOX_RELAY);

          assertThat(run.executed()).isTrue();
          assertThat(run.changed()).as("messages delivered").isPositive();
          assertThat(delivered).anySatisfy(n -> assertThat(n.user()).isEqualTo(ana));
          assertThat(licensing.tenant(TestFixtures.TENANT).as(TestFixtures.ADMIN).outbox().counts().pending()).isZero();
        });
  }

  @Test
  void theOutboxPurgeDeletesDeliveredMessagesOlderThanTheConfiguredRetention() {
    MutableClock clock = new MutableClock(java.time.Instant.now());
    runner.withBean(Clock.class, () -> clock)
        .withPropertyValues("licensekit.maintenance.enabled=true", "licensekit.tenants=district-42",
            "licensekit.maintenance.outbox-purge-cron=" + NEVER, "licensekit.outbox.delivered-retention=7d")
        .run(context -> {
          Licensing licensing = context.getBean(Licensing.class);
          TestFixtures.seed(licensing, 3);
          TestFixtures.teacher(licensing, "ana");
          org.licensekit.core.api.Outbox outbox = licensing.tenant(TestFixtures.TENANT).as(TestFixtures.ADMIN).outbox();
          long old = outbox.counts().delivered();
          clock.advance(Duration.ofDays(6));
          TestFixtures.teacher(licensing, "ben");
          long young = outbox.counts().delivered() - old;
          clock.advance(Duration.ofDays(2));

          MaintenanceRun run = context.getBean(LicensekitMaintenance.class).run(MaintenanceJob.OUTBOX_PURGE);

          assertThat(old).isPositive();
          assertThat(run.executed()).isTrue();
          assertThat(run.failedTenants()).isZero();
          assertThat(run.changed()).as("messages purged").isEqualTo(old);
          assertThat(outbox.counts().delivered()).isEqualTo(young);
        });
  }

  @Test
  void aDeadLetterRetentionShorterThanTheDeliveredRetentionIsRefusedOnStart() {
    runner.withPropertyValues("licensekit.outbox.delivered-retention=30d", "licensekit.outbox.dead-letter-retention=7d")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("dead-letter-retention must be at least delivered-retention"));
  }

  @Test
  void theDeadLetterRetentionReachesThePurge() {
    LicensekitProperties properties = new LicensekitProperties();
    assertThat(LicensekitMaintenanceAutoConfiguration.outboxRetention(properties.getOutbox()))
        .isEqualTo(org.licensekit.core.api.OutboxRetention.defaults());
    properties.getOutbox().setDeliveredRetention(Duration.ofDays(10));
    properties.getOutbox().setDeadLetterRetention(Duration.ofDays(90));
    assertThat(LicensekitMaintenanceAutoConfiguration.outboxRetention(properties.getOutbox()))
        .isEqualTo(org.licensekit.core.api.OutboxRetention.deliveredFor(Duration.ofDays(10)).withDeadLetters(Duration.ofDays(90)));
  }

  /** {@code store}, failing every call about {@code tenant} as a broken database would. */
  private static LicenseStore failingFor(TenantId tenant, LicenseStore store) {
    return (LicenseStore) Proxy.newProxyInstance(LicenseStore.class.getClassLoader(), new Class<?>[] {LicenseStore.class},
        (proxy, method, args) -> {
          Object port = method.invoke(store, args);
          if (!method.getReturnType().isInterface() || method.getReturnType() == Transactions.class) {
            return port;
          }
          return Proxy.newProxyInstance(LicenseStore.class.getClassLoader(), new Class<?>[] {method.getReturnType()},
              (p, m, a) -> {
                if (a != null && List.of(a).contains(tenant)) {
                  throw new StoreException("STORE_UNAVAILABLE", "the test's broken tenant");
                }
                try {
                  return m.invoke(port, a);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        });
  }

  @Test
  void enabledJobsRunOnTheirScheduleAndPublishEachRun() {
    List<MaintenanceRun> runs = new CopyOnWriteArrayList<>();
    runner.withPropertyValues("licensekit.maintenance.enabled=true", "licensekit.tenants=district-42",
            "licensekit.maintenance.expire-cron=* * * * * *", "licensekit.maintenance.lock-at-least-for=0s",
            "licensekit.maintenance.follow-up-cron=" + NEVER, "licensekit.maintenance.expiration-alerts-cron=" + NEVER, "licensekit.maintenance.monthly-review-cron=" + NEVER,
            "licensekit.maintenance.archive-cron=" + NEVER, "licensekit.maintenance.outbox-relay-cron=" + NEVER,
            "licensekit.maintenance.outbox-purge-cron=" + NEVER)
        .withBean("runRecorder", ApplicationListener.class, () -> (ApplicationListener<org.springframework.context.PayloadApplicationEvent<MaintenanceRun>>)
            event -> runs.add(event.getPayload()))
        .run(context -> {
          await().atMost(Duration.ofSeconds(10)).until(() -> runs.stream().anyMatch(MaintenanceRun::executed));
          assertThat(runs).allMatch(r -> r.job() == MaintenanceJob.EXPIRE_DUE);
          assertThat(context.getBean(LicensekitMaintenance.class).isRunning()).isTrue();
        });
  }

  private static int lockTables(DataSource dataSource) {
    return new JdbcTemplate(dataSource).queryForObject(
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'LK_SHEDLOCK'", Integer.class);
  }
}
