package org.licensekit.core.internal;

import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.policy.OrganizationTree;

/** Resolves a report's organization filter to the explicit subtree the report ports take. */
final class ReportScope {

  private final Context context;
  private final Records records;

  ReportScope(Context context) {
    this.context = context;
    this.records = new Records(context.store(), context.tenant());
  }

  /** The organization and every one below it; refused with {@code organizationId} when unknown. */
  Optional<Set<OrganizationId>> subtree(Optional<OrganizationId> root) {
    return root.map(id -> {
      records.organization(id);
      return OrganizationTree.of(context.store().directory().listOrganizations(context.tenant())).subtree(id);
    });
  }
}
