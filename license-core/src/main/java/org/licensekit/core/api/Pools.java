package org.licensekit.core.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Term;

/** License pools: seats bought per product, their terms and renewals. */
public interface Pools {

  LicensePool add(NewPool pool);

  /**
   * Moves the end of the pool's term (an extension, or an earlier end). Active claims whose validity
   * is the pool term follow the new end.
   */
  LicensePool extendTerm(PoolId pool, Instant newEnd, String reason);

  /** Replaces the pool's term and renewal date (a renewed contract). Active term-bound claims follow. */
  LicensePool renew(PoolId pool, Term term, Optional<LocalDate> renewalDate, String reason);

  /**
   * Changes the number of seats. Never below the live claims: revoke claims first.
   *
   * @throws org.licensekit.core.ConflictException with code {@code SEATS_BELOW_LIVE_CLAIMS}
   */
  PoolUsage changeSeats(PoolId pool, int seats, String reason);

  Optional<PoolUsage> find(PoolId pool);

  List<PoolUsage> list();
}
