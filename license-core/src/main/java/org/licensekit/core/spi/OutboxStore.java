package org.licensekit.core.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.TenantId;

/**
 * The outbox: messages written in a command's transaction and marked as they are delivered. Every
 * change of a message's state is a compare-and-set on its current state, atomic across JVMs, so
 * deliverers on several instances never both hold a message at once (until a lease runs out).
 */
public interface OutboxStore {

  /** Inserts new messages, in the caller's transaction (rolled back with it). */
  void append(List<OutboxMessage> messages);

  Optional<OutboxMessage> find(TenantId tenant, String id);

  /**
   * The tenant's pending messages due at {@code now} ({@code nextAttemptAt <= now}), the earliest
   * first, at most {@code limit}.
   */
  List<OutboxMessage> due(TenantId tenant, Instant now, int limit);

  /**
   * Takes a due message for delivery: moves its {@code nextAttemptAt} to {@code leaseUntil} if it is
   * still pending and due at {@code now}. Of concurrent calls for one message at most one wins.
   *
   * @return whether this call took the message
   */
  boolean take(TenantId tenant, String id, Instant now, Instant leaseUntil);

  /** Marks pending messages delivered at {@code at}, counting the attempt; others are left alone. */
  void delivered(TenantId tenant, Collection<String> ids, Instant at);

  /**
   * Records a failed attempt of a pending message: counts it, keeps {@code error}, and makes the
   * message due again at {@code nextAttemptAt} — or {@code DEAD} when this was attempt
   * {@code maxAttempts} or later.
   *
   * @return the message's status afterwards, or empty when it was no longer pending
   */
  Optional<OutboxMessage.Status> failed(TenantId tenant, String id, String error, Instant nextAttemptAt, int maxAttempts);

  /**
   * The tenant's messages of {@code status}, oldest first, after the message id {@code after} in
   * that order (keyset paging), at most {@code limit}.
   */
  List<OutboxMessage> list(TenantId tenant, OutboxMessage.Status status, Optional<String> after, int limit);

  /** Makes a dead letter pending again, due at {@code now}, with its attempts reset; false when it is not dead. */
  boolean revive(TenantId tenant, String id, Instant now);

  /** Moves a dead letter to {@code DISCARDED}; false when it is not dead. */
  boolean discard(TenantId tenant, String id);

  /**
   * Deletes at most {@code limit} of the tenant's messages of {@code status} that are older than
   * {@code before} — delivered before it for {@code DELIVERED}, created before it for {@code DEAD}
   * and {@code DISCARDED} — the oldest first. Concurrent calls delete each message once.
   *
   * @param status {@code DELIVERED}, {@code DEAD} or {@code DISCARDED}; never {@code PENDING}
   * @param limit at most this many, at least 1
   * @return how many it deleted; fewer than {@code limit} when no more were that old
   * @throws IllegalArgumentException when {@code status} is {@code PENDING} or {@code limit} below 1
   */
  int purge(TenantId tenant, OutboxMessage.Status status, Instant before, int limit);

  /** How many of the tenant's messages are in each status (every status present, zeros included). */
  Map<OutboxMessage.Status, Long> count(TenantId tenant);
}
