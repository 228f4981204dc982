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
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.InputBounds;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;

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
 *   <li>{@code endsBefore}: temporary staff whose end date is strictly before the date.
 * </ul>
 *
 * Users are always selected in ascending user-id order.
 */
public record UserFilter(
    Optional<OrganizationId> organization,
    boolean includeSubOrganizations,
    Optional<RoleId> role,
    Optional<JobProfileId> jobProfile,
    Set<AccountStatus> statuses,
    Optional<String> nameOrEmailContains,
    Optional<ClaimCondition> claim,
    Optional<LocalDate> endsBefore) {

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

    public UserFilter build() {
      return new UserFilter(organization, includeSubOrganizations, role, jobProfile, statuses, text, claim, endsBefore);
    }
  }
}
