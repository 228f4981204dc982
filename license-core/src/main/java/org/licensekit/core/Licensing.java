package org.licensekit.core;

import java.time.Clock;
import java.util.Objects;
import org.licensekit.core.api.OutboxPolicy;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.internal.MicrosecondClock;
import org.licensekit.core.internal.CommandCombiner;
import org.licensekit.core.internal.Ports;
import org.licensekit.core.internal.session.Sessions;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notifier;

/**
 * The entry point of LicenseKit. Build one per application and share it; it is thread-safe.
 *
 * <pre>{@code
 * Licensing licensing = Licensing.builder()
 *     .store(InMemoryLicenseStore.create())   // or JdbcLicenseStore.builder(dataSource).build()
 *     .build();
 * TenantLicensing district = licensing.tenant(TenantId.of("district-42"));
 * district.as(Actor.systemAdministrator("admin-7")).pools().add(newPool);
 * AccessDecision decision = district.access().check(userId, productId);
 * }</pre>
 */
public final class Licensing {

  private final Ports ports;

  private Licensing(Ports ports) {
    this.ports = ports;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** One tenant's licensing. */
  public TenantLicensing tenant(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return new TenantLicensing() {
      /** The host's access checks, built once per tenant handle so a warm check builds nothing. */
      private volatile org.licensekit.core.api.Access hostAccess;

      @Override
      public TenantId tenant() {
        return tenant;
      }

      @Override
      public ActorSession as(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return Sessions.open(ports, tenant, actor);
      }

      @Override
      public org.licensekit.core.api.Access access() {
        org.licensekit.core.api.Access access = hostAccess;
        if (access == null) {
          access = as(Actor.system("host")).access();
          hostAccess = access;
        }
        return access;
      }
    };
  }

  /** The most single assignments {@link Builder#combinedAssignments} lets one transaction run. */
  public static final int MAX_COMBINED_ASSIGNMENTS = 256;

  /** Builds a {@link Licensing}; only the store is required. */
  public static final class Builder {
    private LicenseStore store;
    private Clock clock = Clock.systemUTC();
    private Notifier notifier = Notifier.logging();
    private EventPublisher events = EventPublisher.none();
    private OutboxPolicy outboxPolicy = OutboxPolicy.defaults();
    private int pageSize = Ports.DEFAULT_PAGE_SIZE;
    private int combinedAssignments;

    private Builder() {}

    /** Where licensing data lives (required). */
    public Builder store(LicenseStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The source of time (default: the UTC system clock). Instants are kept to the microsecond,
     * the precision every supported database stores, so a value reads back as it was written.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Delivers invitations, reminders and alerts (default: logs them through SLF4J). */
    public Builder notifier(Notifier notifier) {
      this.notifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /** Receives domain events after commit (default: none). */
    public Builder events(EventPublisher events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * How the outbox retries notifications and events whose delivery failed, and when it gives them
     * up as dead letters (default: {@link OutboxPolicy#defaults()}).
     */
    public Builder outboxPolicy(OutboxPolicy outboxPolicy) {
      this.outboxPolicy = Objects.requireNonNull(outboxPolicy, "outboxPolicy");
      return this;
    }

    /**
     * How many records a command reads at once when it walks a pool or a tenant — a roll-over, a
     * pool's term change, reconciliation, the outbox purge's delete batches — so its memory stays
     * bounded whatever the tenant's size (default 500).
     *
     * @param pageSize 1 to {@value org.licensekit.core.api.report.PageRequest#MAX_LIMIT}
     * @return this builder
     * @throws InvalidInputException naming {@code pageSize} when it is out of range
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > org.licensekit.core.api.report.PageRequest.MAX_LIMIT) {
        throw InvalidInputException.of("pageSize", "must be between 1 and " + org.licensekit.core.api.report.PageRequest.MAX_LIMIT
            + " (was " + pageSize + ")");
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * How many concurrent single assignments ({@code assignments().assignProduct}) of one product
     * may run in one transaction: while one runs, the others queue, and the next transaction takes
     * up to this many of them: the plain ones decided together (one read each of the product, its
     * pools and the users' live claims, one claim insert, one seat update per pool), the others each
     * behind its own savepoint, with one audit append and one commit.
     * Each caller still gets only its own result or refusal, after the commit; a command that
     * failed inside a shared transaction for any reason but a refusal is run again alone, so the
     * outcomes are those of running each alone. Only a caller with no transaction open on its
     * thread (neither the store's nor the host's) is combined. Default: what the store says
     * ({@link org.licensekit.core.spi.Transactions#combinedAssignmentsByDefault()}: 16 on PostgreSQL,
     * 1 elsewhere); 1 turns combining off.
     *
     * @param combinedAssignments 1 to {@value #MAX_COMBINED_ASSIGNMENTS}
     * @return this builder
     * @throws InvalidInputException naming {@code combinedAssignments} when it is out of range
     */
    public Builder combinedAssignments(int combinedAssignments) {
      if (combinedAssignments < 1 || combinedAssignments > MAX_COMBINED_ASSIGNMENTS) {
        throw InvalidInputException.of("combinedAssignments", "must be between 1 and " + MAX_COMBINED_ASSIGNMENTS
            + " (was " + combinedAssignments + ")");
      }
      this.combinedAssignments = combinedAssignments;
      return this;
    }

    /**
     * The configured {@code Licensing}.
     *
     * @return it
     * @throws InvalidInputException naming {@code store} when no store was set
     */
    public Licensing build() {
      if (store == null) {
        throw InvalidInputException.of("store", "must be set: pass InMemoryLicenseStore.create() or a JdbcLicenseStore");
      }
      Clock microseconds = MicrosecondClock.of(clock);
      int combined = combinedAssignments > 0 ? combinedAssignments
          : Math.max(1, Math.min(MAX_COMBINED_ASSIGNMENTS, store.transactions().combinedAssignmentsByDefault()));
      return new Licensing(new Ports(store, microseconds, notifier, events, InputValidator.create(), outboxPolicy, pageSize,
          CommandCombiner.of(combined)));
    }
  }
}
