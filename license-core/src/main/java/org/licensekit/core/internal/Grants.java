package org.licensekit.core.internal;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.LicenseStore;

/** A tenant's role catalogue, read once: which products roles grant. */
public final class Grants {

  private final Map<RoleId, Role> roles;

  private Grants(Map<RoleId, Role> roles) {
    this.roles = roles;
  }

  /** Reads the tenant's role catalogue. */
  public static Grants load(LicenseStore store, TenantId tenant) {
    return new Grants(store.catalog().listRoles(tenant).stream()
        .collect(ImmutableMap.toImmutableMap(Role::id, Function.identity())));
  }

  /** Every role of the catalogue by id. */
  public Map<RoleId, Role> roles() {
    return roles;
  }

  /** The products the given roles grant; a role not in the catalogue grants nothing. */
  public Set<ProductId> productsOf(Collection<RoleId> roleIds) {
    return roleIds.stream()
        .map(roles::get)
        .filter(Objects::nonNull)
        .flatMap(role -> role.grants().stream())
        .collect(ImmutableSet.toImmutableSet());
  }

  /** Every role held in the given memberships. */
  public static Set<RoleId> rolesOf(Collection<Membership> memberships) {
    return memberships.stream().flatMap(m -> m.roles().stream()).collect(ImmutableSet.toImmutableSet());
  }
}
