package org.licensekit.core.policy;

import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;

/** The parent links of a tenant's organizations. */
public final class OrganizationTree {

  private final Map<OrganizationId, Organization> byId;

  private OrganizationTree(Map<OrganizationId, Organization> byId) {
    this.byId = byId;
  }

  public static OrganizationTree of(Collection<Organization> organizations) {
    return new OrganizationTree(organizations.stream().collect(Collectors.toMap(Organization::id, Function.identity())));
  }

  /** Whether the tenant has this organization. */
  public boolean contains(OrganizationId organization) {
    return byId.containsKey(organization);
  }

  /** The given organizations and every ancestor of each; a cycle in parent links ends the walk. */
  public Set<OrganizationId> withAncestors(Collection<OrganizationId> organizations) {
    Set<OrganizationId> result = new HashSet<>();
    for (OrganizationId start : organizations) {
      Optional<OrganizationId> current = Optional.of(start);
      while (current.isPresent() && result.add(current.get())) {
        current = Optional.ofNullable(byId.get(current.get())).flatMap(Organization::parent);
      }
    }
    return ImmutableSet.copyOf(result);
  }

  /** The organization and every organization below it. */
  public Set<OrganizationId> subtree(OrganizationId root) {
    Set<OrganizationId> result = new HashSet<>();
    result.add(root);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Organization organization : byId.values()) {
        if (organization.parent().filter(result::contains).isPresent() && result.add(organization.id())) {
          grew = true;
        }
      }
    }
    return ImmutableSet.copyOf(result);
  }
}
