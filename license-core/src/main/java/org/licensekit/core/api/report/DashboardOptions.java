package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.OrganizationId;

/**
 * How the license dashboard is computed: which expiry windows to count, the alert thresholds, and
 * an optional organization subtree. {@link #defaults()}: windows of 90, 30 and 7 days; a pool
 * expiring within 30 days, a product with under 10% of its seats available, and claims pending
 * for more than 14 days raise alerts.
 */
public final class DashboardOptions {

  private final ImmutableSortedSet<Integer> expiryWindowDays;
  private final int expiringAlertDays;
  private final int minimumAvailablePercent;
  private final int pendingAlertDays;
  private final Optional<OrganizationId> organization;

  private DashboardOptions(Builder b) {
    this.expiryWindowDays = ImmutableSortedSet.copyOf(Comparator.reverseOrder(), b.expiryWindowDays);
    this.expiringAlertDays = b.expiringAlertDays;
    this.minimumAvailablePercent = b.minimumAvailablePercent;
    this.pendingAlertDays = b.pendingAlertDays;
    this.organization = b.organization;
  }

  public static DashboardOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The expiry windows in days, longest first. */
  public SortedSet<Integer> expiryWindowDays() {
    return expiryWindowDays;
  }

  /** A pool whose term ends within this many days raises {@link AlertKind#POOL_EXPIRING}. */
  public int expiringAlertDays() {
    return expiringAlertDays;
  }

  /** A product with fewer available seats than this share of its purchased seats raises {@link AlertKind#LOW_AVAILABILITY}. */
  public int minimumAvailablePercent() {
    return minimumAvailablePercent;
  }

  /** Claims pending for more than this many days raise {@link AlertKind#CLAIMS_PENDING_TOO_LONG}. */
  public int pendingAlertDays() {
    return pendingAlertDays;
  }

  /** Only pools scoped to this organization or one below it; empty means every pool. */
  public Optional<OrganizationId> organization() {
    return organization;
  }

  /** Builds {@link DashboardOptions}; {@link #build()} refuses bad settings naming each field. */
  public static final class Builder {
    private List<Integer> expiryWindowDays = List.of(90, 30, 7);
    private int expiringAlertDays = 30;
    private int minimumAvailablePercent = 10;
    private int pendingAlertDays = 14;
    private Optional<OrganizationId> organization = Optional.empty();

    private Builder() {}

    public Builder expiryWindowDays(Collection<Integer> days) {
      this.expiryWindowDays = List.copyOf(days);
      return this;
    }

    public Builder expiringAlertDays(int days) {
      this.expiringAlertDays = days;
      return this;
    }

    public Builder minimumAvailablePercent(int percent) {
      this.minimumAvailablePercent = percent;
      return this;
    }

    public Builder pendingAlertDays(int days) {
      this.pendingAlertDays = days;
      return this;
    }

    public Builder organization(OrganizationId organization) {
      this.organization = Optional.of(organization);
      return this;
    }

    public DashboardOptions build() {
      List<FieldError> errors = new ArrayList<>();
      if (expiryWindowDays.isEmpty() || expiryWindowDays.stream().anyMatch(d -> d < 1 || d > 3660)) {
        errors.add(new FieldError("expiryWindowDays", "must be one or more whole days between 1 and 3660"));
      }
      if (expiringAlertDays < 1 || expiringAlertDays > 3660) {
        errors.add(new FieldError("expiringAlertDays", "must be between 1 and 3660 (was " + expiringAlertDays + ")"));
      }
      if (minimumAvailablePercent < 0 || minimumAvailablePercent > 100) {
        errors.add(new FieldError("minimumAvailablePercent", "must be between 0 and 100 (was " + minimumAvailablePercent + ")"));
      }
      if (pendingAlertDays < 0 || pendingAlertDays > 3660) {
        errors.add(new FieldError("pendingAlertDays", "must be between 0 and 3660 (was " + pendingAlertDays + ")"));
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
      return new DashboardOptions(this);
    }
  }
}
