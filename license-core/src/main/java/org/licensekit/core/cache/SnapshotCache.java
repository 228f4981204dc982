package org.licensekit.core.cache;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.cache.Scope.Area;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AccessDecisionCache.Decided;
import org.licensekit.core.spi.AccessDecisionCache.Decider;

/**
 * Read results grouped in snapshots by {@link Scope}, each result served for at most the maximum
 * staleness after the read that produced it began. Knows nothing of transactions: the caller
 * decides what may be cached and when a scope changed.
 *
 * <p>The load/invalidate race — a reader loads old data, a writer invalidates, then the reader
 * stores what it loaded — is closed by generations: {@link #invalidate} bumps the scope's
 * generation <em>before</em> it drops the snapshot, and a reader stores its result first and then
 * checks that the generation it saw before loading is unchanged, taking its result back out if not.
 * Either the reader sees the bump, or the bump came after its store and the drop removes it.
 * Generations are striped (a fixed array indexed by the scope's hash), so they need no memory per
 * scope; two scopes sharing a stripe only cost each other an occasional result not kept.
 *
 * <p>Decided access checks are kept apart from the snapshots ({@link KeptDecisions}, bounded by
 * {@link CacheSettings#maximumDecisions()}), one per tenant × user × product in a flat table per
 * tenant ({@link DecisionTable}), found without building a key, and dropped with the user's snapshot when the user is written; each is kept with the generations of the three scopes the decision read — the
 * user, the tenant's catalog and its pools — taken before it was made. A decision is served only
 * while all three are unchanged, the clock is in {@code [decidedAt, validUntil)}, and the oldest
 * read it was made from is younger than the maximum staleness: no write can be forgotten, since
 * every write bumps a generation.
 */
final class SnapshotCache {

  private static final int STRIPES = 4096;

  private final Cache<Scope, Snapshot> snapshots;
  private final KeptDecisions decisions;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final Ticker ticker;
  private final long stalenessNanos;

  SnapshotCache(CacheSettings settings) {
    this.ticker = settings.ticker();
    this.stalenessNanos = settings.maximumStaleness().toNanos();
    this.decisions = new KeptDecisions(settings.maximumDecisions(), this::stillHolds);
    this.snapshots = CacheBuilder.newBuilder()
        .maximumSize(settings.maximumSnapshots())
        // Drops snapshots nobody reads; entries of a snapshot in use expire one by one in get().
        .expireAfterAccess(settings.maximumStaleness())
        .ticker(settings.ticker())
        .build();
  }

  /** The cached result of {@code query} in {@code scope} if still fresh, else {@code load}'s, kept. */
  @SuppressWarnings("unchecked")
  <V> V get(Scope scope, Object query, Supplier<V> load) {
    Snapshot cached = snapshots.getIfPresent(scope);
    if (cached != null) {
      Entry entry = cached.entries.get(query);
      if (entry != null && ticker.read() - entry.loadStartedAt < stalenessNanos) {
        Reading reading = this.reading.get();
        if (reading.active && entry.loadStartedAt < reading.oldest) {
          reading.oldest = entry.loadStartedAt;
        }
        return (V) entry.value;
      }
    }
    int stripe = stripe(scope);
    long generation = generations.get(stripe);
    long loadStartedAt = ticker.read();
    V value = load.get();
    Reading reading = this.reading.get();
    if (reading.active && loadStartedAt < reading.oldest) {
      reading.oldest = loadStartedAt;
    }
    Entry entry = new Entry(value, loadStartedAt);
    Snapshot target = snapshots.asMap().computeIfAbsent(scope, s -> new Snapshot());
    target.entries.put(query, entry);
    if (generations.get(stripe) != generation) {
      target.entries.remove(query, entry);
    }
    return value;
  }

  /**
   * The kept decision for the user and product if it still holds now, else {@code decider}'s,
   * kept. A warm check (a kept decision that holds) builds nothing: the tenant's table found by
   * its id, one probe of that table by the user × product hash, the clock read as milliseconds,
   * the ticker and three generations; the full instant is read only in the millisecond a decision was made or stops
   * holding. The decider reads through this cache; call only where reads may be cached (no
   * transaction running on the thread).
   */
  AccessDecision decide(TenantId tenant, UserId user, ProductId product, InstantSource clock, Decider decider) {
    Decision kept = decisions.find(tenant, user, product);
    if (kept != null && kept.holds(clock, ticker.read(), generations)) {
      return kept.decision;
    }
    Instant now = clock.instant();
    Scope userScope = Scope.user(tenant, user);
    int userStripe = stripe(userScope);
    int catalogStripe = stripe(Scope.shared(tenant, Area.CATALOG));
    int poolsStripe = stripe(Scope.shared(tenant, Area.POOLS));
    long userGeneration = generations.get(userStripe);
    long catalogGeneration = generations.get(catalogStripe);
    long poolsGeneration = generations.get(poolsStripe);
    long startedAt = ticker.read();
    Reading reading = this.reading.get();
    boolean outer = !reading.active;
    long outerOldest = reading.oldest;
    reading.active = true;
    reading.oldest = startedAt;
    Decided decided;
    long oldestRead;
    try {
      decided = decider.decide(user, product, now);
    } finally {
      oldestRead = reading.oldest;
      reading.active = !outer;
      reading.oldest = outer ? Long.MAX_VALUE : Math.min(outerOldest, oldestRead);
    }
    if (now.isBefore(decided.validUntil())) {
      Decision decision = new Decision(user, product, decided.decision(), now, decided.validUntil(),
          staleAt(oldestRead), userStripe, userGeneration, catalogStripe, catalogGeneration, poolsStripe, poolsGeneration);
      decisions.keep(tenant, decision);
      if (generations.get(userStripe) != userGeneration) {
        // The user was written while deciding: the decision fails its generation check anyway;
        // dropping it keeps a write's removal of the user's decisions from being undone.
        decisions.forget(tenant, user);
      }
    }
    return decided.decision();
  }

