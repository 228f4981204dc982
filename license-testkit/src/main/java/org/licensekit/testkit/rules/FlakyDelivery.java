package org.licensekit.testkit.rules;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.Notification;
import org.licensekit.core.spi.Notifier;

/**
 * A host's notifier and event publisher that fail (throw) the next deliveries they are told to fail,
 * and hand every other one to the recording notifier and publisher behind them. Remembers the message
 * id of every failed delivery, so a test can check that the message arrived later under the same id.
 */
final class FlakyDelivery {

  private final AtomicInteger toFail = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final List<String> failedIds = new CopyOnWriteArrayList<>();
  private final Notifier notifier;
  private final EventPublisher events;

  FlakyDelivery(Notifier notifier, EventPublisher events) {
    this.notifier = notification -> {
      deliverOrFail(notification.messageId());
      notifier.send(notification);
    };
    this.events = event -> {
      deliverOrFail(event.messageId());
      events.publish(event);
    };
  }

  Notifier notifier() {
    return notifier;
  }

  EventPublisher events() {
    return events;
  }

  /** The next {@code deliveries} sends or publications throw. */
  void failNext(int deliveries) {
    toFail.set(deliveries);
  }

  /** Stops failing; returns how many deliveries failed since the last call. */
  int stopFailing() {
    toFail.set(0);
    return failed.getAndSet(0);
  }

  List<String> failedIds() {
    return List.copyOf(failedIds);
  }

  private void deliverOrFail(Optional<String> messageId) {
    if (toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failed.incrementAndGet();
      messageId.ifPresent(failedIds::add);
      throw new IllegalStateException("host's notifier or event publisher down (injected by the fault suite)");
    }
  }
}
