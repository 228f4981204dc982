package org.licensekit.testkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.Licensing;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.OutboxCounts;
import org.licensekit.core.api.OutboxPolicy;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.Notification;
import org.licensekit.core.spi.Notifier;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * The outbox: a command's notifications and events are written in its transaction and delivered
 * after commit; a failed delivery is retried with backoff by {@code deliverDue()} under the same
 * message id, and after the policy's last attempt it is a dead letter the host lists, retries or
 * discards. A bulk run's notifications and its events are one message each per chunk, handed to
 * the notifier's {@code sendAll} and the publisher's {@code publishAll} and retried or
 * dead-lettered whole. Runs with a notifier and an event publisher that fail on demand.
 */
public abstract class OutboxContract extends LicensingTestSupport {

  private static final OutboxPolicy POLICY = new OutboxPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(2));

  private FlakyNotifier flaky;
  private FlakyEvents flakyEvents;
  private ActorSession host;

  @BeforeEach
  void setUpFlakyLicensing() {
    flaky = new FlakyNotifier();
    flakyEvents = new FlakyEvents();
    Licensing flakyLicensing = Licensing.builder().store(store).clock(clock).notifier(flaky).events(flakyEvents)
        .outboxPolicy(POLICY).build();
    host = flakyLicensing.tenant(tenantId).as(Actor.systemAdministrator("admin-1"));
  }

  @Test
  void aCommandsInvitationIsDeliveredAfterCommitWithAStableMessageId() {
    long deliveredBefore = host.outbox().counts().delivered();
    UserId user = invite("olga");

    assertThat(flaky.delivered).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Notification.Kind.INVITATION);
      assertThat(n.user()).isEqualTo(user);
      assertThat(n.messageId()).isPresent();
    });
    assertThat(flakyEvents.delivered).extracting(LicenseEvent::type).contains(ChangeType.USER_REGISTERED);
    assertThat(flakyEvents.delivered).allSatisfy(e -> assertThat(e.messageId()).isPresent());
    OutboxCounts counts = host.outbox().counts();
    assertThat(counts.pending()).isZero();
    assertThat(counts.delivered()).isEqualTo(deliveredBefore + 1 + flakyEvents.delivered.size());
  }

  @Test
  void aFailedDeliveryIsRetriedAfterItsBackoffUnderTheSameId() {
    flaky.failing = true;
    UserId user = invite("pavel");

    assertThat(host.users().find(user)).as("the command committed though its notification failed").isPresent();
    assertThat(flaky.attempts).hasSize(1);
    assertThat(host.outbox().counts().pending()).isEqualTo(1);
    flaky.failing = false;
    assertThat(host.outbox().deliverDue().changed()).as("not due before the backoff").isZero();

    clock.advance(Duration.ofMinutes(1));
    JobRun run = host.outbox().deliverDue();

    assertThat(run.changed()).isEqualTo(1);
    assertThat(run.notified()).isEqualTo(1);
    assertThat(flaky.delivered).singleElement().satisfies(n ->
        assertThat(n.messageId()).isEqualTo(flaky.attempts.get(0).messageId()));
    assertThat(host.outbox().counts().pending()).isZero();
    assertThat(host.outbox().deliverDue().examined()).as("nothing left").isZero();
  }

  @Test
  void aMessageFailingEveryAttemptIsADeadLetterTheHostCanRetry() {
    flaky.failing = true;
    invite("quinn");
    clock.advance(Duration.ofMinutes(1));
    assertThat(host.outbox().deliverDue().skipped()).isEqualTo(1);
    assertThat(host.outbox().deadLetters(Optional.empty(), 10)).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(host.outbox().deliverDue().skipped()).isEqualTo(1);

    List<OutboxMessage> dead = host.outbox().deadLetters(Optional.empty(), 10);
    assertThat(dead).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo(OutboxMessage.Status.DEAD);
      assertThat(m.attempts()).isEqualTo(3);
      assertThat(m.topic()).isEqualTo(OutboxMessage.Topic.NOTIFICATION);
      assertThat(m.lastError()).hasValueSatisfying(error -> assertThat(error).contains("mail server down"));
    });
    clock.advance(Duration.ofDays(1));
    assertThat(host.outbox().deliverDue().examined()).as("a dead letter is not retried by the relay").isZero();
    assertThat(host.outbox().counts().dead()).isEqualTo(1);

    flaky.failing = false;
    OutboxMessage retried = host.outbox().retry(dead.get(0).id());

    assertThat(retried.status()).isEqualTo(OutboxMessage.Status.DELIVERED);
    assertThat(flaky.delivered).singleElement().satisfies(n -> assertThat(n.messageId()).contains(dead.get(0).id()));
    assertThat(host.outbox().counts().dead()).isZero();
    assertThat(host.audit().query(org.licensekit.core.api.AuditQuery.builder().build()))
        .anySatisfy(entry -> assertThat(entry.action()).isEqualTo(ChangeType.OUTBOX_MESSAGE_RETRIED));
  }

  @Test
  void aDiscardedDeadLetterStaysForTheRecordAndCannotBeRetried() {
    flaky.failing = true;
    invite("rosa");
    for (int attempt = 0; attempt < 3; attempt++) {
      clock.advance(Duration.ofMinutes(10));
      host.outbox().deliverDue();
    }
    String id = host.outbox().deadLetters(Optional.empty(), 10).get(0).id();

    assertThat(host.outbox().discard(id).status()).isEqualTo(OutboxMessage.Status.DISCARDED);

    assertThat(host.outbox().deadLetters(Optional.empty(), 10)).isEmpty();
    assertThat(host.outbox().counts().discarded()).isEqualTo(1);
    assertThatThrownBy(() -> host.outbox().retry(id)).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.code()).isEqualTo("OUTBOX_MESSAGE_NOT_DEAD"));
    assertThatThrownBy(() -> host.outbox().discard("no-such-message")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deadLettersArePagedOldestFirst() {
    flaky.failing = true;
    List<String> invited = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      invited.add(invite("page-" + i).value());
      clock.advance(Duration.ofSeconds(1));
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      clock.advance(Duration.ofMinutes(10));
      host.outbox().deliverDue();
    }

    List<OutboxMessage> first = host.outbox().deadLetters(Optional.empty(), 2);
    List<OutboxMessage> second = host.outbox().deadLetters(Optional.of(first.get(1).id()), 2);
    List<OutboxMessage> third = host.outbox().deadLetters(Optional.of(second.get(1).id()), 2);

    List<OutboxMessage> all = new ArrayList<>(first);
    all.addAll(second);
    all.addAll(third);
    assertThat(all).hasSize(5).extracting(OutboxMessage::createdAt).isSorted();
    assertThat(all).extracting(m -> m.payload()).allSatisfy(p -> assertThat(p).contains("kind=INVITATION"));
    assertThatThrownBy(() -> host.outbox().deadLetters(Optional.empty(), 0))
        .isInstanceOf(org.licensekit.core.InvalidInputException.class).hasMessageContaining("limit");
  }

  @Test
  void aFailingEventPublisherIsRetriedLikeANotifier() {
    flakyEvents.failing = true;
    invite("sara");
    assertThat(flakyEvents.delivered).isEmpty();
    long pending = host.outbox().counts().pending();
    assertThat(pending).as("the events of the registration").isPositive();

    flakyEvents.failing = false;
    clock.advance(Duration.ofMinutes(1));
    host.outbox().deliverDue();

    assertThat(flakyEvents.delivered).hasSize((int) pending).extracting(LicenseEvent::type).contains(ChangeType.USER_REGISTERED);
    assertThat(host.outbox().counts().pending()).isZero();
  }

  @Test
  void aRefusedCommandLeavesNoMessage() {
    invite("tomas");
    OutboxCounts before = host.outbox().counts();

    assertThatThrownBy(() -> invite("tomas")).isInstanceOf(ConflictException.class);

    assertThat(host.outbox().counts()).isEqualTo(before);
    assertThat(flaky.delivered).hasSize(1);
  }

  @Test
  void aMessageLeftByAnInstanceThatStoppedIsDeliveredByTheRelayOnceItsLeaseRanOut() {
    Licensing stopping = Licensing.builder().store(store).clock(clock).notifier(n -> {
      throw new StopTheWorld();
    }).outboxPolicy(POLICY).build();
    ActorSession dying = stopping.tenant(tenantId).as(Actor.systemAdministrator("admin-1"));
    // a notifier that throws an Error stands for a JVM that stops between commit and delivery
    try {
      dying.users().register(NewUser.builder().id(UserId.of("ugo")).name("Ugo").email("ugo@example.org").build());
    } catch (StopTheWorld stopped) {
      // the instance "died" after its commit
    }
    assertThat(host.users().find(UserId.of("ugo"))).isPresent();
    assertThat(host.outbox().deliverDue().examined()).as("still within the lease").isZero();

    clock.advance(POLICY.lease());
    host.outbox().deliverDue();

    assertThat(flaky.delivered).singleElement().satisfies(n -> assertThat(n.user()).isEqualTo(UserId.of("ugo")));
  }

  @Test
  void relaysOnSeveralThreadsDeliverEveryDueMessageExactlyOnce() throws Exception {
    flaky.failing = true;
    for (int i = 0; i < 30; i++) {
      invite("many-" + i);
    }
    flaky.failing = false;
    clock.advance(Duration.ofMinutes(1));
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<JobRun>> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        runs.add(threads.submit(() -> host.outbox().deliverDue()));
      }
      long delivered = 0;
      for (Future<JobRun> run : runs) {
        delivered += run.get(60, TimeUnit.SECONDS).changed();
      }
      assertThat(delivered).isEqualTo(30);
    } finally {
      threads.shutdownNow();
    }
    Map<String, Integer> byId = new ConcurrentHashMap<>();
    flaky.delivered.forEach(n -> byId.merge(n.messageId().orElseThrow(), 1, Integer::sum));
    assertThat(byId).hasSize(30).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
  }

  @Test
  void aBulkImportsInvitationsAreOneMessagePerChunkHandedToTheNotifierInOneCall() {
    BulkResult result = host.bulk().register(BulkRegistration.of(newUsers("bulk-", 7)).chunkSize(3).build());

    assertThat(result.done()).isEqualTo(7);
    assertThat(flaky.batches).containsExactly(3, 3, 1);
    assertThat(flaky.delivered).extracting(n -> n.user().value())
        .containsExactly("bulk-0", "bulk-1", "bulk-2", "bulk-3", "bulk-4", "bulk-5", "bulk-6");
    List<OutboxMessage> batches = store.outbox().list(tenantId, OutboxMessage.Status.DELIVERED, Optional.empty(), 100).stream()
        .filter(m -> m.topic() == OutboxMessage.Topic.NOTIFICATIONS).toList();
    assertThat(batches).hasSize(3);
    List<String> expectedIds = idsOfDeliveredOnce(batches);
    assertThat(flaky.delivered).extracting(n -> n.messageId().orElseThrow()).containsExactlyInAnyOrderElementsOf(expectedIds);
  }

  @Test
  void aBatchThatFailsIsRetriedWholeUnderTheSameIdsAndBecomesOneDeadLetter() {
    flaky.failing = true;
    host.bulk().register(BulkRegistration.of(newUsers("retry-", 4)).chunkSize(10).build());

    assertThat(host.outbox().counts().pending()).isEqualTo(1);
    List<String> firstIds = flaky.attempts.stream().map(n -> n.messageId().orElseThrow()).toList();
    flaky.failing = false;
    clock.advance(Duration.ofMinutes(1));
    JobRun run = host.outbox().deliverDue();

    assertThat(run.changed()).isEqualTo(1);
    assertThat(run.notified()).isEqualTo(4);
    assertThat(flaky.batches).containsExactly(4, 4);
    assertThat(flaky.delivered).extracting(n -> n.messageId().orElseThrow()).containsExactly(
        firstIds.get(0), firstIds.get(0).replaceAll("/1$", "/2"), firstIds.get(0).replaceAll("/1$", "/3"),
        firstIds.get(0).replaceAll("/1$", "/4"));

    flaky.failing = true;
    host.bulk().register(BulkRegistration.of(newUsers("dead-", 3)).chunkSize(10).build());
    for (int attempt = 0; attempt < 3; attempt++) {
      clock.advance(Duration.ofMinutes(10));
      host.outbox().deliverDue();
    }
    assertThat(host.outbox().deadLetters(Optional.empty(), 10)).singleElement().satisfies(dead -> {
      assertThat(dead.topic()).isEqualTo(OutboxMessage.Topic.NOTIFICATIONS);
      assertThat(dead.payload().split("\n", -1)).hasSize(3).allSatisfy(line -> assertThat(line).contains("kind=INVITATION"));
    });
  }

  @Test
  void aBulkRunsEventsAreOneMessagePerChunkHandedToThePublisherInOneCall() {
    BulkResult result = host.bulk().register(BulkRegistration.of(newUsers("events-", 7)).chunkSize(3).build());

    assertThat(result.done()).isEqualTo(7);
    List<OutboxMessage> batches = store.outbox().list(tenantId, OutboxMessage.Status.DELIVERED, Optional.empty(), 100).stream()
        .filter(m -> m.topic() == OutboxMessage.Topic.EVENTS).toList();
    assertThat(batches).as("one message of events per chunk").hasSize(3);
    List<Integer> sizes = batches.stream().map(b -> b.payload().split("\n", -1).length).toList();
    assertThat(flakyEvents.batches).as("one publishAll call per chunk").containsExactlyInAnyOrderElementsOf(sizes);
    List<String> expectedIds = idsOfDeliveredOnce(batches);
    List<LicenseEvent> batched = flakyEvents.delivered.stream().filter(e -> e.type() != ChangeType.BULK_COMPLETED).toList();
    assertThat(batched).extracting(e -> e.messageId().orElseThrow()).containsExactlyInAnyOrderElementsOf(expectedIds);
    assertThat(batched).filteredOn(e -> e.type() == ChangeType.USER_REGISTERED).extracting(e -> e.user().orElseThrow().value())
        .containsExactly("events-0", "events-1", "events-2", "events-3", "events-4", "events-5", "events-6");
  }

  @Test
  void anEventBatchThatFailsIsRetriedWholeUnderTheSameIdsAndBecomesOneDeadLetter() {
    flakyEvents.failing = true;
    host.bulk().register(BulkRegistration.of(newUsers("ev-retry-", 4)).chunkSize(10).build());

    List<OutboxMessage> pending = store.outbox().list(tenantId, OutboxMessage.Status.PENDING, Optional.empty(), 100);
    assertThat(pending).as("the chunk's events (the invitations went out) and the run's summary event")
        .extracting(OutboxMessage::topic).containsExactlyInAnyOrder(OutboxMessage.Topic.EVENTS, OutboxMessage.Topic.EVENT);
    OutboxMessage batch = pending.stream().filter(m -> m.topic() == OutboxMessage.Topic.EVENTS).findFirst().orElseThrow();
    int size = batch.payload().split("\n", -1).length;
    assertThat(size).as("every change of four registrations").isGreaterThanOrEqualTo(8);
    assertThat(flakyEvents.batches).containsExactly(size);
    flakyEvents.failing = false;
    clock.advance(Duration.ofMinutes(1));
    JobRun run = host.outbox().deliverDue();

    assertThat(run.changed()).isEqualTo(2);
    assertThat(run.notified()).as("events are not notifications").isZero();
    assertThat(flakyEvents.batches).containsExactly(size, size);
    List<String> expectedIds = new ArrayList<>();
    for (int place = 1; place <= size; place++) {
      expectedIds.add(batch.id() + "/" + place);
    }
    assertThat(flakyEvents.delivered).filteredOn(e -> e.type() != ChangeType.BULK_COMPLETED)
        .extracting(e -> e.messageId().orElseThrow()).containsExactlyElementsOf(expectedIds);
    assertThat(host.outbox().counts().pending()).isZero();

    flakyEvents.failing = true;
    host.bulk().register(BulkRegistration.of(newUsers("ev-dead-", 3)).mode(org.licensekit.core.api.BulkMode.ALL_OR_NOTHING)
        .chunkSize(10).build());
    for (int attempt = 0; attempt < 3; attempt++) {
      clock.advance(Duration.ofMinutes(10));
      host.outbox().deliverDue();
    }
    assertThat(host.outbox().deadLetters(Optional.empty(), 10)).singleElement().satisfies(dead -> {
      assertThat(dead.topic()).isEqualTo(OutboxMessage.Topic.EVENTS);
      assertThat(dead.attempts()).isEqualTo(3);
      assertThat(dead.payload().split("\n", -1)).hasSizeGreaterThanOrEqualTo(6)
          .anySatisfy(line -> assertThat(line).contains("type=BULK_COMPLETED"))
          .filteredOn(line -> line.contains("type=USER_REGISTERED")).hasSize(3);
    });
    flakyEvents.failing = false;
    OutboxMessage retried = host.outbox().retry(host.outbox().deadLetters(Optional.empty(), 10).get(0).id());
    assertThat(retried.status()).isEqualTo(OutboxMessage.Status.DELIVERED);
    assertThat(flakyEvents.delivered).filteredOn(e -> e.user().filter(u -> u.value().startsWith("ev-dead-")).isPresent()
        && e.type() == ChangeType.USER_REGISTERED).hasSize(3);
  }

  @Test
  void reportersReadTheOutboxButOnlyAdministratorsAndSystemJobsChangeIt() {
    ActorSession reporter = tenant.as(Actor.reporter("analyst"));
    ActorSession user = tenant.as(Actor.user(UserId.of("someone")));

    assertThat(reporter.outbox().counts()).isNotNull();
    assertThat(reporter.outbox().deadLetters(Optional.empty(), 5)).isEmpty();
    assertThatThrownBy(() -> reporter.outbox().deliverDue()).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> reporter.outbox().discard("x")).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> user.outbox().counts()).isInstanceOf(NotAuthorizedException.class);
    assertThat(tenant.as(Actor.system("relay")).outbox().deliverDue().examined()).isZero();
  }

  private static List<NewUser> newUsers(String prefix, int count) {
    List<NewUser> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(NewUser.builder().id(UserId.of(prefix + i)).name("User " + i).email(prefix + i + "@example.org").build());
    }
    return users;
  }

  private UserId invite(String id) {
    UserId user = UserId.of(id);
    host.users().register(NewUser.builder().id(user).name("User " + id).email(id + "@example.org").build());
    return user;
  }

  /** A notifier that fails while {@link #failing}, and keeps what it was given. */
  private static final class FlakyNotifier implements Notifier {
    volatile boolean failing;
    final List<Notification> attempts = new CopyOnWriteArrayList<>();
    final List<Notification> delivered = new CopyOnWriteArrayList<>();
    /** The size of each batch handed to {@link #sendAll}. */
    final List<Integer> batches = new CopyOnWriteArrayList<>();

    @Override
    public void sendAll(List<Notification> notifications) {
      batches.add(notifications.size());
      Notifier.super.sendAll(notifications);
    }

    @Override
    public void send(Notification notification) {
      attempts.add(notification);
      if (failing) {
        throw new IllegalStateException("mail server down");
      }
      delivered.add(notification);
    }
  }

  /** An event publisher that fails while {@link #failing}, and keeps the size of each batch it was handed. */
  private static final class FlakyEvents implements EventPublisher {
    volatile boolean failing;
    final List<LicenseEvent> delivered = new CopyOnWriteArrayList<>();
    final List<Integer> batches = new CopyOnWriteArrayList<>();

    @Override
    public void publishAll(List<LicenseEvent> events) {
      batches.add(events.size());
      EventPublisher.super.publishAll(events);
    }

    @Override
    public void publish(LicenseEvent event) {
      if (failing) {
        throw new IllegalStateException("broker down");
      }
      delivered.add(event);
    }
  }

  /** Stands for the JVM stopping. */
  private static final class StopTheWorld extends Error {
    private static final long serialVersionUID = 1L;
  }

  /** The stable id of every line of each batch ({@code <batch>/<place>}), each batch delivered at its first attempt. */
  private static List<String> idsOfDeliveredOnce(List<OutboxMessage> batches) {
    List<String> ids = new ArrayList<>();
    for (OutboxMessage batch : batches) {
      assertThat(batch.attempts()).isEqualTo(1);
      int size = batch.payload().split("\n", -1).length;
      for (int place = 1; place <= size; place++) {
        ids.add(batch.id() + "/" + place);
      }
    }
    return ids;
  }
}
