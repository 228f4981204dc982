package org.licensekit.core.api;

import com.google.common.collect.ImmutableSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.InputBounds;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TrainingId;

/**
 * Which users a bulk action applies to, as in the guide's "use filters to select the target group".
 * Every criterion given must hold; an empty filter selects every user of the tenant. Validated when
 * built: a bad filter is refused with {@link InvalidInputException} naming each bad field.
 *
 * <ul>
 *   <li>{@code organization}: a member of it — or, with {@code includeSubOrganizations}, of it or any
 *       organization below it;
 *   <li>{@code role}: holds the role in some membership; with {@code organization}, in a membership
 *       of the selected organization(s) itself;
 *   <li>{@code jobProfile}: set up with that job profile;
 *   <li>{@code statuses}: the account status is one of them (empty: any status);
 *   <li>{@code nameOrEmailContains}: the name or the email contains the text, ignoring case and
 *       Unicode composition (both compared NFC, {@code Locale.ROOT} lower case), literally — {@code %} and {@code _} are no wildcards;
 *   <li>{@code claim}: the user's claims for a product match a {@link ClaimCondition};
 *   <li>{@code endsBefore}: temporary staff whose end date is strictly before the date;
 *   <li>{@code training}: the user's state in one training matches a {@link TrainingCondition}
 *       (assigned, not completed, overdue, completed, certification expired), at the instant the
 *       count, selection or bulk run starts.
 * </ul>
 *
 * Users are always selected in ascending user-id order.
 *
 * <h2>Canonical form</h2>
 *
 * {@link #canonical()} is the filter's stable text, stored in a bulk request's idempotency
 * fingerprint ({@link BulkRequest#fingerprint()}); it never depends on {@code toString()} or on the
 * order of this record's components. Version 1 (the criteria of the first release) is always
 * written, exactly as the first release wrote it:
 *
 * <pre>
 * UserFilter[organization=O, includeSubOrganizations=true|false, role=O, jobProfile=O,
 *   statuses=[S, …], nameOrEmailContains=O, claim=O, endsBefore=O]
 * </pre>
 *
 * (one line, {@code ", "} between the criteria) where each {@code O} is {@code Optional.empty} or
 * {@code Optional[value]} — an id's value, the text as given, {@code ClaimCondition[product=P,
 * status=S]}, an ISO date — and the statuses are in {@link AccountStatus} declaration order. Each
 * criterion added later is appended after the closing bracket <em>only when it is set</em>, as
 * {@code ;v<version>:<name>=<value>}, in version order: version 2 adds
 * {@code ;v2:training=<trainingId>/<STATUS>}. A filter that sets no newer criterion therefore keeps
 * the fingerprint it had before the criterion existed, and every new criterion gets its own version.
 */
