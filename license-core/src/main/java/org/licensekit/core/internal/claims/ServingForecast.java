package org.licensekit.core.internal.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.internal.Grants;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.WaitlistPolicy;
import org.licensekit.core.spi.LicenseStore;

/**
 * Whom free seats of a product would go to, read without a lock: the first users of the queue who
 * could take a seat now, passing over those who keep their place or would leave the queue, as
 * serving the queue ({@link SeatWaitlist#fill}) passes them. What the locks taken ahead of serving
 * ({@link WaitingAccountLocks}) are decided from.
 */
final class ServingForecast {

  private final LicenseStore store;
  private final TenantId tenant;

  ServingForecast(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  /**
   * The first {@code seats} users of {@code queue} who could take a seat of the product now (those
   * in {@code held} count without a second look).
   */
  List<UserId> wouldServe(UnitOfWork changes, ProductId product, List<WaitlistEntry> queue, int seats, Set<UserId> held) {
    Optional<Product> definition = store.catalog().findProduct(tenant, product);
    if (queue.isEmpty() || seats <= 0 || definition.isEmpty()) {
      return List.of();
    }
    List<PoolUsage> pools = QueueBatches.inTerm(store, tenant, product, changes.now());
    TenantSettings settings = store.settings().get(tenant);
    Grants grants = Grants.load(store, tenant);
    List<UserId> served = new ArrayList<>();
    QueueBatches batches = new QueueBatches(store, tenant, definition.get(), queue, seats, QueueBatches.scoped(pools));
    for (int at = 0; at < queue.size() && served.size() < seats; at++) {
      WaitlistEntry entry = queue.get(at);
      if (held.contains(entry.user())) {
        served.add(entry.user());
        continue;
      }
      WaitingFacts facts = batches.factsFor(at);
      if (facts.decide(entry, settings, grants, changes.now()).verdict() == WaitlistPolicy.Verdict.SERVE
          && facts.servedByAny(pools, entry.user())) {
        served.add(entry.user());
      }
    }
    return served;
  }
}
