package org.licensekit.core.spi;

import org.licensekit.core.domain.LicenseEvent;

/** Receives domain events after the change they describe has been committed. */
@FunctionalInterface
public interface EventPublisher {

  void publish(LicenseEvent event);

  /** A publisher that drops every event. */
  static EventPublisher none() {
    return event -> {};
  }
}
