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

  /** Users waiting for a seat, per product, in order. */
  WaitlistStore waitlist();

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

  /** Notifications and events written with the commands that caused them, until delivered. */
  OutboxStore outbox();

  // Report ports (issue 4).

  /** Report and analytics queries (dashboard, claims report, usage analytics). */
  ReportStore reports();

  /** Product use per user × product × day. */
  UsageStore usage();

  /** Discrepancy finders and the seat-counter repair of reconciliation. */
  ReconciliationStore reconciliation();

  /** Texts that may hold personal data (reasons, outbox payloads, bulk results), for erasure. */
  PersonalDataStore personalData();

  /**
   * Where this store keeps decided access checks; by default none, so every check is decided
   * from the store's records. A caching store returns one that reuses decisions while they hold.
   * The access service asks once and keeps the answer, so return the same cache on every call.
   *
   * @return the store's access decision cache
   */
  default AccessDecisionCache accessDecisions() {
    return AccessDecisionCache.none();
  }

  /**
   * How this store tells other instances sharing its database what changed, for their caches; by
   * default nothing is sent (a store no other instance shares). The JDBC store sends when built to.
   *
   * @return the store's change signals
   */
  default ChangeSignals changeSignals() {
    return ChangeSignals.none();
  }
}
