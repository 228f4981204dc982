package org.licensekit.core.cache;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.cache.Scope.Area;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.MicrosecondClock;
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
 * tenant ({@link DecisionTable}), found without building a key, and dropped with the user's
 * snapshot when the user is written; each is kept with the generations of the three scopes the
 * decision read — the user, the tenant's catalog and its pools — taken before it was made, folded
 * into one stamp (their sum: each only grows, so the sum is unchanged exactly when all three are;
 * see {@link Decision}). A decision is served only while all three are unchanged, the clock is in
 * {@code [decidedAt, validUntil)}, and the oldest read it was made from is younger than the
 * maximum staleness: no write can be forgotten, since
 * every write bumps a generation. On the system clock the staleness bound of a decision is a clock
 * millisecond (see {@link #wallTimed}), so a warm check reads the time once; a check that reads the
 * clock below the highest millisecond any check has read saw the clock go back, and moves the
 * clock epoch on, which ends every decision made before.
 */
final class SnapshotCache {

  private static final int STRIPES = Decision.STRIPES;
  private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

  private final Cache<Scope, Snapshot> snapshots;
  private final KeptDecisions decisions;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final Ticker ticker;
  private final long stalenessNanos;
  /**
   * Whether a check on a clock measures the staleness bound on that clock's milliseconds instead
   * of the ticker, saving a second time reading per warm check: only for the JDK's system clock
   * (whose milliseconds are the wall time the system ticker also runs on) and the system ticker.
   */
  private final Predicate<InstantSource> wallTimed;
  /** The highest clock millisecond a wall-timed check has read; one that reads less saw the clock go back. */
  private final AtomicLong highWater = new AtomicLong(Long.MIN_VALUE);
  /** Moves on each time a check sees the clock go back; a wall-timed decision holds only in the epoch it was made in. */
  private final AtomicLong clockEpoch = new AtomicLong();
  /** The clock last judged by {@link #wallTimed} and its answer, so a run of checks on one clock judges it once. */
  private volatile ClockJudged lastClock = new ClockJudged(null, false);

  SnapshotCache(CacheSettings settings) {
    this(settings, settings.ticker() == Ticker.systemTicker() ? SnapshotCache::readsSystemTime : clock -> false);
  }

  /**
   * A cache that measures staleness on the milliseconds of the clocks {@code wallTimed} accepts
   * (tests use it with their own clock); its answer must depend on the clock instance alone, as it
   * is remembered for the clock last judged.
   */
  SnapshotCache(CacheSettings settings, Predicate<InstantSource> wallTimed) {
    this.wallTimed = wallTimed;
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
   * its id, one probe of that table by the user × product hash, three generations and one clock
   * reading — the licensing clock's milliseconds when that clock is the system's (see {@link
   * #wallTimed}), else those and the ticker; the full instant is read only in the millisecond a
   * decision was made or stops holding. The decider reads through this cache; call only where
   * reads may be cached (no transaction running on the thread).
   */
  AccessDecision decide(TenantId tenant, UserId user, ProductId product, InstantSource clock, Decider decider) {
    ClockJudged judged = lastClock;
    boolean wall;
    if (judged.clock == clock) {
      wall = judged.wallTimed;
    } else {
      wall = wallTimed.test(clock);
      lastClock = new ClockJudged(clock, wall);
    }
    if (wall) {
      // The clock first: reading it orders the loads after it, so the decision's are not made to wait.
      long seen = highWater.get();
      long millis = clock.millis();
      if (millis < seen) {
        // The clock went back: every decision made before the step is decided again.
        clockEpoch.incrementAndGet();
        highWater.set(millis);
      } else {
        if (millis > seen) {
          highWater.compareAndSet(seen, millis);
        }
        AccessDecision served = decisions.served(tenant, user, product, clockEpoch.get(), generations, clock, millis);
        if (served != null) {
          return served;
        }
      }
    } else {
      Decision kept = decisions.find(tenant, user, product);
      if (kept != null && kept.holds(clock, ticker.read(), generations)) {
        return kept.decision;
      }
    }
    long epoch = clockEpoch.get();
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
      long staleAt = wall ? staleAtMillis(now, startedAt, oldestRead) : staleAt(oldestRead);
      Decision decision = new Decision(user, product, decided.decision(), now, decided.validUntil(),
          staleAt, userStripe, userGeneration, catalogStripe, catalogGeneration, poolsStripe, poolsGeneration, wall, epoch);
      decisions.keep(tenant, decision);
      if (generations.get(userStripe) != userGeneration) {
        // The user was written while deciding: the decision fails its generation check anyway;
        // dropping it keeps a write's removal of the user's decisions from being undone.
        decisions.forget(tenant, user);
      }
    }
    return decided.decision();
  }

  /**
   * The clock millisecond from which a decision made at {@code now} is stale: {@code now}'s
   * millisecond plus what was left of the staleness bound at {@code tick} (a ticker reading taken
   * after {@code now} was read), rounded down, so it never ends later than the ticker would.
   */
  private long staleAtMillis(Instant now, long tick, long oldestRead) {
    long left = Math.floorDiv(staleAt(oldestRead) - tick, 1_000_000L);
    long from = Decision.floorMillis(now);
    long sum = from + left;
    return ((from ^ sum) & (left ^ sum)) < 0 ? (left < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
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

  /**
   * Whether a kept decision can still be served, judged when {@code latest} was just made: what a
   * sweep keeps. Its clock aside, except that a wall-timed one is compared with the millisecond
   * {@code latest} was made in.
   */
  private boolean stillHolds(Decision kept, Decision latest) {
    return kept.wallTimed()
        ? kept.current(generations, clockEpoch.get()) && kept.staleAt() > latest.decidedAtMillis
        : kept.fresh(ticker.read(), generations);
  }

  /**
   * The ticker reading at which a decision made from reads the oldest of which began at
   * {@code oldestRead} goes stale; compared as {@code tick - staleAt < 0}, as the ticker wraps.
   */
  private long staleAt(long oldestRead) {
    return oldestRead + stalenessNanos;
  }

  /** Whether the licensing clock is the system's: the host's clock at microsecond precision, or the JDK's itself. */
  static boolean readsSystemTime(InstantSource clock) {
    return clock instanceof MicrosecondClock micro ? micro.readsSystemTime() : clock.getClass() == SYSTEM_CLOCK;
  }

  /** A clock and whether {@link #wallTimed} accepted it: a clock's answer never changes. */
  private record ClockJudged(InstantSource clock, boolean wallTimed) {
  }

  private static int stripe(Scope scope) {
    int h = scope.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  private static final class Snapshot {
    final ConcurrentMap<Object, Entry> entries = new ConcurrentHashMap<>();
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
