package org.licensekit.core.spi;

import java.util.Objects;

/**
 * A {@link LicenseStore} made of {@link StoreParts} built once: adapters and decorators extend it
 * instead of repeating an accessor per sub-store.
 */
public abstract class ComposedLicenseStore implements LicenseStore {

  private final StoreParts parts;

  /** A store answering every accessor from {@code parts}. */
  protected ComposedLicenseStore(StoreParts parts) {
    this.parts = Objects.requireNonNull(parts, "parts");
  }

  @Override
  public final CatalogStore catalog() {
    return parts.catalog();
  }

  @Override
  public final DirectoryStore directory() {
    return parts.directory();
  }

  @Override
  public final PoolStore pools() {
    return parts.pools();
  }

  @Override
  public final ClaimStore claims() {
    return parts.claims();
  }

  @Override
  public final TrainingStore training() {
    return parts.training();
  }

  @Override
  public final WaitlistStore waitlist() {
    return parts.waitlist();
  }

  @Override
  public final AuditStore audit() {
    return parts.audit();
  }

  @Override
  public final SettingsStore settings() {
    return parts.settings();
  }

  @Override
  public final Transactions transactions() {
    return parts.transactions();
  }

  @Override
  public final UserQueryStore userQueries() {
    return parts.userQueries();
  }

  @Override
  public final ClaimQueryStore claimQueries() {
    return parts.claimQueries();
  }

  @Override
  public final IdempotencyStore idempotency() {
    return parts.idempotency();
  }

  @Override
  public final NotificationLogStore notificationLog() {
    return parts.notificationLog();
  }

  @Override
  public final OutboxStore outbox() {
    return parts.outbox();
  }

  @Override
  public final ReportStore reports() {
    return parts.reports();
  }

  @Override
  public final UsageStore usage() {
    return parts.usage();
  }

  @Override
  public final ReconciliationStore reconciliation() {
    return parts.reconciliation();
  }

  @Override
  public final PersonalDataStore personalData() {
    return parts.personalData();
  }
}
