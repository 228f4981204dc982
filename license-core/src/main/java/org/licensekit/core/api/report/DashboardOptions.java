package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableSortedSet;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.Optional;
import java.util.SortedSet;
import org.immutables.value.Value;
import org.licensekit.core.InputValidator;
import org.licensekit.core.domain.OrganizationId;

/**
 * How the license dashboard is computed: which expiry windows to count, the alert thresholds, and
 * an optional organization subtree. {@link #defaults()}: windows of 90, 30 and 7 days; a pool
 * expiring within 30 days, a product with under 10% of its seats available, and claims pending
 * for more than 14 days raise alerts.
 */
@Value.Immutable
public sealed interface DashboardOptions permits ImmutableDashboardOptions {

  /** The longest window or wait the options may name, in days (ten years). */
  int MAX_DAYS = 3660;

  /** What a bad expiry window is told. */
  String WINDOWS_PROBLEM = "must be one or more whole days between 1 and " + MAX_DAYS;

  /** The expiry windows in days, longest first (default 90, 30 and 7). */
  @Value.Default
  @Value.ReverseOrder
  @NotEmpty(message = WINDOWS_PROBLEM)
  default SortedSet<@Min(value = 1, message = WINDOWS_PROBLEM) @Max(value = MAX_DAYS, message = WINDOWS_PROBLEM) Integer> expiryWindowDays() {
    return ImmutableSortedSet.<Integer>reverseOrder().add(90, 30, 7).build();
  }

  /** A pool whose term ends within this many days raises {@link AlertKind#POOL_EXPIRING} (default 30). */
  @Value.Default
  @Min(value = 1, message = "must be between 1 and " + MAX_DAYS + " (was {validatedValue})")
  @Max(value = MAX_DAYS, message = "must be between 1 and " + MAX_DAYS + " (was {validatedValue})")
  default int expiringAlertDays() {
    return 30;
  }

  /**
   * A product with fewer available seats than this share of its purchased seats raises
   * {@link AlertKind#LOW_AVAILABILITY} (default 10).
   */
  @Value.Default
  @Min(value = 0, message = "must be between 0 and 100 (was {validatedValue})")
  @Max(value = 100, message = "must be between 0 and 100 (was {validatedValue})")
  default int minimumAvailablePercent() {
    return 10;
  }

  /** Claims pending for more than this many days raise {@link AlertKind#CLAIMS_PENDING_TOO_LONG} (default 14). */
  @Value.Default
  @Min(value = 0, message = "must be between 0 and " + MAX_DAYS + " (was {validatedValue})")
  @Max(value = MAX_DAYS, message = "must be between 0 and " + MAX_DAYS + " (was {validatedValue})")
  default int pendingAlertDays() {
    return 14;
  }

  /** Only pools scoped to this organization or one below it; empty means every pool. */
  Optional<OrganizationId> organization();

  /**
   * Refuses windows and thresholds out of range; called as the options are built.
   *
   * @throws org.licensekit.core.InvalidInputException naming each bad field
   */
  @Value.Check
  default void check() {
    InputValidator.create().validate(this);
  }

  /** The default options. */
  static DashboardOptions defaults() {
    return builder().build();
  }

  /** A builder with every default. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DashboardOptions}; {@code build()} refuses bad settings naming each field. */
  final class Builder extends ImmutableDashboardOptions.Builder {}
}
