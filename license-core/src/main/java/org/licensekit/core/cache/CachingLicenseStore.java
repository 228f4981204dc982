package org.licensekit.core.cache;

import java.time.InstantSource;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Predicate;
import org.licensekit.core.spi.AccessDecisionCache;
import org.licensekit.core.spi.ChangeSignals;
import org.licensekit.core.spi.ChangedRecords;
import org.licensekit.core.spi.ComposedLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.StoreParts;

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
 * Reconciliation's seat-counter repair invalidates the tenant's pools like any other seat write,
 * and an erasure's rewrite of claim reasons invalidates the claims' users.
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
 *       never at risk: writes always go to the database. When the wrapped store sends
 *       {@linkplain LicenseStore#changeSignals() change signals} (the JDBC store built with
 *       {@code changeSignals(...)}), see "Across instances" below: the window shrinks to the
 *       signal's delay, and the staleness bound stays as the safety net.
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
 *
 * <h2>Decided access checks</h2>
 *
 * A check's answer is kept per tenant × user × product ({@link #accessDecisions()}), so a repeated
 * {@code access().check(user, product)} reads no record and builds no facts. A kept answer is
 * served only while (1) nothing it read was written through this store since — a write to the
 * user, the tenant's catalog or its pools makes it be decided again, including a write that was
 * rolled back —, (2) the licensing clock, read at each check, is between the instant it was made
 * and the first instant at which time alone can change it (a claim's expiry, a pool's term start
 * or end, a training record's completion or expiry; see {@code AccessPolicy.validUntil}), and (3)
 * the oldest read it was made from is younger than the maximum staleness (on the system clock,
 * measured on that clock: see {@link CacheSettings#maximumStaleness()}). Kept answers live in
 * their own bounded map ({@link CacheSettings#maximumDecisions()}) and are dropped with their
 * user's snapshot; a check that claims a pending license on first access writes, and so is decided
 * again. A warm check (a kept answer that holds) allocates nothing: the answer is found by the
 * tenant, user and product ids themselves, and the clock is read as milliseconds (the exact
 * instant only within the millisecond the answer was made or stops holding) — on the system
 * clock, that is the only time reading.
 *
 * <h2>Across instances</h2>
 *
 * The scopes a transaction wrote are sent through the wrapped store's {@link
 * LicenseStore#changeSignals()} inside that transaction, and this store subscribes to the signals
 * when it is built: a change committed by another instance on the same database invalidates the
 * same scopes here as soon as it is heard (PostgreSQL {@code LISTEN/NOTIFY}: at once; a polled
 * change log: within its poll interval). A signal that may have been missed (a broken listening
 * connection) forgets everything. {@link #close()} stops listening.
 */
public final class CachingLicenseStore extends ComposedLicenseStore implements AutoCloseable {

  private final LicenseStore delegate;
  private final SnapshotCache cache;
  private final CachingTransactions transactions;
  private final ChangeSignals.Subscription signalled;

  private CachingLicenseStore(LicenseStore delegate, SnapshotCache cache, CachingTransactions transactions) {
    super(parts(delegate, transactions));
    this.delegate = delegate;
    this.cache = cache;
    this.transactions = transactions;
    this.signalled = delegate.changeSignals().subscribe(new ChangeSignals.Receiver() {
      @Override
      public void changed(Collection<ChangedRecords> changes) {
        for (ChangedRecords change : changes) {
          cache.invalidate(Scope.of(change));
        }
      }

      @Override
      public void missed() {
        cache.invalidateAll();
      }
    });
  }

  /**
   * The wrapped store's parts with the access path cached: the catalog, directory, pools, claims,
   * training and settings read through the cache and invalidate it on writes; reconciliation's
   * seat-counter repair invalidates the tenant's pools. Everything else is the wrapped store's own.
   */
  private static StoreParts parts(LicenseStore delegate, CachingTransactions transactions) {
    return StoreParts.builder().from(delegate)
        .transactions(transactions)
        .catalog(new CachingCatalogStore(delegate.catalog(), transactions))
        .directory(new CachingDirectoryStore(delegate.directory(), transactions))
        .pools(new CachingPoolStore(delegate.pools(), transactions))
        .claims(new CachingClaimStore(delegate.claims(), transactions))
        .training(new CachingTrainingStore(delegate.training(), transactions))
        .settings(new CachingSettingsStore(delegate.settings(), transactions))
        .reconciliation(new CachingReconciliationStore(delegate.reconciliation(), transactions))
        .personalData(new CachingPersonalDataStore(delegate.personalData(), transactions))
        .build();
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
    return wrap(delegate, new SnapshotCache(settings), enclosing);
  }

  /** Wraps {@code delegate} with its decided checks timed on the milliseconds of the clocks {@code wallTimed} accepts (for tests). */
  static CachingLicenseStore wrap(LicenseStore delegate, CacheSettings settings, Predicate<InstantSource> wallTimed) {
    return wrap(delegate, new SnapshotCache(settings, wallTimed), EnclosingTransaction.none());
  }

  private static CachingLicenseStore wrap(LicenseStore delegate, SnapshotCache cache, EnclosingTransaction enclosing) {
    return new CachingLicenseStore(delegate, cache,
        new CachingTransactions(delegate.transactions(), cache, enclosing, delegate.changeSignals()));
  }

  /**
   * Decided access checks, kept per tenant × user × product in the user's snapshot; see "Decided
   * access checks" above. Inside a transaction every check is decided anew.
   */
  @Override
  public AccessDecisionCache accessDecisions() {
    return transactions;
  }

  /**
   * Stops hearing other instances' changes (see "Across instances" above); the store stays usable,
   * with the staleness bound alone for changes made elsewhere. Closing twice does nothing more.
   */
  @Override
  public void close() {
    signalled.close();
  }

  /** How many snapshots the cache holds now, at most {@link CacheSettings#maximumSnapshots()}. */
  public long snapshotCount() {
    return cache.snapshotCount();
  }

  @Override
  public String toString() {
    return "CachingLicenseStore[" + delegate + "]";
  }
}