  /** Forgets every result of the scope, and every result being loaded for it right now. */
  void invalidate(Scope scope) {
    generations.incrementAndGet(stripe(scope));
    snapshots.invalidate(scope);
    if (scope instanceof Scope.OfUser ofUser) {
      decisions.forget(ofUser.tenant(), ofUser.user());
    }
  }

  /** Forgets everything: every result, every decision, every result being loaded right now. */
  void invalidateAll() {
    for (int i = 0; i < STRIPES; i++) {
      generations.incrementAndGet(i);
    }
    snapshots.invalidateAll();
    decisions.clear();
  }

  /** How many decided checks are kept now (for tests). */
  long decisionCount() {
    return decisions.count();
  }

  /** How many snapshots are held now (for tests and metrics). */
  long snapshotCount() {
    snapshots.cleanUp();
    return snapshots.size();
  }

  /** Whether a kept decision can still be served, the clock aside: what a sweep keeps. */
  private boolean stillHolds(Decision decision) {
    return decision.fresh(ticker.read(), generations);
  }

  /**
   * The ticker reading at which a decision made from reads the oldest of which began at
   * {@code oldestRead} goes stale; compared as {@code tick - staleAt < 0}, as the ticker wraps.
   */
  private long staleAt(long oldestRead) {
    return oldestRead + stalenessNanos;
  }

  private static int stripe(Scope scope) {
    int h = scope.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  private static final class Snapshot {
    final ConcurrentMap<Object, Entry> entries = new ConcurrentHashMap<>();
  }

  /**
   * A decided access check, the user and product it is for, and what it holds under: immutable, so
   * a {@link DecisionTable} publishes it whole. The instants are kept twice: as instants, for the
   * exact comparison, and as the epoch milliseconds that contain them, so a check outside those two
   * milliseconds compares {@code long}s only.
   */
  static final class Decision {
    final int hash;
    final UserId user;
    final ProductId product;
    final AccessDecision decision;
    final Instant decidedAt;
    final Instant validUntil;
    final long decidedAtMillis;
    final long validUntilMillis;
    /** The ticker reading from which it is stale (its oldest read began a maximum staleness before). */
    final long staleAt;
    final int userStripe;
    final long userGeneration;
    final int catalogStripe;
    final long catalogGeneration;
    final int poolsStripe;
    final long poolsGeneration;

    Decision(UserId user, ProductId product, AccessDecision decision, Instant decidedAt, Instant validUntil, long staleAt,
        int userStripe, long userGeneration, int catalogStripe, long catalogGeneration, int poolsStripe, long poolsGeneration) {
      this.hash = DecisionTable.hash(user, product);
      this.user = user;
      this.product = product;
      this.decision = decision;
      this.decidedAt = decidedAt;
      this.validUntil = validUntil;
      this.decidedAtMillis = floorMillis(decidedAt);
      this.validUntilMillis = floorMillis(validUntil);
      this.staleAt = staleAt;
      this.userStripe = userStripe;
      this.userGeneration = userGeneration;
      this.catalogStripe = catalogStripe;
      this.catalogGeneration = catalogGeneration;
      this.poolsStripe = poolsStripe;
      this.poolsGeneration = poolsGeneration;
    }

    /** Whether it is the decision for {@code user} and {@code product}: by identity first, then by value. */
    boolean isFor(UserId user, ProductId product) {
      return (this.user == user || this.user.equals(user)) && (this.product == product || this.product.equals(product));
    }

    /** The epoch millisecond that contains {@code instant}; past the range of a long, its end. */
    private static long floorMillis(Instant instant) {
      if (instant.getEpochSecond() >= Long.MAX_VALUE / 1_000 - 1) {
        return Long.MAX_VALUE;
      }
      if (instant.getEpochSecond() <= Long.MIN_VALUE / 1_000 + 1) {
        return Long.MIN_VALUE;
      }
      return instant.getEpochSecond() * 1_000 + instant.getNano() / 1_000_000;
    }

    boolean holds(InstantSource clock, long tick, AtomicLongArray generations) {
      return fresh(tick, generations) && heldAt(clock);
    }

    /** Whether nothing it read was written since, and its oldest read is younger than the staleness bound. */
    boolean fresh(long tick, AtomicLongArray generations) {
      return tick - staleAt < 0
          && generations.get(userStripe) == userGeneration
          && generations.get(catalogStripe) == catalogGeneration
          && generations.get(poolsStripe) == poolsGeneration;
    }

    /**
     * Whether the clock is in {@code [decidedAt, validUntil)}. Strictly between the two instants'
     * milliseconds the millisecond settles it; within either of them, the full instant does.
     */
    private boolean heldAt(InstantSource clock) {
      long millis = clock.millis();
      if (millis > decidedAtMillis && millis < validUntilMillis) {
        return true;
      }
      if (millis < decidedAtMillis || millis > validUntilMillis) {
        return false;
      }
      Instant now = clock.instant();
      return !now.isBefore(decidedAt) && now.isBefore(validUntil);
    }
  }

  /** The oldest cached read a decision being made on this thread was made from. */
  private static final class Reading {
    boolean active;
    long oldest = Long.MAX_VALUE;
  }

  private final ThreadLocal<Reading> reading = ThreadLocal.withInitial(Reading::new);

  /** Compared by identity, so a reader takes back only the result it stored itself. */
  private static final class Entry {
    final Object value;
    final long loadStartedAt;

    Entry(Object value, long loadStartedAt) {
      this.value = value;
      this.loadStartedAt = loadStartedAt;
    }
  }
}
