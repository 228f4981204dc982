package org.licensekit.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.TenantId;

/**
 * Set-based claim queries for the scheduled lifecycle jobs (expirations, reminders, deadlines), in
 * keyset pages ordered by ascending claim id (bytewise, as {@link ClaimId#compareTo}).
 */
public interface ClaimQueryStore {

  /**
   * Live (pending or active) claims that are due to expire at {@code now}: those whose
   * {@code expiresAt} is present and not after {@code now} ({@code expiresAt <= now}), and those
   * whose pool's term has ended ({@code pool.term.end <= now}). Both bounds are inclusive: a claim
   * is due at the very instant its validity or its pool's term ends.
   *
   * @param after only claims with an id strictly greater than this; empty for the first page
   */
  List<LicenseClaim> findDueForExpiry(TenantId tenant, Instant now, Optional<ClaimId> after, int limit);

  /**
   * {@code PENDING} claims assigned at or before {@code assignedAtOrBefore} (inclusive).
   *
   * @param after only claims with an id strictly greater than this; empty for the first page
   */
  List<LicenseClaim> findPendingAssignedBefore(TenantId tenant, Instant assignedAtOrBefore, Optional<ClaimId> after, int limit);
}
