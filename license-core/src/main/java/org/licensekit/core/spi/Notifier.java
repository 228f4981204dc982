package org.licensekit.core.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications (invitations, reminders, expiration alerts). Called after the command's
 * transaction committed, from LicenseKit's outbox: a notification that throws is kept and sent again
 * with backoff (by {@code Outbox.deliverDue()}) until it goes through or becomes a dead letter.
 * Delivery is at least once: de-duplicate on {@link Notification#messageId()}. The default only
 * logs through SLF4J.
 */
@FunctionalInterface
public interface Notifier {

  void send(Notification notification);

  /** A notifier that logs each notification at INFO and delivers nothing. */
  static Notifier logging() {
    Logger log = LoggerFactory.getLogger(Notifier.class);
    return n -> log.info("notification {} to {} <{}> in tenant {}: {}", n.kind(), n.user(), n.email(), n.tenant(), n.attributes());
  }
}
