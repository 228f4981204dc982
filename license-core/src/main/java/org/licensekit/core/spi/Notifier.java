package org.licensekit.core.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications (invitations, reminders, expiration alerts). Called after the command's
 * transaction committed. The default only logs through SLF4J.
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
