package org.licensekit.core.domain;

import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Seats bought for one product over a term. A tenant may hold several pools per product; a pool
 * scoped to an organization serves only members of that organization and its sub-organizations.
 */
@Value.Immutable
public interface LicensePool {

  PoolId id();

  ProductId product();

  /** How many live claims the pool may hold at once. */
  int seats();

  Term term();

  /** When the contract is up for renewal. */
  Optional<LocalDate> renewalDate();

  /** The purchase order or contract reference. */
  Optional<String> reference();

  /** The organization (with its sub-organizations) the pool serves; empty means the whole tenant. */
  Optional<OrganizationId> scope();

  static ImmutableLicensePool.Builder builder() {
    return ImmutableLicensePool.builder();
  }
}
