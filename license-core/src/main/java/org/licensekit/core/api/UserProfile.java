package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserAccount;

/**
 * Everything the admin guide's troubleshooting looks at for one user, read in one call: the account,
 * its organizations with the roles held in each and where each role came from, its claims, and its
 * training records and assignments.
 *
 * @param account the user account
 * @param jobProfile the job profile the user was set up with, as the catalog defines it now
 * @param organizations one entry per membership, ordered by organization id
 * @param claims every claim of the user, live and ended, newest assignment first (then by id)
 * @param training the user's training completions and certifications, ordered by training id
 * @param trainingAssignments the training assigned to the user, open and completed, ordered by training id
 */
public record UserProfile(
    UserAccount account,
    Optional<JobProfile> jobProfile,
    List<OrganizationRoles> organizations,
    List<LicenseClaim> claims,
    List<TrainingRecord> training,
    List<TrainingAssignment> trainingAssignments) {

  public UserProfile {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(jobProfile, "jobProfile");
    organizations = ImmutableList.copyOf(organizations);
    claims = ImmutableList.copyOf(claims);
    training = ImmutableList.copyOf(training);
    trainingAssignments = ImmutableList.copyOf(trainingAssignments);
  }

  /** Every role held in any organization, ordered by id. */
  public Set<RoleId> roles() {
    return organizations.stream().flatMap(o -> o.roles().stream()).map(RoleHolding::role)
        .collect(ImmutableSortedSet.toImmutableSortedSet(java.util.Comparator.naturalOrder()));
  }

  /** Every product some held role grants, ordered by id. */
  public Set<ProductId> productsGrantedByRoles() {
    return organizations.stream().flatMap(o -> o.roles().stream()).flatMap(r -> r.grants().stream())
        .collect(ImmutableSortedSet.toImmutableSortedSet(java.util.Comparator.naturalOrder()));
  }

  /** The user's live (pending or active) claims. */
  public List<LicenseClaim> liveClaims() {
    return claims.stream().filter(LicenseClaim::live).collect(ImmutableList.toImmutableList());
  }
}
