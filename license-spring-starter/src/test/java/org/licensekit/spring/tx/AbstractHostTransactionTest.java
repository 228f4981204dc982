package org.licensekit.spring.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notification;
import org.licensekit.core.spi.Notifier;
import org.licensekit.spring.TestFixtures;
import org.licensekit.spring.actuate.LicensekitHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * LicenseKit inside a Spring Boot host's own {@code @Transactional} methods: a command joins the
 * host's transaction, commits with it, vanishes with its rollback; the access cache and the event
 * listeners learn of it only after the commit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractHostTransactionTest {

  private static final AtomicInteger USERS = new AtomicInteger();

  @Autowired
  Licensing licensing;

  @Autowired
  LicenseStore store;

  @Autowired
  HostService host;

  @Autowired
  Listeners listeners;

  @Autowired
  RecordingNotifier notifier;

  private UserId teacher;

  @BeforeAll
  void seed() {
    TestFixtures.seed(licensing, 50);
  }

  @BeforeEach
  void aTeacherWithAPendingClaim() {
    teacher = TestFixtures.teacher(licensing, "teacher-" + USERS.incrementAndGet());
    listeners.clear();
    notifier.sent.clear();
  }

  @Test
  void theStoreIsTheCachedJdbcStoreJoiningSpringTransactions() {
    assertThat(store).isInstanceOf(CachingLicenseStore.class);
    assertThat(store.toString()).contains("JdbcLicenseStore");
  }

  @Test
  void aClaimInsideAHostTransactionThatThrowsLeavesNothingBehindAndTheCacheUnchanged() {
    assertThat(check(teacher).reasonCodes()).containsExactly(DenialReason.CLAIM_PENDING); // now cached
    long snapshots = cached().snapshotCount();
    int auditEntries = auditEntries();

    assertThatThrownBy(() -> host.claimThenFail(teacher)).isInstanceOf(HostService.HostFailure.class);

    assertThat(cached().snapshotCount()).as("nothing invalidated on rollback").isEqualTo(snapshots);
    assertThat(check(teacher).reasonCodes()).containsExactly(DenialReason.CLAIM_PENDING);
    assertThat(admin().claims().ofUser(teacher)).singleElement().extracting(c -> c.status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(auditEntries()).isEqualTo(auditEntries);
    assertThat(listeners.all()).as("no event of a rolled-back change").isEmpty();
  }

  @Test
  void aClaimInsideAHostTransactionIsSeenByOthersAndTheListenersOnlyAfterTheCommit() {
    assertThat(check(teacher).allowed()).isFalse(); // cached: pending

    host.claimThen(teacher, () -> {
      assertThat(CompletableFuture.supplyAsync(() -> check(teacher)).orTimeout(30, TimeUnit.SECONDS).join().reasonCodes())
          .as("another thread, before the commit").containsExactly(DenialReason.CLAIM_PENDING);
      assertThat(listeners.all()).as("no event before the commit").isEmpty();
    });

    assertThat(CompletableFuture.supplyAsync(() -> check(teacher)).orTimeout(30, TimeUnit.SECONDS).join().allowed())
        .as("the cache was invalidated after the commit").isTrue();
    assertThat(listeners.afterCommit).extracting(LicenseEvent::type).contains(ChangeType.CLAIM_ACTIVATED);
    assertThat(listeners.plain).extracting(LicenseEvent::type).contains(ChangeType.CLAIM_ACTIVATED);
  }

  @Test
  void outsideAnyHostTransactionACommandCommitsOnItsOwnAndItsEventsFollow() {
    TestFixtures.claim(licensing, teacher);

    assertThat(check(teacher).allowed()).isTrue();
    assertThat(listeners.plain).extracting(LicenseEvent::type).contains(ChangeType.CLAIM_ACTIVATED);
    assertThat(listeners.fallback).extracting(LicenseEvent::type).contains(ChangeType.CLAIM_ACTIVATED);
    assertThat(listeners.afterCommit).as("a transactional listener without fallback needs a transaction").isEmpty();
  }

  @Test
  void aHostNotifierBeanReplacesTheLoggingOneAndHearsOnlyOfCommittedWork() {
    assertThatThrownBy(() -> host.registerThenFail("ghost-teacher")).isInstanceOf(HostService.HostFailure.class);

    assertThat(notifier.sent).as("no invitation for a registration rolled back").isEmpty();
    assertThat(admin().users().find(UserId.of("ghost-teacher"))).isEmpty();

    host.register("real-teacher-" + USERS.incrementAndGet());

    assertThat(notifier.sent).extracting(Notification::kind).containsExactly(Notification.Kind.INVITATION);
  }

  @Test
  void theHealthIndicatorReadsTheSchemaVersionOfThisDatabase(@Autowired LicensekitHealthIndicator health) {
    var result = health.health();

    assertThat(result.getStatus()).isEqualTo(Status.UP);
    assertThat(result.getDetails()).containsEntry("store", "JDBC");
    assertThat(String.valueOf(result.getDetails().get("schemaVersion"))).matches("\\d+(\\.\\d+)*");
  }

  private AccessDecision check(UserId user) {
    return licensing.tenant(TestFixtures.TENANT).access().check(user, TestFixtures.OBSERVATION);
  }

  private org.licensekit.core.ActorSession admin() {
    return licensing.tenant(TestFixtures.TENANT).as(TestFixtures.ADMIN);
  }

  private int auditEntries() {
    return admin().audit().query(AuditQuery.builder().limit(10_000).build()).size();
  }

  private CachingLicenseStore cached() {
    return (CachingLicenseStore) store;
  }

  /** The host's service: its own transactions around LicenseKit commands. */
  static class HostService {
    private final Licensing licensing;

    HostService(Licensing licensing) {
      this.licensing = licensing;
    }

    /** Thrown by the host after LicenseKit's command succeeded. */
    static final class HostFailure extends RuntimeException {
      HostFailure() {
        super("the host's own work failed");
      }
    }

    @Transactional
    public void claimThenFail(UserId user) {
      claim(user);
      throw new HostFailure();
    }

    @Transactional
    public void claimThen(UserId user, Runnable beforeCommit) {
      claim(user);
      beforeCommit.run();
    }

    @Transactional
    public void registerThenFail(String user) {
      register(user);
      throw new HostFailure();
    }

    @Transactional
    public void register(String user) {
      TestFixtures.teacher(licensing, user);
    }

    private void claim(UserId user) {
      var result = licensing.tenant(TestFixtures.TENANT).as(Actor.user(user)).claims().claim(user, TestFixtures.OBSERVATION);
      assertThat(result.succeeded()).as("claim: %s", result.refusals()).isTrue();
    }
  }

  /** The host's notifier: records what it is asked to deliver. */
  static class RecordingNotifier implements Notifier {
    final List<Notification> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(Notification notification) {
      sent.add(notification);
    }
  }

  /** Listeners of each kind, recording what they receive. */
  static class Listeners {
    final List<LicenseEvent> afterCommit = new CopyOnWriteArrayList<>();
    final List<LicenseEvent> fallback = new CopyOnWriteArrayList<>();
    final List<LicenseEvent> plain = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void afterCommit(LicenseEvent event) {
      afterCommit.add(event);
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void fallback(LicenseEvent event) {
      fallback.add(event);
    }

    @EventListener
    public void plain(LicenseEvent event) {
      plain.add(event);
    }

    List<LicenseEvent> all() {
      List<LicenseEvent> all = new CopyOnWriteArrayList<>(afterCommit);
      all.addAll(fallback);
      all.addAll(plain);
      return all;
    }

    void clear() {
      afterCommit.clear();
      fallback.clear();
      plain.clear();
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    HostService hostService(Licensing licensing) {
      return new HostService(licensing);
    }

    @Bean
    RecordingNotifier recordingNotifier() {
      return new RecordingNotifier();
    }

    @Bean
    Listeners listeners() {
      return new Listeners();
    }
  }
}
