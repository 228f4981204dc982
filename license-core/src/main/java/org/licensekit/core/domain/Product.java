package org.licensekit.core.domain;

import java.util.Set;
import org.immutables.value.Value;

/** Something licensed: learning content or an assessment tool. */
@Value.Immutable
public interface Product {

  ProductId id();

  String name();

  ProductType type();

  /** Training and certifications required before a claim can be activated. */
  Set<Prerequisite> prerequisites();

  @Value.Default
  default Validity validity() {
    return Validity.untilTermEnd();
  }

  static ImmutableProduct.Builder builder() {
    return ImmutableProduct.builder();
  }
}
