package org.licensekit.core.cache;

import java.util.Objects;
import org.licensekit.core.spi.AuditStore;
import org.licensekit.core.spi.CatalogStore;
import org.licensekit.core.spi.ClaimQueryStore;
import org.licensekit.core.spi.ClaimStore;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.IdempotencyStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.NotificationLogStore;
import org.licensekit.core.spi.PoolStore;
import org.licensekit.core.spi.ReconciliationStore;
import org.licensekit.core.spi.ReportStore;
import org.licensekit.core.spi.SettingsStore;
import org.licensekit.core.spi.TrainingStore;
import org.licensekit.core.spi.Transactions;
import org.licensekit.core.spi.UsageStore;
import org.licensekit.core.spi.UserQueryStore;

/**
 * A {@link LicenseStore} that wraps any other and keeps in this JVM's memory what the access check
 * reads, so "may user U use product P now?" usually costs no query.
 *
 * <pre>{@code
 * LicenseStore store = CachingLicenseStore.wrap(JdbcLicenseStore.create(dataSource), CacheSettings.ofDefaults());
 * Licensing licensing = Licensing.builder().store(store).build();
 * }</pre>
 *
 * <h2>What is cached</h2>
 *
 * Per tenant × user: the account, the memberships, the training records, the claims and the live
 * claim per product. Per tenant: the catalog (products, roles, job profiles), the organizations,
 * the pools with their seats in use, and the settings. Everything else — the audit trail, the list
 * of all users, claims by id or pool, the bulk and lifecycle queries, idempotency keys, the
 * notification log, reports, usage and reconciliation — goes straight to the wrapped store.
 * Reconciliation's seat-counter repair invalidates the tenant's pools like any other seat write.
 *
 * <h2>Consistency</h2>
 *
 * <ul>
 *   <li><b>Inside a transaction</b> begun through {@link #transactions()}, every read goes to the
 *       wrapped store: it sees the transaction's own writes and takes part in its locking. Seats
 *       and the one-live-claim rule are enforced by the wrapped store as before; the cache never
 *       decides a write.
 *   <li><b>Changes made through this store</b> are seen by every thread of this JVM as soon as they
 *       are committed (the invalidation follows the commit within the same call, before
 *       {@code inTransaction} returns). Each write invalidates what it touches (the user, or the tenant's catalog,
 *       organizations, pools or settings) when it happens and again after the outermost
 *       transaction commits or rolls back, so nothing another thread read during the transaction
 *       outlives it; a read racing with an invalidation never stores its (older) result.
 *   <li><b>Changes made by other JVMs</b> sharing the database, or written to the wrapped store
 *       directly, are seen here at most {@link CacheSettings#maximumStaleness()} (default 5 s)
 *       after they were committed: no cached result is served longer than that after the read that
 *       produced it began. Within that window this JVM may answer an access check from the state
 *       before the change — e.g. still allow a user another instance revoked a second ago. Choose
 *       the staleness accordingly, or do not wrap the store where that matters. The seat count is
 *       never at risk: writes always go to the database.
 *   <li>A transaction the host begins on the wrapped store's own {@code Transactions} (not through
 *       {@link #transactions()}) is invisible to the cache: reads made in it may be cached, and
 *       their results may outlive a rollback until the staleness bound. Begin transactions through
 *       this store.
 *   <li>A host transaction the wrapped store's transactions join (such as a Spring-managed one,
 *       given as an {@link EnclosingTransaction} to {@link #wrap(LicenseStore, CacheSettings,
 *       EnclosingTransaction)}): while it is open, the thread's reads bypass the cache; what its
 *       commands wrote is invalidated after it commits, and nothing is invalidated when it rolls
 *       back.
 * </ul>
 */
public final class CachingLicenseStore implements LicenseStore {

  private final LicenseStore delegate;
  private final SnapshotCache cache;
  private final CachingTransactions transactions;
  private final CatalogStore catalog;
  private final DirectoryStore directory;
  private final PoolStore pools;
  private final ClaimStore claims;
  private final TrainingStore training;
  private final SettingsStore settings;

  private CachingLicenseStore(LicenseStore delegate, CacheSettings cacheSettings, EnclosingTransaction enclosing) {
    this.delegate = delegate;
    this.cache = new SnapshotCache(cacheSettings);
    this.transactions = new CachingTransactions(delegate.transactions(), cache, enclosing);
    this.catalog = new CachingCatalogStore(delegate.catalog(), transactions);
    this.directory = new CachingDirectoryStore(delegate.directory(), transactions);
    this.pools = new CachingPoolStore(delegate.pools(), transactions);
    this.claims = new CachingClaimStore(delegate.claims(), transactions);
    this.training = new CachingTrainingStore(delegate.training(), transactions);
    this.settings = new CachingSettingsStore(delegate.settings(), transactions);
  }

  /** Wraps {@code delegate} with the {@linkplain CacheSettings#ofDefaults() default settings}. */
  public static CachingLicenseStore wrap(LicenseStore delegate) {
    return wrap(delegate, CacheSettings.ofDefaults());
  }

  /** Wraps {@code delegate}; use the returned store, and its transactions, for everything. */
  public static CachingLicenseStore wrap(LicenseStore delegate, CacheSettings settings) {
    return wrap(delegate, settings, EnclosingTransaction.none());
  }

  /**
   * Wraps {@code delegate}, whose transactions join the host's {@code enclosing} transaction when
   * one is open; see {@link EnclosingTransaction}. Use the returned store, and its transactions, for
   * everything.
   */
  public static CachingLicenseStore wrap(LicenseStore delegate, CacheSettings settings, EnclosingTransaction enclosing) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(enclosing, "enclosing");
    return new CachingLicenseStore(delegate, settings, enclosing);
  }

  /** How many snapshots the cache holds now, at most {@link CacheSettings#maximumSnapshots()}. */
  public long snapshotCount() {
    return cache.snapshotCount();
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
    return delegate.audit();
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
  public UserQueryStore userQueries() {
    return delegate.userQueries();
  }

  @Override
  public ClaimQueryStore claimQueries() {
    return delegate.claimQueries();
  }

  @Override
  public IdempotencyStore idempotency() {
    return delegate.idempotency();
  }

  @Override
  public NotificationLogStore notificationLog() {
    return delegate.notificationLog();
  }

  // Report ports: reads that are not on the access path, and one write that changes seats in use.

  @Override
  public ReportStore reports() {
    return delegate.reports();
  }

  @Override
  public UsageStore usage() {
    return delegate.usage();
  }

  /** The wrapped store's, with its seat-counter repair invalidating the tenant's pools. */
  @Override
  public ReconciliationStore reconciliation() {
    return new CachingReconciliationStore(delegate.reconciliation(), transactions);
  }

  @Override
  public String toString() {
    return "CachingLicenseStore[" + delegate + "]";
  }
}
