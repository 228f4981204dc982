package org.licensekit.core.api.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.licensekit.core.InvalidInputException;

/**
 * The columns the claims report may be sorted by. Text columns compare by Unicode code point
 * (binary order, no locale collation); a row without a value (never claimed, no organization)
 * sorts after every row with one, in either direction; rows with equal values are ordered by
 * claim id ascending, so pages never repeat or skip a row.
 */
public enum ClaimSortKey {
  /** The user's name. */
  USER_NAME(false),
  /** The user's e-mail address. */
  EMAIL(false),
  /** The product id. */
  PRODUCT(false),
  /** The smallest id among the user's organizations; users in none have no value. */
  ORGANIZATION(false),
  /** The claim status by name ({@code ACTIVE < EXPIRED < PENDING < REVOKED}). */
  STATUS(false),
  /** When the product was assigned. */
  ASSIGNED_AT(true),
  /** When the user claimed it; empty for claims never claimed. */
  CLAIMED_AT(true),
  /** When an active claim stops being valid; empty for claims never claimed. */
  EXPIRES_AT(true);

  private final boolean instant;

  ClaimSortKey(boolean instant) {
    this.instant = instant;
  }

  /** Whether the column holds instants (else text). */
  public boolean isInstant() {
    return instant;
  }

  /**
   * The key named {@code column}: the constant's name or its camel-case form, in any case
   * ({@code "ASSIGNED_AT"}, {@code "assignedAt"}, {@code "assigned_at"}).
   *
   * @throws InvalidInputException naming {@code sortBy} when no column has that name
   */
  public static ClaimSortKey parse(String column) {
    return find(column).orElseThrow(() -> InvalidInputException.of("sortBy",
        "unknown column '" + column + "'; sort by one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
  }

  private static Optional<ClaimSortKey> find(String column) {
    if (column == null) {
      return Optional.empty();
    }
    String wanted = column.replace("_", "").toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.name().replace("_", "").equals(wanted)).findFirst();
  }
}
