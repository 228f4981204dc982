package org.licensekit.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A message LicenseKit owes the host — a notification for its {@code Notifier} or a domain event
 * for its {@code EventPublisher} — kept in the outbox. It is written in the transaction of the
 * command that caused it, so it exists exactly when the change committed; it is delivered after
 * commit and, until delivered, retried with backoff. Delivery is at least once: {@link #id()} is
 * stable across attempts, so a host can de-duplicate.
 */
@Value.Immutable
@Value.Style(visibility = Value.Style.ImplementationVisibility.PUBLIC)
public interface OutboxMessage {

  /** What the message carries. */
  enum Topic {
    /** A {@code Notification} for the host's notifier. */
    NOTIFICATION,
    /** A {@link LicenseEvent} for the host's event publisher. */
    EVENT,
    /**
     * A batch of {@code Notification}s for the host's notifier, handed to it in one
     * {@code Notifier.sendAll} call: the notifications of one chunk of a bulk run (a district's
     * import sends a chunk's invitations as one message, not one message per user). The batch is
     * delivered, retried and dead-lettered whole; each notification in it keeps a message id of its
     * own ({@code <this message's id>/<place in the batch, from 1>}).
     */
    NOTIFICATIONS,
    /**
     * A batch of {@link LicenseEvent}s for the host's event publisher, handed to it in one
     * {@code EventPublisher.publishAll} call: the events of one chunk of a bulk run (a district's
     * import of 1,000 users tells of 4,000 changes in a few messages, not 4,000). Delivered, retried
     * and dead-lettered whole, like {@link #NOTIFICATIONS}; each event in it keeps a message id of
     * its own ({@code <this message's id>/<place in the batch, from 1>}).
     */
    EVENTS
  }

  /** Where the message stands. */
  enum Status {
    /** Not delivered yet; due again at {@link #nextAttemptAt()}. */
    PENDING,
    /** Delivered once (at least). */
    DELIVERED,
    /** Failed every attempt it was given: a dead letter, kept until the host retries or discards it. */
    DEAD,
    /** A dead letter the host chose not to deliver. */
    DISCARDED
  }

  /** The stable id of the message, the same on every delivery attempt. */
  String id();

  TenantId tenant();

  Topic topic();

  /**
   * The message's content, encoded by LicenseKit (URL-encoded {@code name=value} pairs joined by
   * {@code &}; a {@link Topic#NOTIFICATIONS} or {@link Topic#EVENTS} batch holds one such line per
   * notification or event, joined by line feeds); read it through the delivered notifications or
   * events rather than parsing it.
   */
  String payload();

  /** When the command that caused the message committed its transaction. */
  Instant createdAt();

  Status status();

  /** Delivery attempts made so far (successful or not). */
  int attempts();

  /** When the message is due (again); a deliverer holding it moves this ahead as its lease. */
  Instant nextAttemptAt();

  /** Why the last attempt failed, if it did. */
  Optional<String> lastError();

  /** When it was delivered. */
  Optional<Instant> deliveredAt();

  /** A builder. */
  static ImmutableOutboxMessage.Builder builder() {
    return ImmutableOutboxMessage.builder();
  }
}
