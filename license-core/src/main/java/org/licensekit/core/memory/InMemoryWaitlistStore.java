package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.PoolStore;
import org.licensekit.core.spi.WaitlistStore;

/**
 * The waitlist in memory: one ordered list per tenant × product. The store lock serialises every
 * transaction, so {@link #lock} has nothing to hold and only reads the pools.
 */
final class InMemoryWaitlistStore implements WaitlistStore {

  private final InMemoryTransactions tx;
  private final PoolStore pools;
  private final DirectoryStore directory;
  private final TenantTable<ProductId, ImmutableList<WaitlistEntry>> queues;

  InMemoryWaitlistStore(InMemoryTransactions tx, PoolStore pools, DirectoryStore directory) {
    this.tx = tx;
    this.pools = pools;
    this.directory = directory;
    this.queues = new TenantTable<>(tx);
  }

  @Override
  public List<PoolUsage> lock(TenantId tenant, ProductId product) {
    return tx.read(() -> pools.listForProduct(tenant, product));
  }

  @Override
  public boolean append(TenantId tenant, WaitlistEntry entry) {
    return tx.write(() -> {
      ImmutableList<WaitlistEntry> queue = queue(tenant, entry.product());
      if (queue.stream().anyMatch(e -> e.user().equals(entry.user()))) {
        return false;
      }
      queues.put(tenant, entry.product(), ImmutableList.<WaitlistEntry>builder().addAll(queue).add(entry).build());
      return true;
    });
  }

  @Override
  public ImmutableList<WaitlistEntry> queue(TenantId tenant, ProductId product) {
    return tx.read(() -> queues.get(tenant, product).orElse(ImmutableList.of()));
  }

  @Override
  public Map<ProductId, Integer> positionsOf(TenantId tenant, UserId user) {
    return tx.read(() -> {
      ImmutableSortedMap.Builder<ProductId, Integer> positions = ImmutableSortedMap.naturalOrder();
      queues.stream(tenant).forEach(queue -> {
        for (int i = 0; i < queue.size(); i++) {
          if (queue.get(i).user().equals(user)) {
            positions.put(queue.get(i).product(), i + 1);
          }
        }
      });
      return positions.build();
    });
  }

  @Override
  public boolean remove(TenantId tenant, ProductId product, UserId user) {
    return tx.write(() -> {
      ImmutableList<WaitlistEntry> queue = queue(tenant, product);
      ImmutableList<WaitlistEntry> rest = queue.stream().filter(e -> !e.user().equals(user)).collect(ImmutableList.toImmutableList());
      if (rest.size() == queue.size()) {
        return false;
      }
      if (rest.isEmpty()) {
        queues.remove(tenant, product);
      } else {
        queues.put(tenant, product, rest);
      }
      return true;
    });
  }

  @Override
  public void reorder(TenantId tenant, ProductId product, List<UserId> order) {
    tx.write(() -> {
      ImmutableList<WaitlistEntry> queue = queue(tenant, product);
      Map<UserId, WaitlistEntry> byUser = new TreeMap<>();
      queue.forEach(e -> byUser.put(e.user(), e));
      if (order.size() != queue.size() || !byUser.keySet().equals(ImmutableSet.copyOf(order))) {
        throw new IllegalArgumentException("order " + order + " is not the users waiting for " + product);
      }
      return queues.put(tenant, product, order.stream().map(byUser::get).collect(ImmutableList.toImmutableList()));
    });
  }

  @Override
  public Map<ProductId, Integer> counts(TenantId tenant, Optional<Collection<OrganizationId>> organizations) {
    return tx.read(() -> {
      ImmutableSortedMap.Builder<ProductId, Integer> counts = ImmutableSortedMap.naturalOrder();
      queues.stream(tenant).forEach(queue -> {
        long waiting = queue.stream().filter(e -> organizations.map(orgs -> memberOfAny(tenant, e.user(), orgs)).orElse(true)).count();
        if (waiting > 0) {
          counts.put(queue.get(0).product(), (int) waiting);
        }
      });
      return counts.build();
    });
  }

  private boolean memberOfAny(TenantId tenant, UserId user, Collection<OrganizationId> organizations) {
    return directory.membershipsOf(tenant, user).stream().map(Membership::organization).anyMatch(organizations::contains);
  }

  /** The rows, for {@link InMemoryPersonalDataStore}; callers hold the store lock. */
  TenantTable<ProductId, ImmutableList<WaitlistEntry>> queuesTable() {
    return queues;
  }
}
