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

  /**
   * Adds a pool of seats for a product.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not manage pools
   * @throws org.licensekit.core.InvalidInputException naming each bad field
   * @throws org.licensekit.core.NotFoundException naming {@code productId} or the scope's {@code organizationId} when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code DUPLICATE_POOL} when the id is taken
   */
  LicensePool add(NewPool pool);

  /**
   * Moves the end of the pool's term (an extension, or an earlier end). Active claims whose validity
   * is the pool term follow the new end.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not manage pools
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} or {@code newEnd} when bad
   * @throws org.licensekit.core.NotFoundException naming {@code poolId} when it does not exist in this tenant
   */
  LicensePool extendTerm(PoolId pool, Instant newEnd, String reason);

  /**
   * Replaces the pool's term and renewal date (a renewed contract). Active term-bound claims follow.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not manage pools
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} or the term when bad
   * @throws org.licensekit.core.NotFoundException naming {@code poolId} when it does not exist in this tenant
   */
  LicensePool renew(PoolId pool, Term term, Optional<LocalDate> renewalDate, String reason);

  /**
   * Changes the number of seats. Never below the live claims: revoke claims first.
   *
   * @throws org.licensekit.core.ConflictException with code {@code SEATS_BELOW_LIVE_CLAIMS}
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not manage pools
   * @throws org.licensekit.core.InvalidInputException naming {@code seats} or {@code reason} when bad
   * @throws org.licensekit.core.NotFoundException naming {@code poolId} when it does not exist in this tenant
   */
  PoolUsage changeSeats(PoolId pool, int seats, String reason);

  /**
   * The pool with its seats in use, when it exists.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read pools
   */
  Optional<PoolUsage> find(PoolId pool);

  /**
   * Every pool of the tenant with its seats in use.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read pools
   */
  List<PoolUsage> list();
}
