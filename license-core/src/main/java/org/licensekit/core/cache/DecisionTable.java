package org.licensekit.core.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Predicate;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * One tenant's kept decisions in one flat open-addressing table keyed by user × product, so a warm
 * check finds its decision with one hash and, usually, one slot: no nested maps, no key object.
 *
 * <p>Readers take no lock: they read the current slot array (a volatile field) and its slots with
 * acquire semantics; a slot holds an immutable {@link Decision} (which carries its own user and
 * product), a tombstone, or nothing. Writers — keeping, forgetting, sweeping, resizing — hold the
 * table's monitor. A resize publishes a new array; a reader still probing the old one may find a
 * decision removed since, which is harmless because every decision is served only after its
 * generations are checked (a removal that matters — a user written — bumps the user's generation
 * before it removes). Once more than half the slots are in use (decisions and tombstones) the
 * table is rebuilt, so every probe ends at an empty slot.
 */
final class DecisionTable {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final Object REMOVED = new Object();
  private static final int SMALLEST = 16;

  private volatile Object[] slots = new Object[SMALLEST];
  /** The products of every decision kept since the table was last emptied: what {@link #forget} probes. */
  private volatile ProductId[] products = new ProductId[0];
  /** Set once the table is dropped (or about to be) from its tenant's place: no shortcut reads it then. */
  private volatile boolean retired;
  /** Decisions in the slots; guarded by {@code this}. */
  private int live;
  /** Decisions and tombstones in the slots; guarded by {@code this}. */
  private int used;

  /** A table retired from the start: a placeholder that is never read. */
  static DecisionTable retiredTable() {
    DecisionTable table = new DecisionTable();
    table.retire();
    return table;
  }

  /** Marks the table dropped from its tenant's place; for good. */
  void retire() {
    retired = true;
  }

  /** Whether the table was dropped from its tenant's place. */
  boolean retired() {
    return retired;
  }

  /** The slot hash of a user × product: spread so that similar ids do not cluster. */
  static int hash(UserId user, ProductId product) {
    int h = (user.hashCode() * 31 + product.hashCode()) * 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  /** The kept decision for the user and product, or {@code null}; takes no lock and builds nothing. */
  Decision find(UserId user, ProductId product) {
    int hash = hash(user, product);
    Object[] table = slots;
    int mask = table.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Object slot = SLOT.getAcquire(table, i);
      if (slot == null) {
        return null;
      }
      if (slot != REMOVED) {
        Decision kept = (Decision) slot;
        if (kept.hash == hash && kept.isFor(user, product)) {
          return kept;
        }
      }
    }
  }

  /**
   * Keeps {@code decision} in place of any kept for its user and product.
   *
   * @return whether it adds a decision (none was kept for its user and product)
   */
  synchronized boolean keep(Decision decision) {
    Object[] table = slots;
    int mask = table.length - 1;
    int free = -1;
    int i = decision.hash & mask;
    for (Object slot = table[i]; slot != null; i = (i + 1) & mask, slot = table[i]) {
      if (slot == REMOVED) {
        free = free < 0 ? i : free;
      } else if (((Decision) slot).hash == decision.hash && ((Decision) slot).isFor(decision.user, decision.product)) {
        SLOT.setRelease(table, i, decision);
        return false;
      }
    }
    if (free < 0) {
      free = i;
      used++;
    }
    SLOT.setRelease(table, free, decision);
    live++;
    noteProduct(decision.product);
    if (used > table.length / 2) {
      resize();
    }
    return true;
  }

  /**
   * Drops every decision kept for the user.
   *
   * @return how many were dropped
   */
  synchronized int forget(UserId user) {
    int dropped = 0;
    for (ProductId product : products) {
      dropped += remove(user, product) ? 1 : 0;
    }
    return dropped;
  }

  /**
   * Drops every decision {@code drop} accepts, then, while more than {@code keepAtMost} are kept,
   * any other but those of {@code spared}.
   *
   * @return how many were dropped
   */
  synchronized int sweep(Predicate<Decision> drop, long keepAtMost, UserId spared) {
    Object[] table = slots;
    int before = live;
    for (int i = 0; i < table.length; i++) {
      if (table[i] != null && table[i] != REMOVED && drop.test((Decision) table[i])) {
        removeAt(table, i);
      }
    }
    for (int i = 0; i < table.length && live > keepAtMost; i++) {
      if (table[i] != null && table[i] != REMOVED && !((Decision) table[i]).user.equals(spared)) {
        removeAt(table, i);
      }
    }
    if (live < before && used > 2 * live + SMALLEST) {
      resize();
    }
    return before - live;
  }

  /** How many decisions are kept. */
  synchronized int size() {
    return live;
  }

  private boolean remove(UserId user, ProductId product) {
    int hash = hash(user, product);
    Object[] table = slots;
    int mask = table.length - 1;
    for (int i = hash & mask; table[i] != null; i = (i + 1) & mask) {
      if (table[i] != REMOVED && ((Decision) table[i]).hash == hash && ((Decision) table[i]).isFor(user, product)) {
        removeAt(table, i);
        return true;
      }
    }
    return false;
  }

  private void removeAt(Object[] table, int i) {
    SLOT.setRelease(table, i, REMOVED);
    live--;
  }

  private void noteProduct(ProductId product) {
    ProductId[] known = products;
    for (ProductId p : known) {
      if (p.equals(product)) {
        return;
      }
    }
    ProductId[] more = Arrays.copyOf(known, known.length + 1);
    more[known.length] = product;
    products = more;
  }

  /** Rebuilds the slots at four times the live decisions (at least {@value #SMALLEST}), without tombstones. */
  private void resize() {
    Object[] table = slots;
    int wanted = (int) Math.min(1 << 30, Math.max(SMALLEST, 4L * live));
    int capacity = Integer.highestOneBit(wanted - 1) << 1;
    Object[] fresh = new Object[capacity];
    int mask = capacity - 1;
    for (Object slot : table) {
      if (slot != null && slot != REMOVED) {
        int i = ((Decision) slot).hash & mask;
        while (fresh[i] != null) {
          i = (i + 1) & mask;
        }
        fresh[i] = slot;
      }
    }
    used = live;
    if (live == 0) {
      products = new ProductId[0];
    }
    slots = fresh;
  }
}
