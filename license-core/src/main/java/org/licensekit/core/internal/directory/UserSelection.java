package org.licensekit.core.internal.directory;

import java.time.Instant;
import java.util.Set;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.policy.InputRules;
import org.licensekit.core.policy.OrganizationReach;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.spi.TrainingCriterion;
import org.licensekit.core.spi.UserCriteria;

/**
 * Turns a public {@link UserFilter} into the {@link UserCriteria} a store evaluates, the one way
 * both a bulk action and a directory listing select users.
 */
public final class UserSelection {

  private UserSelection() {}

  /**
   * Refuses a filter naming records the tenant does not have, before anything is read in bulk, and
   * limits its organizations to the actor's reach: an organization-scoped actor's filter selects
   * only members of its subtrees, whatever it asks for.
   *
   * @throws NotFoundException naming the organization, role, job profile or product the tenant lacks
   */
  public static UserCriteria criteria(Context context, UserFilter filter) {
    Lookups lookups = new Lookups(context.store(), context.tenant());
    filter.organization().ifPresent(lookups::organization);
    filter.role().ifPresent(lookups::role);
    filter.jobProfile().ifPresent(id -> context.store().catalog().findJobProfile(context.tenant(), id)
        .orElseThrow(() -> new NotFoundException("jobProfileId", id)));
    filter.claim().ifPresent(condition -> lookups.product(condition.product()));
    OrganizationReach reach = context.reach();
    filter.organization().filter(organization -> !reach.sees(organization)).ifPresent(organization -> {
      throw new NotFoundException("organizationId", organization);
    });
    UserCriteria asked = resolve(filter, OrganizationTree.of(context.store().directory().listOrganizations(context.tenant())),
        context.ports().clock().instant());
    return asked.withOrganizations(reach.limit(asked.organizations()));
  }

  /** The criteria of {@code filter}, its training condition read at {@code now} (one instant for a whole run or listing). */
  static UserCriteria resolve(UserFilter filter, OrganizationTree tree, Instant now) {
    return new UserCriteria(
        filter.organization().map(org -> filter.includeSubOrganizations() ? tree.subtree(org) : Set.of(org)),
        filter.role(),
        filter.jobProfile(),
        filter.statuses(),
        filter.nameOrEmailContains().map(InputRules::searchKey),
        filter.claim(),
        filter.endsBefore(),
        filter.training().map(condition -> new TrainingCriterion(condition, now)));
  }
}
