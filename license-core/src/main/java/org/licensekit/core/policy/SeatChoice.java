package org.licensekit.core.policy;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;

/**
 * Which pool a new claim takes its seat from: a pool of the product, in term now, serving one of
 * the user's organizations (or the whole tenant), with a free seat; the pool whose term ends first
 * comes first, so seats that expire soonest are used before longer ones.
 */
public final class SeatChoice {

  private static final Comparator<LicensePool> EARLIEST_ENDING_FIRST =
      Comparator.comparing((LicensePool p) -> p.term().end()).thenComparing(LicensePool::id);

  private SeatChoice() {}

  /**
   * The pools to try, best first. Seats can be taken by others between this choice and the taking,
   * so callers try each in turn until one seat is taken.
   *
   * @param userOrganizations the user's organizations with all their ancestors
   */
  public static List<LicensePool> candidates(
      ProductId product, Collection<PoolUsage> pools, Set<OrganizationId> userOrganizations, Instant now) {
    return pools.stream()
        .filter(usage -> usage.free() > 0)
        .map(PoolUsage::pool)
        .filter(pool -> pool.product().equals(product))
        .filter(pool -> pool.term().contains(now))
        .filter(pool -> pool.scope().map(userOrganizations::contains).orElse(true))
        .sorted(EARLIEST_ENDING_FIRST)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Why no seat of {@code product} could be had once no candidate gave one (none was left, or each
   * was taken meanwhile): {@link AssignmentRefusal#NO_SEAT_AVAILABLE} when a pool in term serves the
   * user, so every such pool is full, {@link AssignmentRefusal#NO_POOL} when none serves them.
   *
   * @param userOrganizations the user's organizations with all their ancestors
   */
  public static Refusal refusal(
      ProductId product, Collection<PoolUsage> pools, Set<OrganizationId> userOrganizations, Instant now) {
    boolean anyServing = pools.stream()
        .map(PoolUsage::pool)
        .filter(pool -> pool.product().equals(product))
        .anyMatch(pool -> pool.term().contains(now) && pool.scope().map(userOrganizations::contains).orElse(true));
    return anyServing
        ? new Refusal(AssignmentRefusal.NO_SEAT_AVAILABLE, "Every pool of " + product + " serving the user is full")
        : new Refusal(AssignmentRefusal.NO_POOL, "No pool of " + product + " is in term for the user's organizations");
  }
}
