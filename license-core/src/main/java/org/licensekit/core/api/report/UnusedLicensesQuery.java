package org.licensekit.core.api.report;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Optional;
import org.immutables.value.Value;
import org.licensekit.core.InputValidator;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;

/**
 * Unused licenses: pending claims assigned more than {@link #pendingForDays()} days ago (assigned
 * strictly before now minus that many days), oldest assignment first (ties by claim id), in keyset
 * pages, optionally for one product or one organization subtree. Default: 30 days, pages of 50.
 */
@Value.Immutable
public sealed interface UnusedLicensesQuery extends PageRequest permits ImmutableUnusedLicensesQuery {

  /** The longest wait a query may name, in days (ten years). */
  int MAX_PENDING_DAYS = 3660;

  /** What a wait outside 0 … {@link #MAX_PENDING_DAYS} is told. */
  String PENDING_DAYS_PROBLEM = "must be between 0 and " + MAX_PENDING_DAYS + " (was {validatedValue})";

  /** How many days a claim has been pending at least (default 30). */
  @Value.Default
  @Min(value = 0, message = PENDING_DAYS_PROBLEM)
  @Max(value = MAX_PENDING_DAYS, message = PENDING_DAYS_PROBLEM)
  default int pendingForDays() {
    return 30;
  }

  /** Only claims on this product. */
  Optional<ProductId> product();

  /** Only users in this organization or below it. */
  Optional<OrganizationId> organization();

  /**
   * Refuses a wait outside 0 … {@link #MAX_PENDING_DAYS} or a bad page (see {@link PageRequest});
   * called as the query is built.
   *
   * @throws org.licensekit.core.InvalidInputException naming {@code pendingForDays}, {@code limit} or {@code cursor}
   */
  @Override
  @Value.Check
  default void check() {
    InputValidator.create().validate(this);
  }

  /** A builder with every default. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link UnusedLicensesQuery}; {@code build()} refuses bad settings naming each field. */
  final class Builder extends ImmutableUnusedLicensesQuery.Builder {}
}
