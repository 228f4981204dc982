package org.licensekit.core.internal;

import java.time.Clock;
import java.util.Objects;
import org.licensekit.core.api.OutboxPolicy;
import org.licensekit.core.InputValidator;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notifier;

/**
 * The ports one {@code Licensing} instance runs on.
 *
 * @param pageSize how many records a command reads at once when it walks a pool or a tenant
 * @param combiner what runs concurrent single assignments of one product in one transaction
 */
public record Ports(LicenseStore store, Clock clock, Notifier notifier, EventPublisher events, InputValidator validator,
    OutboxPolicy outboxPolicy, int pageSize, CommandCombiner combiner) {

  /** The page size unless the builder names one. */
  public static final int DEFAULT_PAGE_SIZE = 500;

  /** Ports with the default {@link OutboxPolicy} and page size, combining as the store says by default. */
  public Ports(LicenseStore store, Clock clock, Notifier notifier, EventPublisher events, InputValidator validator) {
    this(store, clock, notifier, events, validator, OutboxPolicy.defaults(), DEFAULT_PAGE_SIZE,
        CommandCombiner.of(store.transactions().combinedAssignmentsByDefault()));
  }

  public Ports {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1 (was " + pageSize + ")");
    }
    Objects.requireNonNull(outboxPolicy, "outboxPolicy");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(notifier, "notifier");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(combiner, "combiner");
  }
}
