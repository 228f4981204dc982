package org.licensekit.core.spi;

import org.licensekit.core.domain.LicenseEvent;

/**
 * Receives domain events after the change they describe has been committed, from LicenseKit's
 * outbox: an event whose publication throws is published again with backoff until it goes through
 * or becomes a dead letter. Delivery is at least once: de-duplicate on
 * {@link LicenseEvent#messageId()}.
 */
@FunctionalInterface
public interface EventPublisher {

  void publish(LicenseEvent event);

  /**
   * Whether this publisher wants events at all; when not, LicenseKit keeps no event in its outbox.
   *
   * @return true unless this is {@link #none()}
   */
  default boolean publishes() {
    return true;
  }

  /** A publisher that drops every event (and so asks for none to be kept). */
  static EventPublisher none() {
    return new EventPublisher() {
      @Override
      public void publish(LicenseEvent event) {
        // dropped: the host subscribes to no event
      }

      @Override
      public boolean publishes() {
        return false;
      }
    };
  }
}
