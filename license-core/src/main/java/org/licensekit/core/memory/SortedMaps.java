package org.licensekit.core.memory;

import com.google.common.collect.ImmutableSortedMap;
import java.util.TreeMap;

/** Copy-on-write edits of the small per-user maps (memberships, training records). */
final class SortedMaps {

  private SortedMaps() {}

  /** {@code map} with {@code key} mapped to {@code value}, replacing any earlier value. */
  static <K extends Comparable<? super K>, V> ImmutableSortedMap<K, V> with(ImmutableSortedMap<K, V> map, K key, V value) {
    TreeMap<K, V> copy = new TreeMap<>(map);
    copy.put(key, value);
    return ImmutableSortedMap.copyOfSorted(copy);
  }

  /** {@code map} without {@code key}. */
  static <K extends Comparable<? super K>, V> ImmutableSortedMap<K, V> without(ImmutableSortedMap<K, V> map, K key) {
    TreeMap<K, V> copy = new TreeMap<>(map);
    copy.remove(key);
    return ImmutableSortedMap.copyOfSorted(copy);
  }
}
