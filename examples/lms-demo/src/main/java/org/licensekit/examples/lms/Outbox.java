package org.licensekit.examples.lms;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.licensekit.core.spi.Notification;
import org.licensekit.core.spi.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's mail server: keeps the latest notifications (invitations, reminders, expiration
 * alerts) in memory so the pages can show what would have been sent.
 */
public final class Outbox implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final int KEPT = 200;

  private final Deque<Notification> latest = new ArrayDeque<>();

  @Override
  public synchronized void send(Notification notification) {
    LOG.debug("{} to {} <{}>", notification.kind(), notification.user(), notification.email());
    latest.addFirst(notification);
    while (latest.size() > KEPT) {
      latest.removeLast();
    }
  }

  /** The latest notifications, newest first. */
  public synchronized List<Notification> latest() {
    return List.copyOf(latest);
  }
}
