package org.licensekit.core.cache;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.licensekit.core.cache.SnapshotCache.Decision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * Decided access checks by tenant, then user, then product: nested maps keyed by the id values the
 * caller already holds, so finding one builds no key. Bounded: when more than the maximum are kept,
 * the thread that kept the last one sweeps — first every decision that can no longer be served,
 * then whole users' decisions in map order, sparing the user just decided — down to three quarters
 * of the maximum. A sweep runs
 * on the path that just decided (and read the store), never on a warm check.
 */
final class KeptDecisions {

  private final ConcurrentMap<TenantId, ConcurrentMap<UserId, ConcurrentMap<ProductId, Decision>>> byTenant =
      new ConcurrentHashMap<>();
  private final long maximum;
  private final Predicate<Decision> servable;
  /** About how many are kept: exact after a sweep, may drift up between sweeps (never below). */
  private final AtomicLong count = new AtomicLong();
  private final AtomicBoolean sweeping = new AtomicBoolean();

  KeptDecisions(long maximum, Predicate<Decision> servable) {
    this.maximum = maximum;
    this.servable = servable;
  }

  /** The kept decision, or {@code null}: a warm check's lookup, which must not allocate. */
  Decision find(TenantId tenant, UserId user, ProductId product) {
    ConcurrentMap<UserId, ConcurrentMap<ProductId, Decision>> users = byTenant.get(tenant);
    if (users == null) {
      return null;
    }
    ConcurrentMap<ProductId, Decision> products = users.get(user);
    return products == null ? null : products.get(product);
  }

  void keep(TenantId tenant, UserId user, ProductId product, Decision decision) {
    ConcurrentMap<ProductId, Decision> products = byTenant
        .computeIfAbsent(tenant, t -> new ConcurrentHashMap<>())
        .computeIfAbsent(user, u -> new ConcurrentHashMap<>(4));
    if (products.put(product, decision) == null && count.incrementAndGet() > maximum) {
      sweep(products);
    }
  }

  /** Drops every decision of the user. */
  void forget(TenantId tenant, UserId user) {
    ConcurrentMap<UserId, ConcurrentMap<ProductId, Decision>> users = byTenant.get(tenant);
    if (users != null) {
      ConcurrentMap<ProductId, Decision> removed = users.remove(user);
      if (removed != null) {
        count.addAndGet(-removed.size());
      }
    }
  }

  /** Drops every decision. */
  void clear() {
    byTenant.clear();
    count.set(0);
  }

  /** How many are kept now, counted. */
  long count() {
    long total = 0;
    for (ConcurrentMap<UserId, ConcurrentMap<ProductId, Decision>> users : byTenant.values()) {
      for (ConcurrentMap<ProductId, Decision> products : users.values()) {
        total += products.size();
      }
    }
    return total;
  }

  /** Sweeps down to three quarters of the maximum, sparing {@code spared} (the user just decided). */
  private void sweep(ConcurrentMap<ProductId, Decision> spared) {
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      long target = maximum - maximum / 4;
      for (ConcurrentMap<UserId, ConcurrentMap<ProductId, Decision>> users : byTenant.values()) {
        for (ConcurrentMap<ProductId, Decision> products : users.values()) {
          products.values().removeIf(servable.negate());
        }
        users.values().removeIf(Map::isEmpty);
      }
      long kept = count();
      Iterator<ConcurrentMap<UserId, ConcurrentMap<ProductId, Decision>>> tenants = byTenant.values().iterator();
      while (kept > target && tenants.hasNext()) {
        Iterator<ConcurrentMap<ProductId, Decision>> users = tenants.next().values().iterator();
        while (kept > target && users.hasNext()) {
          ConcurrentMap<ProductId, Decision> products = users.next();
          if (products != spared) {
            kept -= products.size();
            users.remove();
          }
        }
      }
      byTenant.values().removeIf(Map::isEmpty);
      count.set(count());
    } finally {
      sweeping.set(false);
    }
  }
}
