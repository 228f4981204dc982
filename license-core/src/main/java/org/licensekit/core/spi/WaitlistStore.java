package org.licensekit.core.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;

/**
 * The seat waitlist: users waiting for a seat of a product, in order. A seat move and a queue
 * change of the same product must not interleave, or a seat could be freed while a user joins the
 * queue and go to no one; {@link #lock} is how a transaction excludes the others.
 */
public interface WaitlistStore {

  /**
   * Holds every pool of the product until the transaction ends — a concurrent seat take, seat
   * release, seat change or queue change of the product waits — and then reads the product's
   * pools as they are now, after any transaction that held them committed (a pool added meanwhile
   * included). Never answered from a cache.
   *
   * @return the product's pools, ordered by term end then id
   */
  List<PoolUsage> lock(TenantId tenant, ProductId product);

  /** Appends the entry at the end of its product's queue; returns false, writing nothing, when the user waits already. */
  boolean append(TenantId tenant, WaitlistEntry entry);

  /** The product's queue, first in line first. Never answered from a cache. */
  List<WaitlistEntry> queue(TenantId tenant, ProductId product);

  /**
   * Whether anyone waits for the product: asked before every seat taken outside the queue, so a
   * store should answer it without reading the queue. Never answered from a cache.
   */
  default boolean anyWaiting(TenantId tenant, ProductId product) {
    return !queue(tenant, product).isEmpty();
  }

  /** The products the user waits for, with their place in each queue (1 is first), ordered by product. */
  Map<ProductId, Integer> positionsOf(TenantId tenant, UserId user);

  /**
   * Which of {@code users} wait for any product (a bulk chunk asks before it decides its users
   * together); a store should answer in one read.
   */
  default java.util.Set<UserId> waitingAmong(TenantId tenant, Collection<UserId> users) {
    return users.stream().filter(user -> !positionsOf(tenant, user).isEmpty())
        .collect(com.google.common.collect.ImmutableSet.toImmutableSet());
  }

  /** Takes the user out of the product's queue; returns whether they were in it. */
  boolean remove(TenantId tenant, ProductId product, UserId user);

  /**
   * Puts the product's queue in {@code order}, which holds exactly the users waiting now.
   *
   * @throws IllegalArgumentException when {@code order} is not the queue's users
   */
  void reorder(TenantId tenant, ProductId product, List<UserId> order);

  /**
   * How many users wait per product (products nobody waits for are absent), counting only users
   * with a membership in one of {@code organizations} when given.
   */
  Map<ProductId, Integer> counts(TenantId tenant, Optional<Collection<OrganizationId>> organizations);
}
