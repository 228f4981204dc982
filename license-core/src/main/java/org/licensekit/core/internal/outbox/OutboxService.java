package org.licensekit.core.internal.outbox;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.Outbox;
import org.licensekit.core.api.OutboxCounts;
import org.licensekit.core.api.OutboxRetention;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.OutboxDelivery;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The tenant's outbox as the public API shows it: the relay, dead letters, counts. */
public final class OutboxService implements Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxService.class);
  private static final int MAX_PAGE = 500;

  private final Context context;
  private final OutboxDelivery delivery;

  public OutboxService(Context context) {
    this.context = context;
    this.delivery = new OutboxDelivery(context.ports());
  }

  @Override
  public JobRun deliverDue() {
    return context.job(Operation.MANAGE_OUTBOX, Optional.empty(), () -> { }, () -> delivery.deliverDue(context.tenant()));
  }

  @Override
  public List<OutboxMessage> deadLetters(Optional<String> after, int limit) {
    return context.query(Operation.READ_OUTBOX, Optional.empty(), () -> {
      Objects.requireNonNull(after, "after");
      if (limit < 1 || limit > MAX_PAGE) {
        throw InvalidInputException.of("limit", "must be between 1 and " + MAX_PAGE + " (was " + limit + ")");
      }
    }, () -> read(store -> store.list(context.tenant(), OutboxMessage.Status.DEAD, after, limit)));
  }

  @Override
  public OutboxMessage retry(String messageId) {
    OutboxMessage revived = context.command(Operation.MANAGE_OUTBOX, Optional.empty(), () -> requireId(messageId), changes -> {
      if (!context.store().outbox().revive(context.tenant(), messageId, changes.now())) {
        throw notDead(messageId);
      }
      changes.record(ChangeType.OUTBOX_MESSAGE_RETRIED, "outbox-message", messageId).done();
      return find(messageId);
    });
    delivery.deliverCommitted(context.tenant(), List.of(revived));
    return find(messageId);
  }

  @Override
  public OutboxMessage discard(String messageId) {
    return context.command(Operation.MANAGE_OUTBOX, Optional.empty(), () -> requireId(messageId), changes -> {
      if (!context.store().outbox().discard(context.tenant(), messageId)) {
        throw notDead(messageId);
      }
      changes.record(ChangeType.OUTBOX_MESSAGE_DISCARDED, "outbox-message", messageId).done();
      return find(messageId);
    });
  }

  @Override
  public long purge(OutboxRetention retention) {
    return context.job(Operation.MANAGE_OUTBOX, Optional.empty(), () -> Objects.requireNonNull(retention, "retention"), () -> {
      Instant now = context.ports().clock().instant();
      long purged = purge(OutboxMessage.Status.DELIVERED, now.minus(retention.delivered()));
      if (retention.deadLetters().isPresent()) {
        Instant before = now.minus(retention.deadLetters().get());
        purged += purge(OutboxMessage.Status.DEAD, before) + purge(OutboxMessage.Status.DISCARDED, before);
      }
      if (purged > 0) {
        LOG.info("Purged {} outbox message(s) of tenant {} kept past their retention ({})", purged, context.tenant(), retention);
      }
      return purged;
    });
  }

  /** Deletes in batches of a page, each its own short transaction, until a batch finds fewer. */
  private long purge(OutboxMessage.Status status, Instant before) {
    int batch = context.ports().pageSize();
    long purged = 0;
    while (true) {
      int deleted = read(store -> store.purge(context.tenant(), status, before, batch));
      purged += deleted;
      if (deleted < batch) {
        return purged;
      }
    }
  }

  @Override
  public OutboxCounts counts() {
    return context.query(Operation.READ_OUTBOX, Optional.empty(), () -> {
      Map<OutboxMessage.Status, Long> counts = new EnumMap<>(OutboxMessage.Status.class);
      counts.putAll(read(store -> store.count(context.tenant())));
      return new OutboxCounts(counts.getOrDefault(OutboxMessage.Status.PENDING, 0L),
          counts.getOrDefault(OutboxMessage.Status.DELIVERED, 0L), counts.getOrDefault(OutboxMessage.Status.DEAD, 0L),
          counts.getOrDefault(OutboxMessage.Status.DISCARDED, 0L));
    });
  }

  private ConflictException notDead(String messageId) {
    OutboxMessage message = find(messageId);
    return new ConflictException(ErrorCode.OUTBOX_MESSAGE_NOT_DEAD,
        "Outbox message " + messageId + " is " + message.status() + ", not a dead letter");
  }

  private OutboxMessage find(String messageId) {
    return read(store -> store.find(context.tenant(), messageId))
        .orElseThrow(() -> new NotFoundException("messageId", messageId));
  }

  private static void requireId(String messageId) {
    if (messageId == null || messageId.isBlank()) {
      throw InvalidInputException.of("messageId", "must not be blank");
    }
  }

  private <T> T read(Function<OutboxStore, T> work) {
    return context.store().transactions().inTransaction(() -> work.apply(context.store().outbox()));
  }
}
