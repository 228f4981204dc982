package org.licensekit.core.api;

import com.google.common.collect.ImmutableSortedSet;
import java.util.Objects;
import java.util.Set;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;

/**
 * One role a user holds in one organization.
 *
 * @param role the role
 * @param source where it came from: the user's job profile or a grant of its own
 * @param grants the products the role grants now, ordered by id (empty for a role no longer in the catalog)
 */
public record RoleHolding(RoleId role, RoleSource source, Set<ProductId> grants) {

  public RoleHolding {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(source, "source");
    grants = ImmutableSortedSet.copyOf(grants);
  }
}
