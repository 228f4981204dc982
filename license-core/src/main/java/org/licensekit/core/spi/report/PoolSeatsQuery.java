package org.licensekit.core.spi.report;

import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.OrganizationId;

/**
 * Which pools {@code ReportStore.poolSeats} returns (rows of {@link org.licensekit.core.domain.PoolSeats}).
 *
 * @param scopes when present, only pools whose scope is one of these organizations (tenant-wide
 *     pools excluded); when empty, every pool of the tenant
 * @param pendingBefore the cutoff for {@code PoolSeats.pendingBefore()} (exclusive)
 */
public record PoolSeatsQuery(Optional<Set<OrganizationId>> scopes, Instant pendingBefore) {

  public PoolSeatsQuery {
    scopes = scopes.map(ImmutableSet::copyOf);
    Objects.requireNonNull(pendingBefore, "pendingBefore");
  }
}
