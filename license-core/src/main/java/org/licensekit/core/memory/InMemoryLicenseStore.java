package org.licensekit.core.memory;

import org.licensekit.core.spi.AuditStore;
import org.licensekit.core.spi.CatalogStore;
import org.licensekit.core.spi.ClaimStore;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.PoolStore;
import org.licensekit.core.spi.ReconciliationStore;
import org.licensekit.core.spi.ReportStore;
import org.licensekit.core.spi.SettingsStore;
import org.licensekit.core.spi.TrainingStore;
import org.licensekit.core.spi.UserQueryStore;
import org.licensekit.core.spi.ClaimQueryStore;
import org.licensekit.core.spi.IdempotencyStore;
import org.licensekit.core.spi.NotificationLogStore;
import org.licensekit.core.spi.Transactions;
import org.licensekit.core.spi.UsageStore;

/**
 * A thread-safe {@link LicenseStore} that keeps everything in this JVM's memory: for tests, demos
 * and hosts that need no persistence. Data is gone when the store is.
 *
 * <p>Every transaction and every read holds one store-wide lock, so work is serialised and nobody
 * sees half a transaction. A transaction that throws is undone completely: each write recorded how
 * to reverse itself, and those records are replayed newest first. A call to
 * {@link Transactions#inTransaction} inside a running transaction on the same thread joins it; a
 * store call outside any transaction is a transaction of its own. Records of one tenant are never
 * visible to calls for another.
 *
 * <pre>{@code
 * LicenseStore store = InMemoryLicenseStore.create();
 * }</pre>
 */
public final class InMemoryLicenseStore implements LicenseStore {

  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final CatalogStore catalog = new InMemoryCatalogStore(transactions);
  private final DirectoryStore directory = new InMemoryDirectoryStore(transactions);
  private final PoolStore pools = new InMemoryPoolStore(transactions);
  private final ClaimStore claims = new InMemoryClaimStore(transactions);
  private final TrainingStore training = new InMemoryTrainingStore(transactions);
  private final AuditStore audit = new InMemoryAuditStore(transactions);
  private final SettingsStore settings = new InMemorySettingsStore(transactions);

  private InMemoryLicenseStore() {}

  /** A new, empty store. */
  public static InMemoryLicenseStore create() {
    return new InMemoryLicenseStore();
  }

  @Override
  public CatalogStore catalog() {
    return catalog;
  }

  @Override
  public DirectoryStore directory() {
    return directory;
  }

  @Override
  public PoolStore pools() {
    return pools;
  }

  @Override
  public ClaimStore claims() {
    return claims;
  }

  @Override
  public TrainingStore training() {
    return training;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public SettingsStore settings() {
    return settings;
  }

  @Override
  public Transactions transactions() {
    return transactions;
  }

  @Override
  public String toString() {
    return "InMemoryLicenseStore";
  }

  // Ports of bulk actions and lifecycle jobs (issue 5).

  private final UserQueryStore userQueries = new InMemoryUserQueryStore(transactions, directory, claims);
  private final ClaimQueryStore claimQueries = new InMemoryClaimQueryStore(transactions, pools, claims);
  private final IdempotencyStore idempotency = new InMemoryIdempotencyStore(transactions);
  private final NotificationLogStore notificationLog = new InMemoryNotificationLogStore(transactions);

  @Override
  public UserQueryStore userQueries() {
    return userQueries;
  }

  @Override
  public ClaimQueryStore claimQueries() {
    return claimQueries;
  }

  @Override
  public IdempotencyStore idempotency() {
    return idempotency;
  }

  @Override
  public NotificationLogStore notificationLog() {
    return notificationLog;
  }

  // Report ports: they read the sibling tables directly, the joins a database would make in SQL.
  private final InMemoryUsageStore usage = new InMemoryUsageStore(transactions);
  private final ReportStore reports = new InMemoryReportStore(
      transactions, (InMemoryClaimStore) claims, pools, directory, usage);
  private final ReconciliationStore reconciliation = new InMemoryReconciliationStore(
      transactions, (InMemoryClaimStore) claims, (InMemoryPoolStore) pools, directory, catalog);

  @Override
  public ReportStore reports() {
    return reports;
  }

  @Override
  public UsageStore usage() {
    return usage;
  }

  @Override
  public ReconciliationStore reconciliation() {
    return reconciliation;
  }
}
