package org.licensekit.core.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.OutboxPolicy;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a command's notifications and events to the outbox (inside its transaction) and delivers
 * outbox messages to the host's notifier and event publisher, marking each delivered or failed in a
 * short transaction of its own. A message whose mark is lost (the database went away) is delivered
 * again later: at least once, never silently dropped.
 */
public final class OutboxDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);
  private static final int PAGE = 100;
  private static final int MAX_ERROR = 1_000;
  /** The most notifications or events one batch message carries (an all-or-nothing run's one transaction has all of its users'). */
  static final int BATCH = 1_000;

  private final Ports ports;
  private final OutboxPolicy policy;

  public OutboxDelivery(Ports ports) {
    this.ports = ports;
    this.policy = ports.outboxPolicy();
  }

  /**
   * The messages for what a command did, due after the lease: the instance that commits them
   * delivers them at once, and the relay takes them only if it did not (its JVM stopped first).
   * Events are kept only when the host publishes them. With {@code inBatches} (a bulk run's chunk)
   * the notifications go in {@code NOTIFICATIONS} messages and the events in {@code EVENTS} messages
   * of at most 1,000 each ({@code BATCH}), in their order, so a chunk's invitations are one outbox
   * row, one delivery mark and one {@code Notifier.sendAll} call instead of one each per user, and
   * its events (four per new user) a few rows and {@code EventPublisher.publishAll} calls instead
   * of four each per user.
   */
  public List<OutboxMessage> messagesFor(TenantId tenant, Instant now, List<Notification> notifications, List<LicenseEvent> events,
      boolean inBatches) {
    ImmutableList.Builder<OutboxMessage> messages = ImmutableList.builder();
    Instant due = now.plus(policy.lease());
    if (inBatches) {
      for (List<Notification> batch : Lists.partition(notifications, BATCH)) {
        messages.add(message(tenant, now, due, OutboxMessage.Topic.NOTIFICATIONS, OutboxCodec.encodeAll(batch)));
      }
    } else {
      notifications.forEach(n -> messages.add(message(tenant, now, due, OutboxMessage.Topic.NOTIFICATION, OutboxCodec.encode(n))));
    }
    if (!ports.events().publishes()) {
      return messages.build();
    }
    if (inBatches) {
      for (List<LicenseEvent> batch : Lists.partition(events, BATCH)) {
        messages.add(message(tenant, now, due, OutboxMessage.Topic.EVENTS, OutboxCodec.encodeAllEvents(batch)));
      }
    } else {
      events.forEach(e -> messages.add(message(tenant, now, due, OutboxMessage.Topic.EVENT, OutboxCodec.encode(e))));
    }
    return messages.build();
  }

  private static OutboxMessage message(TenantId tenant, Instant now, Instant due, OutboxMessage.Topic topic, String payload) {
    return OutboxMessage.builder().id(UUID.randomUUID().toString()).tenant(tenant).topic(topic).payload(payload)
        .createdAt(now).status(OutboxMessage.Status.PENDING).attempts(0).nextAttemptAt(due).build();
  }

  /** Delivers messages a command has just committed; failures are recorded for the relay to retry. */
  public void deliverCommitted(TenantId tenant, List<OutboxMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<String> delivered = new ArrayList<>();
    for (OutboxMessage message : messages) {
      Optional<String> failure = send(message);
      if (failure.isEmpty()) {
        delivered.add(message.id());
      } else {
        recordFailure(message, failure.get());
      }
    }
    markDelivered(tenant, delivered);
  }

  /**
   * Delivers the tenant's due messages, a page at a time, each taken first so that no other
   * deliverer holds it meanwhile. A message that fails is due again only after its backoff, so a
   * run ends.
   */
  public JobRun deliverDue(TenantId tenant) {
    long examined = 0;
    long delivered = 0;
    long notifications = 0;
    long failed = 0;
    while (true) {
      Instant now = ports.clock().instant();
      List<OutboxMessage> due = ports.store().transactions().inTransaction(() -> ports.store().outbox().due(tenant, now, PAGE));
      if (due.isEmpty()) {
        break;
      }
      for (OutboxMessage message : due) {
        examined++;
        Instant leaseUntil = now.plus(policy.lease());
        boolean taken = ports.store().transactions().inTransaction(() -> ports.store().outbox().take(tenant, message.id(), now, leaseUntil));
        if (!taken) {
          continue;
        }
        Optional<String> failure = send(message);
        if (failure.isPresent()) {
          failed++;
          recordFailure(message, failure.get());
        } else {
          delivered++;
          notifications += switch (message.topic()) {
            case NOTIFICATION -> 1;
            case NOTIFICATIONS -> OutboxCodec.count(message.payload());
            case EVENT, EVENTS -> 0;
          };
          markDelivered(tenant, List.of(message.id()));
        }
      }
    }
    return new JobRun(examined, delivered, notifications, failed);
  }

  /** Sends one message; the failure's description when the host's notifier or publisher threw. */
  Optional<String> send(OutboxMessage message) {
    try {
      switch (message.topic()) {
        case NOTIFICATION -> ports.notifier().send(OutboxCodec.notification(message.tenant(), message.id(), message.payload()));
        case NOTIFICATIONS -> ports.notifier().sendAll(OutboxCodec.notifications(message.tenant(), message.id(), message.payload()));
        case EVENT -> ports.events().publish(OutboxCodec.event(message.tenant(), message.id(), message.payload()));
        case EVENTS -> ports.events().publishAll(OutboxCodec.events(message.tenant(), message.id(), message.payload()));
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      LOG.warn("Delivering outbox message {} ({}) of tenant {} failed; it will be retried", message.id(), message.topic(),
          message.tenant(), e);
      String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return Optional.of(text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text);
    }
  }

  private void recordFailure(OutboxMessage message, String error) {
    Instant now = ports.clock().instant();
    Instant next = now.plus(policy.backoff(message.attempts() + 1));
    try {
      ports.store().transactions().inTransaction(() -> ports.store().outbox()
          .failed(message.tenant(), message.id(), error, next, policy.maxAttempts()))
          .filter(status -> status == OutboxMessage.Status.DEAD)
          .ifPresent(status -> LOG.error("Outbox message {} ({}) of tenant {} failed {} attempts and is a dead letter: {}",
              message.id(), message.topic(), message.tenant(), policy.maxAttempts(), error));
    } catch (RuntimeException e) {
      LOG.warn("Could not record the failed delivery of outbox message {}; it is delivered again after its lease", message.id(), e);
    }
  }

  private void markDelivered(TenantId tenant, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try {
      Instant now = ports.clock().instant();
      ports.store().transactions().inTransaction(() -> {
        ports.store().outbox().delivered(tenant, ids, now);
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("Could not mark {} outbox message(s) delivered; they are delivered again after their lease (at least once)",
          ids.size(), e);
    }
  }
}
