package org.licensekit.core.spi;

/**
 * Everything LicenseKit persists, as a set of small stores sharing one {@link Transactions}.
 * Implementations: {@code InMemoryLicenseStore} in core, {@code JdbcLicenseStore} in the JDBC adapter.
 */
public interface LicenseStore {

  CatalogStore catalog();

  DirectoryStore directory();

  PoolStore pools();

  ClaimStore claims();

  TrainingStore training();

  AuditStore audit();

  SettingsStore settings();

  /** The unit of work every command of this store runs in. */
  Transactions transactions();

  /** Report and analytics queries (dashboard, claims report, usage analytics). */
  ReportStore reports();

  /** Product use per user × product × day. */
  UsageStore usage();

  /** Discrepancy finders and the seat-counter repair of reconciliation. */
  ReconciliationStore reconciliation();
}
