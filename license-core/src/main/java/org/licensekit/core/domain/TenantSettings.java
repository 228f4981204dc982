package org.licensekit.core.domain;

import org.immutables.value.Value;

/** Per-tenant behaviour switches. */
@Value.Immutable
public interface TenantSettings {

  /** Whether suspended users keep their seats (the default) or have them released on suspension. */
  @Value.Default
  default boolean suspendedUsersKeepSeats() {
    return true;
  }

  /** Whether a pending claim becomes active automatically the first time its user checks access. */
  @Value.Default
  default boolean claimOnFirstAccess() {
    return false;
  }

  static TenantSettings defaults() {
    return ImmutableTenantSettings.builder().build();
  }

  static ImmutableTenantSettings.Builder builder() {
    return ImmutableTenantSettings.builder();
  }
}
