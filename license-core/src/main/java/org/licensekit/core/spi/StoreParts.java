package org.licensekit.core.spi;

import org.immutables.value.Value;

/**
 * The sub-stores of one {@link LicenseStore}, sharing one {@link Transactions}: a store that is
 * nothing but its accessors, each an attribute of this value. An adapter builds
 * its parts once and hands them to {@link ComposedLicenseStore}; a decorator copies another store's
 * parts with {@link #of(LicenseStore)} and replaces those it wraps:
 *
 * <pre>{@code
 * StoreParts parts = StoreParts.builder().from(delegate)
 *     .claims(new MyClaimStore(delegate.claims()))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@Value.Style(visibility = Value.Style.ImplementationVisibility.PUBLIC)
public interface StoreParts extends LicenseStore {

  /** The parts of {@code store}, as its accessors return them. */
  static StoreParts of(LicenseStore store) {
    return builder().from(store).build();
  }

  /** A builder; every part is required. */
  static ImmutableStoreParts.Builder builder() {
    return ImmutableStoreParts.builder();
  }
}
