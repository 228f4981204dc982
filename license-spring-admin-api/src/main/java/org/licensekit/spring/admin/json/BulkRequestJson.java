package org.licensekit.spring.admin.json;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A bulk action: the users a filter selects, and what to do to each.
 *
 * @param filter which users; every criterion optional (all users when absent)
 * @param action what to do to each
 * @param mode {@code BEST_EFFORT} (default) or {@code ALL_OR_NOTHING}
 * @param reason why, for the audit trail
 * @param chunkSize users per transaction, 1 to 10,000 (default 500)
 * @param sampleLimit the most per-user outcomes kept in the result, 0 to 100,000 (default 1,000)
 */
public record BulkRequestJson(
    @Valid Filter filter,
    @NotNull @Valid Action action,
    Mode mode,
    @NotBlank @Size(max = 500) String reason,
    @Min(1) @Max(10_000) Integer chunkSize,
    @Min(0) @Max(100_000) Integer sampleLimit) {

  /** How the action treats users it cannot change. */
  public enum Mode {
    /** One transaction; when any user would be refused, nothing is written. */
    ALL_OR_NOTHING,
    /** Each chunk its own transaction; refused users are listed and the others go on. */
    BEST_EFFORT
  }

  /**
   * Which users.
   *
   * @param organization only members of this organization
   * @param includeSubOrganizations also members of its sub-organizations
   * @param role only users holding this role
   * @param jobProfile only users set up with this job profile
   * @param statuses only users in these statuses
   * @param nameOrEmailContains only users whose name or e-mail contains this text
   * @param claimProduct with {@code claimStatus}: only users whose claim of this product is in that state
   * @param claimStatus {@code PENDING}, {@code ACTIVE}, {@code LIVE}, {@code NO_LIVE_CLAIM}, {@code EXPIRED} or {@code REVOKED}
   * @param endsBefore only temporary staff whose end date is before this day
   * @param trainingId with {@code trainingStatus}: only users in that state of this training
   * @param trainingStatus {@code ASSIGNED}, {@code NOT_COMPLETED}, {@code OVERDUE}, {@code COMPLETED} or
   *     {@code CERTIFICATION_EXPIRED}
   */
  public record Filter(
      @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String organization,
      Boolean includeSubOrganizations,
      @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String role,
      @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String jobProfile,
      List<@NotNull AccountStatusJson> statuses,
      @Size(min = 1, max = 200) String nameOrEmailContains,
      @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String claimProduct,
      ClaimConditionJson claimStatus,
      LocalDate endsBefore,
      @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String trainingId,
      TrainingStatusJson trainingStatus) {}

  /**
   * What to do to each selected user. Which fields count depends on {@code type}.
   *
   * @param type the action
   * @param organization {@code GRANT_ROLES}: where; {@code REVOKE_ROLE}: only there (else every membership)
   * @param organizations {@code CHANGE_ORGANIZATIONS}: the organizations
   * @param roles {@code GRANT_ROLES}, {@code CHANGE_ORGANIZATIONS}: the roles
   * @param role {@code REVOKE_ROLE}: the role
   * @param product {@code REVOKE_PRODUCT}: the product
   * @param membershipChange {@code CHANGE_ORGANIZATIONS}: {@code ADD}, {@code REMOVE} or {@code REPLACE}
   * @param statusChange {@code CHANGE_STATUS}: {@code SUSPEND}, {@code REACTIVATE} or {@code ARCHIVE}
   */
  public record Action(
      @NotNull Type type,
      @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String organization,
      List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String> organizations,
      List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String> roles,
      @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String role,
      @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product,
      MembershipChange membershipChange,
      StatusChange statusChange) {}

  /** The bulk actions. */
  public enum Type {
    /** Grants roles in an organization and assigns their products. */
    GRANT_ROLES,
    /** Adds, removes or replaces memberships with their roles. */
    CHANGE_ORGANIZATIONS,
    /** Revokes each user's live claim of a product. */
    REVOKE_PRODUCT,
    /** Takes a role away. */
    REVOKE_ROLE,
    /** Suspends, reactivates or archives the accounts. */
    CHANGE_STATUS,
    /** Removes every membership, revokes every claim, archives. */
    OFFBOARD
  }

  /** How {@code CHANGE_ORGANIZATIONS} treats memberships. */
  public enum MembershipChange {
    /** Adds the user to each organization with the roles. */
    ADD,
    /** Removes the user from each organization. */
    REMOVE,
    /** Makes the memberships exactly these organizations with exactly these roles. */
    REPLACE
  }

  /** The status changes of {@code CHANGE_STATUS}. */
  public enum StatusChange {
    /** Suspends the accounts. */
    SUSPEND,
    /** Reactivates suspended accounts. */
    REACTIVATE,
    /** Archives the accounts for good. */
    ARCHIVE
  }

  /** Account statuses a filter selects. */
  public enum AccountStatusJson {
    /** Invited, not yet active. */
    INVITED,
    /** Active. */
    ACTIVE,
    /** Suspended. */
    SUSPENDED,
    /** Archived. */
    ARCHIVED
  }

  /** The state of a user's claim of one product a filter selects. */
  public enum ClaimConditionJson {
    /** A pending claim. */
    PENDING,
    /** An active claim. */
    ACTIVE,
    /** A pending or active claim. */
    LIVE,
    /** No pending or active claim. */
    NO_LIVE_CLAIM,
    /** The latest claim expired. */
    EXPIRED,
    /** The latest claim was revoked. */
    REVOKED
  }
}
