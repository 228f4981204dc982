package org.licensekit.core.internal;

import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;

/** Which products a user's roles grant. */
final class Grants {

  private final LicenseStore store;
  private final TenantId tenant;

  Grants(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  Map<RoleId, Role> roleCatalog() {
    return store.catalog().listRoles(tenant).stream().collect(Collectors.toMap(Role::id, Function.identity()));
  }

  /** The products the given roles grant. */
  Set<ProductId> productsOf(Collection<RoleId> roles) {
    Map<RoleId, Role> catalog = roleCatalog();
    return roles.stream()
        .map(catalog::get)
        .filter(Objects::nonNull)
        .flatMap(role -> role.grants().stream())
        .collect(ImmutableSet.toImmutableSet());
  }

  /** The products the user's memberships grant now. */
  Set<ProductId> productsOf(UserId user) {
    return productsOf(store.directory().membershipsOf(tenant, user).stream()
        .flatMap(m -> m.roles().stream())
        .collect(ImmutableSet.toImmutableSet()));
  }

  static Set<RoleId> rolesOf(Collection<Membership> memberships) {
    return memberships.stream().flatMap(m -> m.roles().stream()).collect(ImmutableSet.toImmutableSet());
  }
}
