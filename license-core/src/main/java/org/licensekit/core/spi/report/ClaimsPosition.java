package org.licensekit.core.spi.report;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.OrganizationId;

/**
 * Where a keyset page ended: the last row's sort value and claim id. For an instant sort key only
 * {@code instantValue} may be present, for a text key only {@code textValue}; both empty means the
 * last row had no value for the key (it sorted among the empty values at the end).
 */
public record ClaimsPosition(Optional<String> textValue, Optional<Instant> instantValue, ClaimId claim) {

  public ClaimsPosition {
    Objects.requireNonNull(textValue, "textValue");
    Objects.requireNonNull(instantValue, "instantValue");
    Objects.requireNonNull(claim, "claim");
    if (textValue.isPresent() && instantValue.isPresent()) {
      throw new IllegalArgumentException("a position has a text or an instant value, not both");
    }
  }

  /** The position of {@code row} in an order by {@code key}: the row's value for the key and its claim id. */
  public static ClaimsPosition of(ClaimRow row, ClaimSortKey key) {
    switch (key) {
      case USER_NAME:
        return text(row.userName(), row);
      case EMAIL:
        return text(row.email(), row);
      case PRODUCT:
        return text(row.product().value(), row);
      case ORGANIZATION:
        return new ClaimsPosition(row.organizations().stream().findFirst().map(OrganizationId::value), Optional.empty(), row.claim());
      case STATUS:
        return text(row.status().name(), row);
      case ASSIGNED_AT:
        return new ClaimsPosition(Optional.empty(), Optional.of(row.assignedAt()), row.claim());
      case CLAIMED_AT:
        return new ClaimsPosition(Optional.empty(), row.claimedAt(), row.claim());
      case EXPIRES_AT:
      default:
        return new ClaimsPosition(Optional.empty(), row.expiresAt(), row.claim());
    }
  }

  private static ClaimsPosition text(String value, ClaimRow row) {
    return new ClaimsPosition(Optional.of(value), Optional.empty(), row.claim());
  }

  /** Whether the last row had no value for the sort key. */
  public boolean emptyValue() {
    return textValue.isEmpty() && instantValue.isEmpty();
  }
}
