package org.licensekit.core.api.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;
import org.licensekit.core.FieldError;
import org.licensekit.core.InputValidator;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.api.TrainingCondition;

/**
 * What the claims report shows. Every filter is optional and they combine with AND:
 *
 * <ul>
 *   <li>a date range on {@link #dateField()}: {@code from} inclusive, {@code to} exclusive;
 *   <li>one user, one product, any set of statuses (empty means all);
 *   <li>an organization: claims of users who are members of it or of any organization below it;
 *   <li>a role: claims of users holding that role in some membership — in a membership of the
 *       organization filter's subtree when both are given;
 *   <li>a training condition: claims of users whose state in one training matches a
 *       {@link TrainingCondition} (assigned, not completed, overdue, completed, certification
 *       expired) when the page is read — say, pending claims of users whose prerequisite training
 *       is overdue.
 * </ul>
 *
 * Rows are sorted by {@link #sortBy()} in {@link #direction()}, ties by claim id ascending (see
 * {@link ClaimSortKey}), and come in keyset pages of at most {@link #limit()} rows; a page's
 * {@code nextCursor} passed to {@link Builder#cursor(String)} continues where it ended.
 *
 * <pre>{@code
 * ClaimsQuery.builder().status(ClaimStatus.PENDING).sortBy(ClaimSortKey.ASSIGNED_AT).limit(50).build();
 * }</pre>
 */
@Value.Immutable
public sealed interface ClaimsQuery extends PageRequest permits ImmutableClaimsQuery {

  /** Which date {@link #from()} and {@link #to()} bound (default: the assignment date). */
  @Value.Default
  default ClaimDateField dateField() {
    return ClaimDateField.ASSIGNED;
  }

  /** Start of the date range, inclusive. */
  Optional<Instant> from();

  /** End of the date range, exclusive; after {@link #from()} when both are given. */
  Optional<Instant> to();

  /** Only this user's claims. */
  Optional<UserId> user();

  /** Only claims on this product. */
  Optional<ProductId> product();

  /** The statuses to show; empty means every status. */
  Set<ClaimStatus> statuses();

  /** Only users in this organization or below it. */
  Optional<OrganizationId> organization();

  /** Only users holding this role. */
  Optional<RoleId> role();

  /** Only users whose state in one training matches this condition, evaluated when the page is read. */
  Optional<TrainingCondition> training();

  /** The column rows are sorted by (default: the assignment date). */
  @Value.Default
  default ClaimSortKey sortBy() {
    return ClaimSortKey.ASSIGNED_AT;
  }

  /** The sort direction (default: ascending). */
  @Value.Default
  default SortDirection direction() {
    return SortDirection.ASCENDING;
  }

  /**
   * Refuses a bad page (see {@link PageRequest}) or a date range whose end is not after its start;
   * called as the query is built.
   *
   * @throws InvalidInputException naming {@code limit}, {@code cursor} or {@code to}
   */
  @Override
  @Value.Check
  default void check() {
    List<FieldError> problems = new ArrayList<>();
    if (from().isPresent() && to().isPresent() && !to().get().isAfter(from().get())) {
      problems.add(new FieldError("to", "must be after from (" + from().get() + ")"));
    }
    InputValidator.create().validate(this, problems);
  }

  /** A builder with every default: every claim, sorted by assignment, first page of 50 rows. */
  static Builder builder() {
    return new Builder();
  }

  /** The first page (50 rows) of every claim, sorted by assignment; pass a page's cursor on to read further. */
  static ClaimsQuery firstPage() {
    return builder().build();
  }

  /**
   * The first page of every claim.
   *
   * @deprecated it returns one page, not all claims: use {@link #firstPage()}
   */
  @Deprecated
  static ClaimsQuery all() {
    return firstPage();
  }

  /** A builder holding this query's settings, to change some (such as the cursor). */
  default Builder toBuilder() {
    return builder().mergeFrom(this);
  }

  /**
   * Builds a {@link ClaimsQuery}; {@link #build()} refuses bad settings naming each field. Besides
   * the setters of every attribute it has the report's words: {@link #status}, {@link #assignedBetween},
   * {@link #claimedBetween}, {@link #range}, {@link #sortBy(String)}, {@link #descending()} and
   * {@link #firstPage()}.
   */
  final class Builder extends ImmutableClaimsQuery.Builder {

    private Optional<FieldError> unknownSortColumn = Optional.empty();

    /** Only claims assigned in [{@code from}, {@code to}). */
    public Builder assignedBetween(Instant from, Instant to) {
      return range(ClaimDateField.ASSIGNED, Optional.of(from), Optional.of(to));
    }

    /** Only claims claimed in [{@code from}, {@code to}). */
    public Builder claimedBetween(Instant from, Instant to) {
      return range(ClaimDateField.CLAIMED, Optional.of(from), Optional.of(to));
    }

    /** A date range with either end open: {@code from} inclusive, {@code to} exclusive. */
    public Builder range(ClaimDateField field, Optional<Instant> from, Optional<Instant> to) {
      return dateField(field).from(from).to(to);
    }

    /**
     * Only users whose state in {@code training} is {@code status}.
     *
     * @param training the training or certification
     * @param status which users' claims to show
     * @return this builder
     */
    public Builder training(TrainingId training, TrainingCondition.Status status) {
      return training(TrainingCondition.of(training, status));
    }

    /** Adds statuses to show (by default every status is shown). */
    public Builder status(ClaimStatus... statuses) {
      return addStatuses(statuses);
    }

    /**
     * Sorts by a column named as a host's request named it ({@link ClaimSortKey#parse(String)}); an
     * unknown name fails {@link #build()} naming {@code sortBy}, together with any other bad field.
     */
    public Builder sortBy(String column) {
      unknownSortColumn = Optional.empty();
      try {
        return sortBy(ClaimSortKey.parse(column));
      } catch (InvalidInputException unknown) {
        unknownSortColumn = unknown.errors().stream().findFirst();
        return this;
      }
    }

    /** Sorts newest or largest first. */
    public Builder descending() {
      return direction(SortDirection.DESCENDING);
    }

    /** Starts again from the first page. */
    public Builder firstPage() {
      return cursor(Optional.empty());
    }

    /**
     * The query.
     *
     * @throws InvalidInputException naming {@code sortBy}, {@code limit}, {@code cursor} or {@code to} when bad
     */
    @Override
    public ImmutableClaimsQuery build() {
      if (unknownSortColumn.isEmpty()) {
        return super.build();
      }
      List<FieldError> errors = new ArrayList<>(List.of(unknownSortColumn.get()));
      try {
        super.build();
      } catch (InvalidInputException others) {
        errors.addAll(others.errors());
      }
      errors.sort(Comparator.comparing(FieldError::field));
      throw new InvalidInputException(errors);
    }
  }
}
