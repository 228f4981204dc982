package org.licensekit.core.api.report;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;
import org.immutables.value.Value;
import org.licensekit.core.InputValidator;
import org.licensekit.core.domain.InputBounds;

/**
 * Which keyset page to read: at most {@link #limit()} rows, continuing after {@link #cursor()}. Every
 * paged report query is a page request, so the page size has one rule ({@code 1} to
 * {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} by default) and a cursor is always the opaque
 * {@link Page#nextCursor()} of the page before, made for the same query.
 */
@Value.Immutable
public sealed interface PageRequest permits ImmutablePageRequest, ClaimsQuery, UnusedLicensesQuery {

  /** The most rows one page may hold. */
  int MAX_LIMIT = 1_000;

  /** The rows per page when the query names no limit. */
  int DEFAULT_LIMIT = 50;

  /** What a limit outside 1 … {@link #MAX_LIMIT} is told. */
  String LIMIT_PROBLEM = "must be between 1 and " + MAX_LIMIT + " (was {validatedValue})";

  /** Rows per page, 1 to {@link #MAX_LIMIT} (default {@link #DEFAULT_LIMIT}). */
  @Value.Default
  @Min(value = 1, message = LIMIT_PROBLEM)
  @Max(value = MAX_LIMIT, message = LIMIT_PROBLEM)
  default int limit() {
    return DEFAULT_LIMIT;
  }

  /**
   * Where the previous page ended: its {@link Page#nextCursor()}; empty for the first page. Opaque;
   * a cursor made for another query or sort is refused naming {@code cursor} when the query runs.
   */
  Optional<@Pattern(regexp = InputBounds.NOT_BLANK, message = InputBounds.NOT_BLANK_PROBLEM) String> cursor();

  /**
   * Refuses a limit outside 1 … {@link #MAX_LIMIT} or a blank cursor; called as the value is built.
   *
   * @throws org.licensekit.core.InvalidInputException naming {@code limit} or {@code cursor}
   */
  @Value.Check
  default void check() {
    InputValidator.create().validate(this);
  }

  /** The first page of {@code limit} rows. */
  static PageRequest first(int limit) {
    return ImmutablePageRequest.builder().limit(limit).build();
  }

  /** {@code limit} rows after the page that returned {@code cursor}. */
  static PageRequest after(String cursor, int limit) {
    return ImmutablePageRequest.builder().limit(limit).cursor(cursor).build();
  }
}
