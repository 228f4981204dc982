package org.licensekit.spring;

import java.util.Objects;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.spi.EventPublisher;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes each {@link LicenseEvent} as a Spring application event (the event object itself), so
 * {@code @EventListener} and {@code @TransactionalEventListener} methods taking a
 * {@code LicenseEvent} receive it. LicenseKit calls it only after the change committed; the
 * starter further holds it back until a host transaction the command joined has committed, and
 * drops it when that transaction rolls back.
 */
public final class SpringEventPublisher implements EventPublisher {

  private final ApplicationEventPublisher publisher;

  /**
   * A publisher on the application context's event multicaster.
   *
   * @param publisher the application's publisher
   */
  public SpringEventPublisher(ApplicationEventPublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void publish(LicenseEvent event) {
    publisher.publishEvent(event);
  }
}
