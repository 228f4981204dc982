package org.licensekit.core.spi;

import java.util.List;
import org.licensekit.core.domain.LicenseEvent;

/**
 * Receives domain events after the change they describe has been committed, from LicenseKit's
 * outbox: an event whose publication throws is published again with backoff until it goes through
 * or becomes a dead letter. Delivery is at least once: de-duplicate on
 * {@link LicenseEvent#messageId()}. A bulk run's events come in batches through {@link #publishAll}.
 */
@FunctionalInterface
public interface EventPublisher {

  void publish(LicenseEvent event);

  /**
   * Publishes a batch of events in one call: a bulk run's chunk hands over the events of all its
   * users together, so a host that can publish many at once (one request to a message broker)
   * overrides this. If it throws, the whole batch is published again later (at least once), so
   * events of it that already went out arrive again with the same {@link LicenseEvent#messageId()}.
   * The default publishes each in turn through {@link #publish}.
   *
   * @param events the batch, in the order the run made the changes; never empty
   */
  default void publishAll(List<LicenseEvent> events) {
    events.forEach(this::publish);
  }

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
