package org.licensekit.core.spi;

import java.time.LocalDate;
import java.util.Optional;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.report.UsageDay;

/**
 * Product use aggregated per user × product × UTC day. Recording is an atomic upsert that must stay
 * cheap under concurrent calls: one row per key, launches added, progress kept at its maximum
 * ({@code INSERT … ON CONFLICT DO UPDATE SET launches = launches + excluded.launches,
 * progress = greatest(progress, excluded.progress)}). Concurrent recordings never lose a launch.
 */
public interface UsageStore {

  /** Adds {@code delta} to its day's row, creating the row when there is none. */
  void record(TenantId tenant, UsageDay delta);

  /** The stored row of that user, product and day. */
  Optional<UsageDay> find(TenantId tenant, UserId user, ProductId product, LocalDate day);
}
