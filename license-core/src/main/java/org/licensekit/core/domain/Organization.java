package org.licensekit.core.domain;

import java.util.Objects;
import java.util.Optional;

/** A school or department inside a tenant; may have a parent organization. */
public record Organization(OrganizationId id, String name, Optional<OrganizationId> parent) {

  public Organization {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parent, "parent");
  }

  public static Organization root(OrganizationId id, String name) {
    return new Organization(id, name, Optional.empty());
  }

  public static Organization child(OrganizationId id, String name, OrganizationId parent) {
    return new Organization(id, name, Optional.of(parent));
  }
}
