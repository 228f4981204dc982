package org.licensekit.core.spi.report;

import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.TrainingCriterion;

/**
 * The claims report's filters and order, as the store applies them. Every present filter must
 * hold (AND):
 *
 * <ul>
 *   <li>{@code from} ≤ the {@code dateField} instant &lt; {@code to}; a claim without the instant
 *       (never claimed, for {@code CLAIMED}) fails any range;
 *   <li>{@code user}, {@code product} equal; {@code statuses} contains the status (empty: any);
 *   <li>{@code organizations}: the user has a membership in one of them;
 *   <li>{@code role}: the user has a membership holding the role — with {@code organizations}
 *       present, that same membership must be in one of them;
 *   <li>{@code training}: the user's assignment or record of one training matches, see
 *       {@link org.licensekit.core.spi.TrainingCriterion}.
 * </ul>
 */
public record ClaimsSelection(
    ClaimDateField dateField,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<UserId> user,
    Optional<ProductId> product,
    Set<ClaimStatus> statuses,
    Optional<Set<OrganizationId>> organizations,
    Optional<RoleId> role,
    ClaimSortKey sortBy,
    SortDirection direction,
    Optional<TrainingCriterion> training) {

  /** Checks every part is present (an absent filter is an empty {@code Optional}). */
  public ClaimsSelection {
    Objects.requireNonNull(dateField, "dateField");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(product, "product");
    statuses = ImmutableSet.copyOf(statuses);
    organizations = organizations.map(ImmutableSet::copyOf);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sortBy, "sortBy");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(training, "training");
  }

  /** A selection without a training filter. */
  public ClaimsSelection(ClaimDateField dateField, Optional<Instant> from, Optional<Instant> to, Optional<UserId> user,
      Optional<ProductId> product, Set<ClaimStatus> statuses, Optional<Set<OrganizationId>> organizations, Optional<RoleId> role,
      ClaimSortKey sortBy, SortDirection direction) {
    this(dateField, from, to, user, product, statuses, organizations, role, sortBy, direction, Optional.empty());
  }
}
