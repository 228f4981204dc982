package org.licensekit.core.memory;

import java.util.Objects;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.spi.CatalogStore;
import org.licensekit.core.spi.ComposedLicenseStore;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.StoreParts;
import org.licensekit.core.spi.Transactions;

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
public final class InMemoryLicenseStore extends ComposedLicenseStore {

  private InMemoryLicenseStore(TenantSettings defaultSettings) {
    super(parts(defaultSettings));
  }

  /** A new, empty store. */
  public static InMemoryLicenseStore create() {
    return new InMemoryLicenseStore(TenantSettings.defaults());
  }

  /**
   * A new, empty store in which every tenant that has not saved its own settings has {@code defaultSettings}.
   *
   * @throws NullPointerException when {@code defaultSettings} is null
   */
  public static InMemoryLicenseStore create(TenantSettings defaultSettings) {
    return new InMemoryLicenseStore(Objects.requireNonNull(defaultSettings, "defaultSettings"));
  }

  private static StoreParts parts(TenantSettings defaultSettings) {
    InMemoryTransactions transactions = new InMemoryTransactions();
    CatalogStore catalog = new InMemoryCatalogStore(transactions);
    InMemoryDirectoryStore directory = new InMemoryDirectoryStore(transactions);
    InMemoryPoolStore pools = new InMemoryPoolStore(transactions);
    InMemoryClaimStore claims = new InMemoryClaimStore(transactions);
    InMemoryUsageStore usage = new InMemoryUsageStore(transactions);
    InMemoryTrainingStore training = new InMemoryTrainingStore(transactions);
    InMemoryWaitlistStore waitlist = new InMemoryWaitlistStore(transactions, pools, directory);
    InMemoryOutboxStore outbox = new InMemoryOutboxStore(transactions);
    InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(transactions);
    return StoreParts.builder()
        .transactions(transactions)
        .catalog(catalog)
        .directory(directory)
        .pools(pools)
        .claims(claims)
        .training(training)
        .waitlist(waitlist)
        .audit(new InMemoryAuditStore(transactions))
        .settings(new InMemorySettingsStore(transactions, defaultSettings))
        .userQueries(new InMemoryUserQueryStore(transactions, directory, claims, training))
        .claimQueries(new InMemoryClaimQueryStore(transactions, pools, claims))
        .idempotency(idempotency)
        .notificationLog(new InMemoryNotificationLogStore(transactions))
        .outbox(outbox)
        .personalData(new InMemoryPersonalDataStore(transactions, claims, waitlist, outbox, idempotency))
        // the report ports read the sibling tables directly, the joins a database would make in SQL
        .usage(usage)
        .reports(new InMemoryReportStore(transactions, claims, pools, directory, usage, training))
        .reconciliation(new InMemoryReconciliationStore(transactions, claims, pools, directory, catalog))
        .build();
  }

  @Override
  public String toString() {
    return "InMemoryLicenseStore";
  }
}
