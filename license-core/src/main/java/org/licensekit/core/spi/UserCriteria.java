package org.licensekit.core.spi;

import com.google.common.collect.ImmutableSet;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.ClaimCondition;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;

/**
 * A {@link org.licensekit.core.api.UserFilter} as the store evaluates it: the core has already
 * resolved sub-organizations into the explicit set {@link #organizations()} and turned the search
 * text into its {@link org.licensekit.core.policy.InputRules#searchKey search key}, so a store needs
 * no organization tree and no locale rules. Every present criterion
 * must hold (AND); an absent or empty one selects every user.
 *
 * <ul>
 *   <li>{@code organizations} and {@code role}: the user has a membership whose organization is in
 *       {@code organizations} (when present) and which holds {@code role} (when present) — both on
 *       the <em>same</em> membership row when both are given;
 *   <li>{@code jobProfile}: the account's job profile equals it;
 *   <li>{@code statuses}: the account's status is one of them; empty means any status;
 *   <li>{@code text}: already a search key (NFC, {@code Locale.ROOT} lower case); the search key of
 *       the account's name, or its {@link org.licensekit.core.policy.InputRules#email e-mail key},
 *       computed in Java (never by SQL's {@code LOWER}), contains it as a plain substring — no wildcards: {@code %} and
 *       {@code _} match only themselves (escape them in SQL {@code LIKE});
 *   <li>{@code claim}: see {@link ClaimCondition.Status} for each status's meaning;
 *   <li>{@code endsBefore}: the account has an end date strictly before this date (exclusive);
 *   <li>{@code training}: the user's assignment or record of one training matches, see {@link TrainingCriterion}.
 * </ul>
 */
public record UserCriteria(
    Optional<Set<OrganizationId>> organizations,
    Optional<RoleId> role,
    Optional<JobProfileId> jobProfile,
    Set<AccountStatus> statuses,
    Optional<String> text,
    Optional<ClaimCondition> claim,
    Optional<LocalDate> endsBefore,
    Optional<TrainingCriterion> training) {

  /** Checks every part is present (an absent criterion is an empty {@code Optional}). */
  public UserCriteria {
    organizations = Objects.requireNonNull(organizations, "organizations").map(ImmutableSet::copyOf);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(jobProfile, "jobProfile");
    statuses = ImmutableSet.copyOf(statuses);
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(endsBefore, "endsBefore");
    Objects.requireNonNull(training, "training");
  }

  /** Criteria without a training criterion. */
  public UserCriteria(Optional<Set<OrganizationId>> organizations, Optional<RoleId> role, Optional<JobProfileId> jobProfile,
      Set<AccountStatus> statuses, Optional<String> text, Optional<ClaimCondition> claim, Optional<LocalDate> endsBefore) {
    this(organizations, role, jobProfile, statuses, text, claim, endsBefore, Optional.empty());
  }

  /** These criteria with other {@code organizations}. */
  public UserCriteria withOrganizations(Optional<Set<OrganizationId>> value) {
    return new UserCriteria(value, role, jobProfile, statuses, text, claim, endsBefore, training);
  }
}
