package org.licensekit.core.internal.reports;

import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.policy.OrganizationReach;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.NotFoundException;

/**
 * Resolves a report's organization filter to the explicit subtree the report ports take, limited
 * to the actor's reach: an organization-scoped actor's reports cover only its subtrees.
 */
final class ReportScope {

  private final Context context;
  private final Lookups lookups;

  ReportScope(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
  }

  /**
   * The organization and every one below it, within the actor's reach (for an organization-scoped
   * actor without a filter: its subtrees); refused with {@code organizationId} when unknown or
   * outside what the actor may see.
   */
  public Optional<Set<OrganizationId>> subtree(Optional<OrganizationId> root) {
    OrganizationReach reach = context.reach();
    Optional<Set<OrganizationId>> requested = root.map(id -> {
      lookups.organization(id);
      if (!reach.sees(id)) {
        throw new NotFoundException("organizationId", id);
      }
      return OrganizationTree.of(context.store().directory().listOrganizations(context.tenant())).subtree(id);
    });
    return reach.limit(requested);
  }
}
