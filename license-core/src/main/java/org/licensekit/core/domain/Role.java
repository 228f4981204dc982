package org.licensekit.core.domain;

import java.util.Set;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.immutables.value.Value;

/** A product-access role of the catalog (the guide's "role boxes"); it grants one or more products. */
@Value.Immutable
public interface Role {

  RoleId id();

  @NotBlank
  @Size(max = 200)
  String name();

  @Value.Default
  default String description() {
    return "";
  }

  /** The products a membership with this role grants access to. */
  Set<ProductId> grants();

  static ImmutableRole.Builder builder() {
    return ImmutableRole.builder();
  }
}
