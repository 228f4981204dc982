package org.licensekit.core.internal.claims;

import java.time.Instant;
import java.util.List;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.spi.LicenseStore;

/**
 * The reads of a walk down a product's waitlist: the queue's facts read a batch at a time as the
 * walk reaches it ({@link WaitingFacts}): the first batch twice the seats to give (at least
 * {@value #MIN_BATCH} users), each next one twice the one before (at most {@value #MAX_BATCH}), so a
 * walk past many users who keep their place costs a few statements per batch and a few batches, not
 * a few statements per user. Also the pool reads such a walk starts from.
 */
final class QueueBatches {

  private static final int MIN_BATCH = 16;
  private static final int MAX_BATCH = 512;

  private final LicenseStore store;
  private final TenantId tenant;
  private final Product product;
  private final List<WaitlistEntry> queue;
  private final boolean scoped;
  private int size;
  private int end;
  private WaitingFacts facts;

  QueueBatches(LicenseStore store, TenantId tenant, Product product, List<WaitlistEntry> queue, int seats, boolean scoped) {
    this.store = store;
    this.tenant = tenant;
    this.product = product;
    this.queue = queue;
    this.size = Math.max(MIN_BATCH, Math.min(MAX_BATCH, 2 * Math.max(seats, 1)));
    this.scoped = scoped;
  }

  /** The facts of the batch holding the {@code at}-th entry; the walk asks in queue order. */
  WaitingFacts factsFor(int at) {
    if (facts == null || at >= end) {
      end = Math.min(queue.size(), at + size);
      facts = WaitingFacts.read(store, tenant, product, queue.subList(at, end), scoped);
      size = Math.min(MAX_BATCH, 2 * size);
    }
    return facts;
  }

  /** The product's pools whose term holds {@code now}, read without a lock. */
  static List<PoolUsage> inTerm(LicenseStore store, TenantId tenant, ProductId product, Instant now) {
    return store.pools().listForProduct(tenant, product).stream().filter(usage -> usage.pool().term().contains(now)).toList();
  }

  /** Whether any of {@code pools} serves only an organization's members. */
  static boolean scoped(List<PoolUsage> pools) {
    return pools.stream().anyMatch(usage -> usage.pool().scope().isPresent());
  }
}
