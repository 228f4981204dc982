package org.licensekit.core.domain;

import java.util.Set;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.immutables.value.Value;

/** Something licensed: learning content or an assessment tool. */
@Value.Immutable
public interface Product {

  ProductId id();

  @NotBlank
  @Size(max = 200)
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
