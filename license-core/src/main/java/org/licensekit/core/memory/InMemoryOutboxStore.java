package org.licensekit.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.OutboxStore;

/** The outbox in memory: each state change checks the state it changes, like the database's conditional updates. */
final class InMemoryOutboxStore implements OutboxStore {

  private static final Comparator<OutboxMessage> OLDEST_FIRST =
      Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id);
  private static final Comparator<OutboxMessage> DUE_FIRST =
      Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(OutboxMessage::id);

  private final InMemoryTransactions tx;
  private final TenantTable<String, OutboxMessage> messages;

  InMemoryOutboxStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.messages = new TenantTable<>(tx);
  }

  @Override
  public void append(List<OutboxMessage> added) {
    tx.write(() -> {
      added.forEach(message -> messages.put(message.tenant(), message.id(), message));
      return null;
    });
  }

  @Override
  public Optional<OutboxMessage> find(TenantId tenant, String id) {
    return tx.read(() -> messages.get(tenant, id));
  }

  @Override
  public List<OutboxMessage> due(TenantId tenant, Instant now, int limit) {
    return tx.read(() -> messages.select(tenant,
            m -> m.status() == OutboxMessage.Status.PENDING && !m.nextAttemptAt().isAfter(now), DUE_FIRST)
        .stream().limit(limit).toList());
  }

  @Override
  public boolean take(TenantId tenant, String id, Instant now, Instant leaseUntil) {
    return tx.write(() -> change(tenant, id, m -> m.status() == OutboxMessage.Status.PENDING && !m.nextAttemptAt().isAfter(now),
        m -> OutboxMessage.builder().from(m).nextAttemptAt(leaseUntil).build()).isPresent());
  }

  @Override
  public void delivered(TenantId tenant, Collection<String> ids, Instant at) {
    tx.write(() -> {
      ids.forEach(id -> change(tenant, id, m -> m.status() == OutboxMessage.Status.PENDING,
          m -> OutboxMessage.builder().from(m).status(OutboxMessage.Status.DELIVERED).attempts(m.attempts() + 1)
              .deliveredAt(at).lastError(Optional.empty()).build()));
      return null;
    });
  }

  @Override
  public Optional<OutboxMessage.Status> failed(TenantId tenant, String id, String error, Instant nextAttemptAt, int maxAttempts) {
    return tx.write(() -> change(tenant, id, m -> m.status() == OutboxMessage.Status.PENDING,
        m -> OutboxMessage.builder().from(m).attempts(m.attempts() + 1).lastError(error).nextAttemptAt(nextAttemptAt)
            .status(m.attempts() + 1 >= maxAttempts ? OutboxMessage.Status.DEAD : OutboxMessage.Status.PENDING).build())
        .map(OutboxMessage::status));
  }

  @Override
  public List<OutboxMessage> list(TenantId tenant, OutboxMessage.Status status, Optional<String> after, int limit) {
    return tx.read(() -> {
      Optional<OutboxMessage> from = after.flatMap(id -> messages.get(tenant, id));
      return messages.select(tenant, m -> m.status() == status
              && from.map(f -> OLDEST_FIRST.compare(m, f) > 0).orElse(true), OLDEST_FIRST)
          .stream().limit(limit).toList();
    });
  }

  @Override
  public boolean revive(TenantId tenant, String id, Instant now) {
    return tx.write(() -> change(tenant, id, m -> m.status() == OutboxMessage.Status.DEAD,
        m -> OutboxMessage.builder().from(m).status(OutboxMessage.Status.PENDING).attempts(0).nextAttemptAt(now).build())
        .isPresent());
  }

  @Override
  public boolean discard(TenantId tenant, String id) {
    return tx.write(() -> change(tenant, id, m -> m.status() == OutboxMessage.Status.DEAD,
        m -> OutboxMessage.builder().from(m).status(OutboxMessage.Status.DISCARDED).build()).isPresent());
  }

  @Override
  public int purge(TenantId tenant, OutboxMessage.Status status, Instant before, int limit) {
    if (status == OutboxMessage.Status.PENDING || limit < 1) {
      throw new IllegalArgumentException("purge takes a settled status and a limit of at least 1 (was " + status + ", " + limit + ")");
    }
    java.util.function.Function<OutboxMessage, Instant> age = status == OutboxMessage.Status.DELIVERED
        ? m -> m.deliveredAt().orElse(m.createdAt()) : OutboxMessage::createdAt;
    return tx.write(() -> {
      List<OutboxMessage> old = messages.select(tenant, m -> m.status() == status && age.apply(m).isBefore(before),
          Comparator.comparing(age).thenComparing(OutboxMessage::id)).stream().limit(limit).toList();
      old.forEach(m -> messages.remove(tenant, m.id()));
      return old.size();
    });
  }

  @Override
  public Map<OutboxMessage.Status, Long> count(TenantId tenant) {
    return tx.read(() -> {
      Map<OutboxMessage.Status, Long> counts = new EnumMap<>(OutboxMessage.Status.class);
      for (OutboxMessage.Status status : OutboxMessage.Status.values()) {
        counts.put(status, 0L);
      }
      messages.stream(tenant).forEach(m -> counts.merge(m.status(), 1L, Long::sum));
      return Map.copyOf(counts);
    });
  }

  private Optional<OutboxMessage> change(TenantId tenant, String id, java.util.function.Predicate<OutboxMessage> when,
      java.util.function.UnaryOperator<OutboxMessage> how) {
    Optional<OutboxMessage> changed = messages.get(tenant, id).filter(when).map(how);
    changed.ifPresent(m -> messages.put(tenant, id, m));
    return changed;
  }

  /** The rows, for {@link InMemoryPersonalDataStore}; callers hold the store lock. */
  TenantTable<String, OutboxMessage> messagesTable() {
    return messages;
  }
}
