package org.licensekit.core.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.licensekit.core.domain.InputBounds;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Term;

/** Seats bought for a product: a new license pool. */
@Value.Immutable
public interface NewPool {

  /** The pool's id; one is generated when empty. */
  Optional<PoolId> id();

  ProductId product();

  @Positive
  @Max(10_000_000)
  int seats();

  Term term();

  Optional<LocalDate> renewalDate();

  Optional<@Size(min = 1, max = 200)
      @Pattern(regexp = InputBounds.STORABLE_TEXT, message = InputBounds.STORABLE_TEXT_PROBLEM) String> reference();

  /** The organization (with its sub-organizations) the pool serves; empty means the whole tenant. */
  Optional<OrganizationId> scope();

  static ImmutableNewPool.Builder builder() {
    return ImmutableNewPool.builder();
  }
}
