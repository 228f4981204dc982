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

  // Ports of bulk actions and lifecycle jobs (issue 5).

  /** Filter evaluation for bulk actions: keyset pages of user ids. */
  UserQueryStore userQueries();

  /** Claims due for expiry and pending claims by age, for the lifecycle jobs. */
  ClaimQueryStore claimQueries();

  /** Bulk requests remembered by idempotency key. */
  IdempotencyStore idempotency();

  /** Once-only reminders and alerts. */
  NotificationLogStore notificationLog();

  // Report ports (issue 4). Defaults refuse, as for the ports above, so an adapter written before
  // them still compiles; the reports need all three.

  /** Report and analytics queries (dashboard, claims report, usage analytics). */
  default ReportStore reports() {
    throw reportPortMissing("ReportStore");
  }

  /** Product use per user × product × day. */
  default UsageStore usage() {
    throw reportPortMissing("UsageStore");
  }

  /** Discrepancy finders and the seat-counter repair of reconciliation. */
  default ReconciliationStore reconciliation() {
    throw reportPortMissing("ReconciliationStore");
  }

  private org.licensekit.core.StoreException reportPortMissing(String port) {
    return new org.licensekit.core.StoreException("PORT_NOT_SUPPORTED",
        this + " does not implement " + port + "; reports, usage analytics and reconciliation need it");
  }
}
