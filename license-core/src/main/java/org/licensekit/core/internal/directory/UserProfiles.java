package org.licensekit.core.internal.directory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.licensekit.core.api.OrganizationRoles;
import org.licensekit.core.api.RoleHolding;
import org.licensekit.core.api.RoleSource;
import org.licensekit.core.api.UserProfile;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Grants;
import org.licensekit.core.spi.LicenseStore;

/**
 * Reads a user's profile through the store ports (authorization is the caller's). A role's source
 * is derived, not stored: a role of the job profile the account was set up with counts as
 * {@link RoleSource#JOB_PROFILE}, every other role as {@link RoleSource#GRANTED} — so a role both in
 * the job profile and granted again reads as the job profile's.
 */
public final class UserProfiles {

  private static final Comparator<LicenseClaim> NEWEST_FIRST =
      Comparator.comparing(LicenseClaim::assignedAt).reversed().thenComparing(LicenseClaim::id);

  private final LicenseStore store;
  private final TenantId tenant;

  public UserProfiles(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  /** The user's profile, when the user is registered. */
  public Optional<UserProfile> find(UserId user) {
    return store.directory().findUser(tenant, user).map(this::profileOf);
  }

  private UserProfile profileOf(UserAccount account) {
    Optional<JobProfile> jobProfile = account.jobProfile().flatMap(id -> store.catalog().findJobProfile(tenant, id));
    Set<RoleId> fromProfile = jobProfile.map(JobProfile::roles).orElse(Set.of());
    Grants grants = Grants.load(store, tenant);
    Map<OrganizationId, Organization> organizations = store.directory().listOrganizations(tenant).stream()
        .collect(ImmutableMap.toImmutableMap(Organization::id, Function.identity()));
    List<OrganizationRoles> memberships = store.directory().membershipsOf(tenant, account.id()).stream()
        .sorted(Comparator.comparing(Membership::organization))
        .map(m -> new OrganizationRoles(
            organizations.getOrDefault(m.organization(), Organization.root(m.organization(), m.organization().value())),
            m.roles().stream().sorted()
                .map(role -> new RoleHolding(role, fromProfile.contains(role) ? RoleSource.JOB_PROFILE : RoleSource.GRANTED,
                    grants.productsOf(Set.of(role))))
                .collect(ImmutableList.toImmutableList())))
        .collect(ImmutableList.toImmutableList());
    return new UserProfile(account, jobProfile, memberships,
        ImmutableList.sortedCopyOf(NEWEST_FIRST, store.claims().listForUser(tenant, account.id())),
        store.training().listForUser(tenant, account.id()),
        store.training().assignmentsOf(tenant, account.id()));
  }
}
