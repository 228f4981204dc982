package org.licensekit.core.api.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;

/**
 * Which usage analytics to compute: a period of whole UTC days ({@code from} inclusive, {@code to}
 * exclusive), one product or all, optionally one organization subtree (users who are members of
 * it), the trend's granularity, and the engagement band thresholds (launches in the period:
 * {@code HIGH} at 12 or more, {@code MEDIUM} at 4 or more by default).
 */
public final class AnalyticsQuery {

  /** The longest period one query may cover, in days. */
  public static final int MAX_DAYS = 3660;

  private final LocalDate from;
  private final LocalDate to;
  private final Optional<ProductId> product;
  private final Optional<OrganizationId> organization;
  private final Granularity granularity;
  private final int highAtLeast;
  private final int mediumAtLeast;

  private AnalyticsQuery(Builder b) {
    this.from = b.from;
    this.to = b.to;
    this.product = b.product;
    this.organization = b.organization;
    this.granularity = b.granularity;
    this.highAtLeast = b.highAtLeast;
    this.mediumAtLeast = b.mediumAtLeast;
  }

  /** A query for [{@code from}, {@code to}). */
  public static Builder between(LocalDate from, LocalDate to) {
    return new Builder(from, to);
  }

  public LocalDate from() {
    return from;
  }

  public LocalDate to() {
    return to;
  }

  public Optional<ProductId> product() {
    return product;
  }

  public Optional<OrganizationId> organization() {
    return organization;
  }

  public Granularity granularity() {
    return granularity;
  }

  public int highAtLeast() {
    return highAtLeast;
  }

  public int mediumAtLeast() {
    return mediumAtLeast;
  }

  /** Builds an {@link AnalyticsQuery}; {@link #build()} refuses bad settings naming each field. */
  public static final class Builder {
    private final LocalDate from;
    private final LocalDate to;
    private Optional<ProductId> product = Optional.empty();
    private Optional<OrganizationId> organization = Optional.empty();
    private Granularity granularity = Granularity.WEEK;
    private int highAtLeast = 12;
    private int mediumAtLeast = 4;

    private Builder(LocalDate from, LocalDate to) {
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
    }

    public Builder product(ProductId product) {
      this.product = Optional.of(product);
      return this;
    }

    public Builder organization(OrganizationId organization) {
      this.organization = Optional.of(organization);
      return this;
    }

    public Builder granularity(Granularity granularity) {
      this.granularity = Objects.requireNonNull(granularity, "granularity");
      return this;
    }

    /** Launches in the period from which a claimant counts as {@code HIGH}, and as {@code MEDIUM}. */
    public Builder bands(int highAtLeast, int mediumAtLeast) {
      this.highAtLeast = highAtLeast;
      this.mediumAtLeast = mediumAtLeast;
      return this;
    }

    public AnalyticsQuery build() {
      List<FieldError> errors = new ArrayList<>();
      if (!to.isAfter(from)) {
        errors.add(new FieldError("to", "must be after from (" + from + ")"));
      } else if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
        errors.add(new FieldError("to", "the period may cover at most " + MAX_DAYS + " days"));
      }
      if (mediumAtLeast < 2) {
        errors.add(new FieldError("mediumAtLeast", "must be at least 2 (was " + mediumAtLeast + ")"));
      }
      if (highAtLeast <= mediumAtLeast) {
        errors.add(new FieldError("highAtLeast", "must be greater than mediumAtLeast (" + mediumAtLeast + ")"));
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
      return new AnalyticsQuery(this);
    }
  }
}
