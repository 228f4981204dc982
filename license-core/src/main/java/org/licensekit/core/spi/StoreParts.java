package org.licensekit.core.spi;

import org.immutables.value.Value;

/**
 * The sub-stores of one {@link LicenseStore}, sharing one {@link Transactions}. An adapter builds
 * its parts once and hands them to {@link ComposedLicenseStore}; a decorator copies another store's
 * parts with {@link #of(LicenseStore)} and replaces those it wraps:
 *
 * <pre>{@code
 * StoreParts parts = StoreParts.builder().from(StoreParts.of(delegate))
 *     .claims(new MyClaimStore(delegate.claims()))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@Value.Style(visibility = Value.Style.ImplementationVisibility.PUBLIC)
public interface StoreParts {

  /** @see LicenseStore#catalog() */
  CatalogStore catalog();

  /** @see LicenseStore#directory() */
  DirectoryStore directory();

  /** @see LicenseStore#pools() */
  PoolStore pools();

  /** @see LicenseStore#claims() */
  ClaimStore claims();

  /** @see LicenseStore#training() */
  TrainingStore training();

  /** @see LicenseStore#audit() */
  AuditStore audit();

  /** @see LicenseStore#settings() */
  SettingsStore settings();

  /** @see LicenseStore#transactions() */
  Transactions transactions();

  /** @see LicenseStore#userQueries() */
  UserQueryStore userQueries();

  /** @see LicenseStore#claimQueries() */
  ClaimQueryStore claimQueries();

  /** @see LicenseStore#idempotency() */
  IdempotencyStore idempotency();

  /** @see LicenseStore#notificationLog() */
  NotificationLogStore notificationLog();

  /** @see LicenseStore#reports() */
  ReportStore reports();

  /** @see LicenseStore#usage() */
  UsageStore usage();

  /** @see LicenseStore#reconciliation() */
  ReconciliationStore reconciliation();

  /** The parts of {@code store}, as its accessors return them. */
  static StoreParts of(LicenseStore store) {
    return builder()
        .catalog(store.catalog())
        .directory(store.directory())
        .pools(store.pools())
        .claims(store.claims())
        .training(store.training())
        .audit(store.audit())
        .settings(store.settings())
        .transactions(store.transactions())
        .userQueries(store.userQueries())
        .claimQueries(store.claimQueries())
        .idempotency(store.idempotency())
        .notificationLog(store.notificationLog())
        .reports(store.reports())
        .usage(store.usage())
        .reconciliation(store.reconciliation())
        .build();
  }

  /** A builder; every part is required. */
  static ImmutableStoreParts.Builder builder() {
    return ImmutableStoreParts.builder();
  }
}
