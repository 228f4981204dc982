package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;

/**
 * What the claims report shows. Every filter is optional and they combine with AND:
 *
 * <ul>
 *   <li>a date range on {@link #dateField()}: {@code from} inclusive, {@code to} exclusive;
 *   <li>one user, one product, any set of statuses (empty means all);
 *   <li>an organization: claims of users who are members of it or of any organization below it;
 *   <li>a role: claims of users holding that role in some membership — in a membership of the
 *       organization filter's subtree when both are given.
 * </ul>
 *
 * Rows are sorted by {@link #sortBy()} in {@link #direction()}, ties by claim id ascending (see
 * {@link ClaimSortKey}), and come in keyset pages of at most {@link #limit()} rows; a page's
 * {@code nextCursor} passed to {@link Builder#cursor} continues where it ended.
 *
 * <pre>{@code
 * ClaimsQuery.builder().status(ClaimStatus.PENDING).sortBy(ClaimSortKey.ASSIGNED_AT).limit(50).build();
 * }</pre>
 */
public final class ClaimsQuery {

  /** The most rows one page may hold. */
  public static final int MAX_LIMIT = 1_000;

  private final ClaimDateField dateField;
  private final Optional<Instant> from;
  private final Optional<Instant> to;
  private final Optional<UserId> user;
  private final Optional<ProductId> product;
  private final ImmutableSet<ClaimStatus> statuses;
  private final Optional<OrganizationId> organization;
  private final Optional<RoleId> role;
  private final ClaimSortKey sortBy;
  private final SortDirection direction;
  private final int limit;
  private final Optional<String> cursor;

  private ClaimsQuery(Builder b) {
    this.dateField = b.dateField;
    this.from = b.from;
    this.to = b.to;
    this.user = b.user;
    this.product = b.product;
    this.statuses = ImmutableSet.copyOf(b.statuses);
    this.organization = b.organization;
    this.role = b.role;
    this.sortBy = b.sortBy;
    this.direction = b.direction;
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The first page (50 rows) of every claim, sorted by assignment; pass a page's cursor on to read further. */
  public static ClaimsQuery firstPage() {
    return builder().build();
  }

  /**
   * The first page of every claim.
   *
   * @deprecated it returns one page, not all claims: use {@link #firstPage()}
   */
  @Deprecated
  public static ClaimsQuery all() {
    return firstPage();
  }

  /** A builder holding this query's settings, to change some (such as the cursor). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dateField = dateField;
    b.from = from;
    b.to = to;
    b.user = user;
    b.product = product;
    b.statuses = EnumSet.noneOf(ClaimStatus.class);
    b.statuses.addAll(statuses);
    b.organization = organization;
    b.role = role;
    b.sortBy = sortBy;
    b.sortByName = Optional.empty();
    b.direction = direction;
    b.limit = limit;
    b.cursor = cursor;
    return b;
  }

  public ClaimDateField dateField() {
    return dateField;
  }

  /** Start of the date range, inclusive. */
  public Optional<Instant> from() {
    return from;
  }

  /** End of the date range, exclusive. */
  public Optional<Instant> to() {
    return to;
  }

  public Optional<UserId> user() {
    return user;
  }

  public Optional<ProductId> product() {
    return product;
  }

  /** The statuses to show; empty means every status. */
  public Set<ClaimStatus> statuses() {
    return statuses;
  }

  public Optional<OrganizationId> organization() {
    return organization;
  }

  public Optional<RoleId> role() {
    return role;
  }

  public ClaimSortKey sortBy() {
    return sortBy;
  }

  public SortDirection direction() {
    return direction;
  }

  public int limit() {
    return limit;
  }

  /** Where the previous page ended; empty for the first page. */
  public Optional<String> cursor() {
    return cursor;
  }

  /** Adds an error naming {@code limit} unless it is between 1 and {@link #MAX_LIMIT}; shared by the paged queries. */
  static void checkLimit(int limit, List<FieldError> errors) {
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")"));
    }
  }

  /** Builds a {@link ClaimsQuery}; {@link #build()} refuses bad settings naming each field. */
  public static final class Builder {
    private ClaimDateField dateField = ClaimDateField.ASSIGNED;
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private Optional<UserId> user = Optional.empty();
    private Optional<ProductId> product = Optional.empty();
    private EnumSet<ClaimStatus> statuses = EnumSet.noneOf(ClaimStatus.class);
    private Optional<OrganizationId> organization = Optional.empty();
    private Optional<RoleId> role = Optional.empty();
    private ClaimSortKey sortBy = ClaimSortKey.ASSIGNED_AT;
    private Optional<String> sortByName = Optional.empty();
    private SortDirection direction = SortDirection.ASCENDING;
    private int limit = 50;
    private Optional<String> cursor = Optional.empty();

    private Builder() {}

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
      this.dateField = Objects.requireNonNull(field, "field");
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
      return this;
    }

    public Builder user(UserId user) {
      this.user = Optional.of(user);
      return this;
    }

    public Builder product(ProductId product) {
      this.product = Optional.of(product);
      return this;
    }

    /** Adds statuses to show (by default every status is shown). */
    public Builder status(ClaimStatus... statuses) {
      this.statuses.addAll(Arrays.asList(statuses));
      return this;
    }

    /** Only users in this organization or below it. */
    public Builder organization(OrganizationId organization) {
      this.organization = Optional.of(organization);
      return this;
    }

    /** Only users holding this role. */
    public Builder role(RoleId role) {
      this.role = Optional.of(role);
      return this;
    }

    public Builder sortBy(ClaimSortKey key) {
      this.sortBy = Objects.requireNonNull(key, "key");
      this.sortByName = Optional.empty();
      return this;
    }

    /** Sorts by a column named as a host's request named it; an unknown name fails {@link #build()}. */
    public Builder sortBy(String column) {
      this.sortByName = Optional.ofNullable(column).or(() -> Optional.of(""));
      return this;
    }

    public Builder direction(SortDirection direction) {
      this.direction = Objects.requireNonNull(direction, "direction");
      return this;
    }

    public Builder descending() {
      return direction(SortDirection.DESCENDING);
    }

    /** Rows per page, 1 to {@link #MAX_LIMIT} (default 50). */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Continues after the page that returned this cursor. */
    public Builder cursor(String cursor) {
      this.cursor = Optional.of(cursor);
      return this;
    }

    /** Starts again from the first page. */
    public Builder firstPage() {
      this.cursor = Optional.empty();
      return this;
    }

    /**
     * The query.
     *
     * @throws InvalidInputException naming {@code sortBy}, {@code limit} or {@code to} when bad
     */
    public ClaimsQuery build() {
      List<FieldError> errors = new ArrayList<>();
      if (sortByName.isPresent()) {
        try {
          sortBy = ClaimSortKey.parse(sortByName.get());
          sortByName = Optional.empty();
        } catch (InvalidInputException e) {
          errors.addAll(e.errors());
        }
      }
      checkLimit(limit, errors);
      if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
        errors.add(new FieldError("to", "must be after from (" + from.get() + ")"));
      }
      if (cursor.filter(String::isBlank).isPresent()) {
        errors.add(new FieldError("cursor", "must not be blank"));
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
      return new ClaimsQuery(this);
    }
  }
}
