package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.licensekit.core.domain.TenantId;

/**
 * One kind of record, kept apart per tenant and ordered by key. Every change registers its undo
 * with the transaction, so the sub-stores never have to think about rollback. Callers hold the
 * store lock (through {@link InMemoryTransactions#read} or {@link InMemoryTransactions#write}).
 */
final class TenantTable<K extends Comparable<? super K>, V> {

  private final InMemoryTransactions transactions;
  private final Map<TenantId, NavigableMap<K, V>> byTenant = new HashMap<>();

  TenantTable(InMemoryTransactions transactions) {
    this.transactions = transactions;
  }

  Optional<V> get(TenantId tenant, K key) {
    return Optional.ofNullable(rows(tenant).get(key));
  }

  boolean contains(TenantId tenant, K key) {
    return rows(tenant).containsKey(key);
  }

  /** The tenant's values in key order. */
  ImmutableList<V> values(TenantId tenant) {
    return ImmutableList.copyOf(rows(tenant).values());
  }

  /** The tenant's values in key order, to be consumed while the store lock is held. */
  Stream<V> stream(TenantId tenant) {
    return rows(tenant).values().stream();
  }

  /**
   * The tenant's values with a key strictly greater than {@code after} (all, when empty), in key
   * order, to be consumed while the store lock is held: a keyset page costs its own size, not the
   * tenant's.
   */
  Stream<V> streamAfter(TenantId tenant, Optional<K> after) {
    NavigableMap<K, V> rows = rows(tenant);
    return (after.isPresent() ? rows.tailMap(after.get(), false) : rows).values().stream();
  }

  /** The tenant's values in reverse key order, to be consumed while the store lock is held. */
  Stream<V> streamDescending(TenantId tenant) {
    return rows(tenant).descendingMap().values().stream();
  }

  /** The tenant's value with the greatest key. */
  Optional<V> last(TenantId tenant) {
    Map.Entry<K, V> last = rows(tenant).lastEntry();
    return last == null ? Optional.empty() : Optional.of(last.getValue());
  }

  /** The tenant's values matching {@code filter}, sorted by {@code order}. */
  ImmutableList<V> select(TenantId tenant, Predicate<? super V> filter, Comparator<? super V> order) {
    return rows(tenant).values().stream().filter(filter).sorted(order).collect(ImmutableList.toImmutableList());
  }

  /** Inserts or replaces; returns the value replaced. */
  Optional<V> put(TenantId tenant, K key, V value) {
    Objects.requireNonNull(value, "value");
    NavigableMap<K, V> rows = rowsForWrite(tenant);
    V previous = rows.put(key, value);
    transactions.onRollback(() -> restore(rows, key, previous));
    return Optional.ofNullable(previous);
  }

  /** Removes; returns the value removed. */
  Optional<V> remove(TenantId tenant, K key) {
    NavigableMap<K, V> rows = rowsForWrite(tenant);
    V previous = rows.remove(key);
    if (previous != null) {
      transactions.onRollback(() -> rows.put(key, previous));
    }
    return Optional.ofNullable(previous);
  }

  private static <K, V> void restore(NavigableMap<K, V> rows, K key, V previous) {
    if (previous == null) {
      rows.remove(key);
    } else {
      rows.put(key, previous);
    }
  }

  private NavigableMap<K, V> rows(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    NavigableMap<K, V> rows = byTenant.get(tenant);
    return rows == null ? Collections.emptyNavigableMap() : rows;
  }

  private NavigableMap<K, V> rowsForWrite(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    // An empty map left behind by a rollback is harmless, so creating one needs no undo.
    return byTenant.computeIfAbsent(tenant, t -> new TreeMap<>());
  }
}
