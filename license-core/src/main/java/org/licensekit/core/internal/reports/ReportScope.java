package org.licensekit.core.internal.reports;

import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.policy.OrganizationTree;

/** Resolves a report's organization filter to the explicit subtree the report ports take. */
final class ReportScope {

  private final Context context;
  private final Lookups lookups;

  ReportScope(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
  }

  /** The organization and every one below it; refused with {@code organizationId} when unknown. */
  public Optional<Set<OrganizationId>> subtree(Optional<OrganizationId> root) {
    return root.map(id -> {
      lookups.organization(id);
      return OrganizationTree.of(context.store().directory().listOrganizations(context.tenant())).subtree(id);
    });
  }
}
