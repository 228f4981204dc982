package org.licensekit.core.internal;

import java.time.Clock;
import java.util.Objects;
import org.licensekit.core.InputValidator;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notifier;

/** The ports one {@code Licensing} instance runs on. */
public record Ports(LicenseStore store, Clock clock, Notifier notifier, EventPublisher events, InputValidator validator) {

  public Ports {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(notifier, "notifier");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(validator, "validator");
  }
}
