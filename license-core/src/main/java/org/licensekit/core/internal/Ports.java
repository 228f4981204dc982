package org.licensekit.core.internal;

import java.time.Clock;
import java.util.Objects;
import org.licensekit.core.api.OutboxPolicy;
import org.licensekit.core.InputValidator;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notifier;

/** The ports one {@code Licensing} instance runs on. */
public record Ports(LicenseStore store, Clock clock, Notifier notifier, EventPublisher events, InputValidator validator,
    OutboxPolicy outboxPolicy) {

  /** Ports with the default {@link OutboxPolicy}. */
  public Ports(LicenseStore store, Clock clock, Notifier notifier, EventPublisher events, InputValidator validator) {
    this(store, clock, notifier, events, validator, OutboxPolicy.defaults());
  }

  public Ports {
    Objects.requireNonNull(outboxPolicy, "outboxPolicy");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(notifier, "notifier");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(validator, "validator");
  }
}
