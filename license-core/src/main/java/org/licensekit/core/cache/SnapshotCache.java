package org.licensekit.core.cache;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

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
 */
final class SnapshotCache {

  private static final int STRIPES = 4096;

  private final Cache<Scope, Snapshot> snapshots;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final Ticker ticker;
  private final long stalenessNanos;

  SnapshotCache(CacheSettings settings) {
    this.ticker = settings.ticker();
    this.stalenessNanos = settings.maximumStaleness().toNanos();
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
        return (V) entry.value;
      }
    }
    int stripe = stripe(scope);
    long generation = generations.get(stripe);
    long loadStartedAt = ticker.read();
    V value = load.get();
    Entry entry = new Entry(value, loadStartedAt);
    Snapshot target = snapshots.asMap().computeIfAbsent(scope, s -> new Snapshot());
    target.entries.put(query, entry);
    if (generations.get(stripe) != generation) {
      target.entries.remove(query, entry);
    }
    return value;
  }

  /** Forgets every result of the scope, and every result being loaded for it right now. */
  void invalidate(Scope scope) {
    generations.incrementAndGet(stripe(scope));
    snapshots.invalidate(scope);
  }

  /** How many snapshots are held now (for tests and metrics). */
  long snapshotCount() {
    snapshots.cleanUp();
    return snapshots.size();
  }

  private static int stripe(Scope scope) {
    int h = scope.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  private static final class Snapshot {
    final ConcurrentMap<Object, Entry> entries = new ConcurrentHashMap<>();
  }

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
