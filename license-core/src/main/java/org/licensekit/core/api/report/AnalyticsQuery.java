package org.licensekit.core.api.report;

import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import org.licensekit.core.FieldError;
import org.licensekit.core.InputValidator;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;

/**
 * Which usage analytics to compute: a period of whole UTC days ({@code from} inclusive, {@code to}
 * exclusive), one product or all, optionally one organization subtree (users who are members of
 * it), the trend's granularity, and the engagement band thresholds (launches in the period:
 * {@code HIGH} at 12 or more, {@code MEDIUM} at 4 or more by default).
 */
@Value.Immutable
public sealed interface AnalyticsQuery permits ImmutableAnalyticsQuery {

  /** The longest period one query may cover, in days. */
  int MAX_DAYS = 3660;

  /** The first day of the period. */
  LocalDate from();

  /** The day after the period; after {@link #from()}, at most {@link #MAX_DAYS} days later. */
  LocalDate to();

  /** Only this product; empty means every product. */
  Optional<ProductId> product();

  /** Only users in this organization or below it. */
  Optional<OrganizationId> organization();

  /** The trend's points (default: weekly). */
  @Value.Default
  default Granularity granularity() {
    return Granularity.WEEK;
  }

  /** Launches in the period from which a claimant counts as {@code HIGH} (default 12); above {@link #mediumAtLeast()}. */
  @Value.Default
  default int highAtLeast() {
    return 12;
  }

  /** Launches in the period from which a claimant counts as {@code MEDIUM} (default 4); at least 2. */
  @Value.Default
  @Min(value = 2, message = "must be at least {value} (was {validatedValue})")
  default int mediumAtLeast() {
    return 4;
  }

  /**
   * Refuses a period that is empty, reversed or longer than {@link #MAX_DAYS}, and bands out of
   * order; called as the query is built.
   *
   * @throws org.licensekit.core.InvalidInputException naming {@code to}, {@code mediumAtLeast} or {@code highAtLeast}
   */
  @Value.Check
  default void check() {
    List<FieldError> problems = new ArrayList<>();
    if (!to().isAfter(from())) {
      problems.add(new FieldError("to", "must be after from (" + from() + ")"));
    } else if (ChronoUnit.DAYS.between(from(), to()) > MAX_DAYS) {
      problems.add(new FieldError("to", "the period may cover at most " + MAX_DAYS + " days"));
    }
    if (highAtLeast() <= mediumAtLeast()) {
      problems.add(new FieldError("highAtLeast", "must be greater than mediumAtLeast (" + mediumAtLeast() + ")"));
    }
    InputValidator.create().validate(this, problems);
  }

  /** A query for [{@code from}, {@code to}). */
  static Builder between(LocalDate from, LocalDate to) {
    return new Builder().from(from).to(to);
  }

  /** Builds an {@link AnalyticsQuery}; {@link #build()} refuses bad settings naming each field. */
  final class Builder extends ImmutableAnalyticsQuery.Builder {

    /** Launches in the period from which a claimant counts as {@code HIGH}, and as {@code MEDIUM}. */
    public Builder bands(int highAtLeast, int mediumAtLeast) {
      return highAtLeast(highAtLeast).mediumAtLeast(mediumAtLeast);
    }
  }
}