public record UserFilter(
    Optional<OrganizationId> organization,
    boolean includeSubOrganizations,
    Optional<RoleId> role,
    Optional<JobProfileId> jobProfile,
    Set<AccountStatus> statuses,
    Optional<String> nameOrEmailContains,
    Optional<ClaimCondition> claim,
    Optional<LocalDate> endsBefore,
    Optional<TrainingCondition> training) {

  /** The longest search text accepted. */
  public static final int MAX_TEXT = 200;

  public UserFilter {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(jobProfile, "jobProfile");
    statuses = statuses.isEmpty() ? ImmutableSet.of() : ImmutableSet.copyOf(EnumSet.copyOf(statuses));
    Objects.requireNonNull(nameOrEmailContains, "nameOrEmailContains");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(endsBefore, "endsBefore");
    Objects.requireNonNull(training, "training");
    List<FieldError> errors = new ArrayList<>();
    if (includeSubOrganizations && organization.isEmpty()) {
      errors.add(new FieldError("includeSubOrganizations", "needs an organization"));
    }
    nameOrEmailContains.ifPresent(text -> {
      if (text.isBlank()) {
        errors.add(new FieldError("nameOrEmailContains", "must not be blank"));
      } else if (text.length() > MAX_TEXT) {
        errors.add(new FieldError("nameOrEmailContains", "size must be between 1 and " + MAX_TEXT));
      } else if (!InputBounds.storable(text)) {
        errors.add(new FieldError("nameOrEmailContains", InputBounds.STORABLE_TEXT_PROBLEM));
      }
    });
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /**
   * The filter of the first release's criteria, selecting on training by nothing.
   *
   * @throws InvalidInputException naming each bad field
   */
  public UserFilter(Optional<OrganizationId> organization, boolean includeSubOrganizations, Optional<RoleId> role,
      Optional<JobProfileId> jobProfile, Set<AccountStatus> statuses, Optional<String> nameOrEmailContains,
      Optional<ClaimCondition> claim, Optional<LocalDate> endsBefore) {
    this(organization, includeSubOrganizations, role, jobProfile, statuses, nameOrEmailContains, claim, endsBefore,
        Optional.empty());
  }

  /**
   * The filter's canonical text (see the class description): stable across releases, so a filter
   * that sets none of the newer criteria keeps its fingerprint.
   *
   * @return the canonical text
   */
  public String canonical() {
    StringBuilder text = new StringBuilder("UserFilter[")
        .append("organization=").append(optional(organization))
        .append(", includeSubOrganizations=").append(includeSubOrganizations)
        .append(", role=").append(optional(role))
        .append(", jobProfile=").append(optional(jobProfile))
        .append(", statuses=[").append(statuses.stream().sorted().map(Enum::name).collect(Collectors.joining(", "))).append(']')
        .append(", nameOrEmailContains=").append(optional(nameOrEmailContains))
        .append(", claim=").append(optional(claim.map(c -> "ClaimCondition[product=" + c.product().value()
            + ", status=" + c.status().name() + "]")))
        .append(", endsBefore=").append(optional(endsBefore.map(LocalDate::toString)))
        .append(']');
    training.ifPresent(condition -> text.append(";v2:training=").append(condition.canonical()));
    return text.toString();
  }

  private static String optional(Optional<?> value) {
    return value.map(v -> "Optional[" + v + "]").orElse("Optional.empty");
  }

  /** Every user of the tenant. */
  public static UserFilter all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link UserFilter}; {@link #build()} validates. */
  public static final class Builder {
    private Optional<OrganizationId> organization = Optional.empty();
    private boolean includeSubOrganizations;
    private Optional<RoleId> role = Optional.empty();
    private Optional<JobProfileId> jobProfile = Optional.empty();
    private final Set<AccountStatus> statuses = EnumSet.noneOf(AccountStatus.class);
    private Optional<String> text = Optional.empty();
    private Optional<ClaimCondition> claim = Optional.empty();
    private Optional<LocalDate> endsBefore = Optional.empty();
    private Optional<TrainingCondition> training = Optional.empty();

    private Builder() {}

    /** Members of the organization itself. */
    public Builder organization(OrganizationId value) {
      organization = Optional.of(value);
      includeSubOrganizations = false;
      return this;
    }

    /** Members of the organization or of any organization below it. */
    public Builder organizationWithSubOrganizations(OrganizationId value) {
      organization = Optional.of(value);
      includeSubOrganizations = true;
      return this;
    }

    public Builder role(RoleId value) {
      role = Optional.of(value);
      return this;
    }

    public Builder jobProfile(JobProfileId value) {
      jobProfile = Optional.of(value);
      return this;
    }

    public Builder status(AccountStatus... values) {
      statuses.addAll(List.of(values));
      return this;
    }

    public Builder statuses(Collection<AccountStatus> values) {
      statuses.addAll(values);
      return this;
    }

    public Builder nameOrEmailContains(String value) {
      text = Optional.of(Objects.requireNonNull(value, "nameOrEmailContains"));
      return this;
    }

    public Builder claim(ProductId product, ClaimCondition.Status status) {
      claim = Optional.of(ClaimCondition.of(product, status));
      return this;
    }

    public Builder endsBefore(LocalDate value) {
      endsBefore = Optional.of(value);
      return this;
    }

    /**
     * Users whose state in {@code training} is {@code status} (see {@link TrainingCondition.Status}).
     *
     * @param training the training or certification
     * @param status which users qualify
     * @return this builder
     */
    public Builder training(TrainingId training, TrainingCondition.Status status) {
      this.training = Optional.of(TrainingCondition.of(training, status));
      return this;
    }

    public UserFilter build() {
      return new UserFilter(organization, includeSubOrganizations, role, jobProfile, statuses, text, claim, endsBefore, training);
    }
  }
}
