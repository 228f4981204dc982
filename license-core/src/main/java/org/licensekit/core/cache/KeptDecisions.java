package org.licensekit.core.cache;

import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * Decided access checks: one flat {@link DecisionTable} per tenant, keyed by user × product, so
 * finding one builds no key and probes one table. Bounded: when more than the maximum are kept, the
 * thread that kept the last one sweeps — first every decision that can no longer be served, then
 * others in table order, sparing the user just decided — down to three quarters of the maximum. A
 * sweep runs on the path that just decided (and read the store), never on a warm check.
 */
final class KeptDecisions {

  private final ConcurrentMap<TenantId, DecisionTable> byTenant = new ConcurrentHashMap<>();
  private final long maximum;
  /** Whether a kept decision can still be served, judged when the second was just made. */
  private final BiPredicate<Decision, Decision> servable;
  /** About how many are kept: exact after a sweep, may drift between sweeps. */
  private final AtomicLong count = new AtomicLong();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  /**
   * The tenant a decision was last kept for and its table, so a warm check of that tenant (the
   * common case: one tenant, or a run of checks of one) skips the map. A table dropped from the
   * map is retired first, and a retired one is never read through here: the map is asked instead.
   */
  private volatile LastKept last = LastKept.NONE;

  KeptDecisions(long maximum, BiPredicate<Decision, Decision> servable) {
    this.maximum = maximum;
    this.servable = servable;
  }

  /** The kept decision, or {@code null}: a warm check's lookup, which must not allocate. */
  Decision find(TenantId tenant, UserId user, ProductId product) {
    LastKept held = last;
    DecisionTable table = held.tenant == tenant && !held.table.retired() ? held.table : byTenant.get(tenant);
    return table == null ? null : table.find(user, product);
  }

  /**
   * The answer kept for the user and product if it holds at a wall-timed check (see {@link
   * DecisionTable#served}), or {@code null}: a warm check's lookup, which must not allocate.
   */
  AccessDecision served(TenantId tenant, UserId user, ProductId product, long clockEpoch, AtomicLongArray generations,
      InstantSource clock, long millis) {
    LastKept held = last;
    DecisionTable table = held.tenant == tenant && !held.table.retired() ? held.table : byTenant.get(tenant);
    return table == null ? null : table.served(user, product, clockEpoch, generations, clock, millis);
  }

  void keep(TenantId tenant, Decision decision) {
    DecisionTable table = byTenant.computeIfAbsent(tenant, t -> new DecisionTable());
    LastKept held = last;
    if (held.tenant != tenant || held.table != table) {
      last = new LastKept(tenant, table);
    }
    if (table.keep(decision) && count.incrementAndGet() > maximum) {
      sweep(decision);
    }
  }

  /** Drops every decision of the user. */
  void forget(TenantId tenant, UserId user) {
    DecisionTable table = byTenant.get(tenant);
    if (table != null) {
      count.addAndGet(-table.forget(user));
    }
  }

  /** Drops every decision. */
  void clear() {
    // Each table is retired before it leaves the map, so the shortcut never reads one that left.
    byTenant.values().removeIf(table -> {
      table.retire();
      return true;
    });
    last = LastKept.NONE;
    count.set(0);
  }

  /** How many are kept now, counted. */
  long count() {
    long total = 0;
    for (DecisionTable table : byTenant.values()) {
      total += table.size();
    }
    return total;
  }

  /** Sweeps down to three quarters of the maximum, sparing the user of {@code latest} (the decision just kept). */
  private void sweep(Decision latest) {
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      UserId spared = latest.user;
      Predicate<Decision> unservable = kept -> !servable.test(kept, latest);
      long target = maximum - maximum / 4;
      for (DecisionTable table : byTenant.values()) {
        table.sweep(unservable, Long.MAX_VALUE, spared);
      }
      long kept = count();
      for (DecisionTable table : byTenant.values()) {
        if (kept <= target) {
          break;
        }
        int size = table.size();
        kept -= table.sweep(unservable, Math.max(0, size - (kept - target)), spared);
      }
      // A decision kept meanwhile in a table dropped here is only lost, never served wrongly.
      byTenant.values().removeIf(table -> {
        if (table.size() != 0) {
          return false;
        }
        table.retire();
        return true;
      });
      count.set(count());
    } finally {
      sweeping.set(false);
    }
  }

  /** A tenant and its table, as last kept; {@link #NONE} matches no tenant. */
  private record LastKept(TenantId tenant, DecisionTable table) {
    static final LastKept NONE = new LastKept(null, DecisionTable.retiredTable());
  }
}
