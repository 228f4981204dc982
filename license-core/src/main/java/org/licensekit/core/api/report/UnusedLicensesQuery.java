package org.licensekit.core.api.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;

/**
 * Unused licenses: pending claims assigned more than {@link #pendingForDays()} days ago (assigned
 * strictly before now minus that many days), oldest assignment first (ties by claim id), in keyset
 * pages, optionally for one product or one organization subtree. Default: 30 days, pages of 50.
 */
public final class UnusedLicensesQuery {

  private final int pendingForDays;
  private final Optional<ProductId> product;
  private final Optional<OrganizationId> organization;
  private final int limit;
  private final Optional<String> cursor;

  private UnusedLicensesQuery(Builder b) {
    this.pendingForDays = b.pendingForDays;
    this.product = b.product;
    this.organization = b.organization;
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int pendingForDays() {
    return pendingForDays;
  }

  public Optional<ProductId> product() {
    return product;
  }

  public Optional<OrganizationId> organization() {
    return organization;
  }

  public int limit() {
    return limit;
  }

  public Optional<String> cursor() {
    return cursor;
  }

  /** Builds an {@link UnusedLicensesQuery}; {@link #build()} refuses bad settings naming each field. */
  public static final class Builder {
    private int pendingForDays = 30;
    private Optional<ProductId> product = Optional.empty();
    private Optional<OrganizationId> organization = Optional.empty();
    private int limit = 50;
    private Optional<String> cursor = Optional.empty();

    private Builder() {}

    public Builder pendingForDays(int days) {
      this.pendingForDays = days;
      return this;
    }

    public Builder product(ProductId product) {
      this.product = Optional.of(product);
      return this;
    }

    public Builder organization(OrganizationId organization) {
      this.organization = Optional.of(organization);
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder cursor(String cursor) {
      this.cursor = Optional.of(cursor);
      return this;
    }

    public UnusedLicensesQuery build() {
      List<FieldError> errors = new ArrayList<>();
      if (pendingForDays < 0 || pendingForDays > 3660) {
        errors.add(new FieldError("pendingForDays", "must be between 0 and 3660 (was " + pendingForDays + ")"));
      }
      ClaimsQuery.checkLimit(limit, errors);
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
      return new UnusedLicensesQuery(this);
    }
  }
}
