package org.licensekit.core.spi;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications (invitations, reminders, expiration alerts). Called after the command's
 * transaction committed, from LicenseKit's outbox: a notification that throws is kept and sent again
 * with backoff (by {@code Outbox.deliverDue()}) until it goes through or becomes a dead letter.
 * Delivery is at least once: de-duplicate on {@link Notification#messageId()}. A bulk run's
 * notifications come in batches through {@link #sendAll}. The default only logs through SLF4J.
 */
@FunctionalInterface
public interface Notifier {

  void send(Notification notification);

  /**
   * Delivers a batch of notifications in one call: a bulk run's chunk hands its invitations over
   * together, so a host that can send many at once (one request to a mail service) overrides this.
   * If it throws, the whole batch is delivered again later (at least once), so notifications of it
   * that already went out arrive again with the same {@link Notification#messageId()}. The default
   * sends each in turn through {@link #send}.
   *
   * @param notifications the batch, in the order the run decided its users; never empty
   */
  default void sendAll(List<Notification> notifications) {
    notifications.forEach(this::send);
  }

  /** A notifier that logs each notification at INFO and delivers nothing. */
  static Notifier logging() {
    Logger log = LoggerFactory.getLogger(Notifier.class);
    return n -> log.info("notification {} to {} <{}> in tenant {}: {}", n.kind(), n.user(), n.email(), n.tenant(), n.attributes());
  }
}
