package org.licensekit.core.internal.bulk;

import java.time.Instant;
import java.util.Set;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.spi.TrainingCriterion;
import org.licensekit.core.spi.UserCriteria;

/** Turns a public {@link UserFilter} into the {@link UserCriteria} a store evaluates, its training condition at {@code now}. */
final class FilterResolver {

  private FilterResolver() {}

  static UserCriteria resolve(UserFilter filter, OrganizationTree tree, Instant now) {
    return new UserCriteria(
        filter.organization().map(org -> filter.includeSubOrganizations() ? tree.subtree(org) : Set.of(org)),
        filter.role(),
        filter.jobProfile(),
        filter.statuses(),
        filter.nameOrEmailContains().map(org.licensekit.core.policy.InputRules::searchKey),
        filter.claim(),
        filter.endsBefore(),
        filter.training().map(condition -> new TrainingCriterion(condition, now)));
  }
}
