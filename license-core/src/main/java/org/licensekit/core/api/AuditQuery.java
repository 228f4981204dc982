package org.licensekit.core.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;
import org.licensekit.core.InputValidator;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.InputBounds;
import org.licensekit.core.domain.UserId;

/**
 * Which audit entries to read. Every criterion is optional. {@link AuditTrail#page(AuditQuery)}
 * returns them newest first, {@link #limit()} per page, continuing after {@link #cursor()};
 * {@link AuditTrail#count(AuditQuery)} counts them all.
 */
@Value.Immutable
public sealed interface AuditQuery permits ImmutableAuditQuery {

  /** Only entries concerning this user. */
  Optional<UserId> user();

  /** Only entries about this record, such as a claim id. */
  Optional<String> subjectId();

  /** Only these actions; empty means all. */
  Set<ChangeType> actions();

  /** Only entries at or after this instant. */
  Optional<Instant> from();

  /** Only entries before this instant. */
  Optional<Instant> to();

  /** The most entries per page (or per {@link AuditTrail#query(AuditQuery)} answer), 1 to 10,000. */
  @Value.Default
  @Positive
  @Max(10_000)
  default int limit() {
    return 1_000;
  }

  /**
   * Where the page starts: the {@link org.licensekit.core.api.report.Page#nextCursor()} of the page
   * before; empty for the newest entries. Opaque; a cursor that was not made by
   * {@link AuditTrail#page(AuditQuery)} is refused.
   */
  Optional<@Pattern(regexp = InputBounds.NOT_BLANK, message = InputBounds.NOT_BLANK_PROBLEM) String> cursor();

  /**
   * Refuses a limit outside 1 … 10,000 or a blank cursor; called as the query is built, through the
   * same validator as every command.
   *
   * @throws org.licensekit.core.InvalidInputException naming {@code limit} or {@code cursor}
   */
  @Value.Check
  default void check() {
    InputValidator.create().validate(this);
  }

  /** This query continuing at {@code cursor}. */
  default AuditQuery after(String cursor) {
    return ImmutableAuditQuery.copyOf(this).withCursor(cursor);
  }

  /** Every entry, up to the default limit. */
  static AuditQuery all() {
    return builder().build();
  }

  static ImmutableAuditQuery.Builder builder() {
    return ImmutableAuditQuery.builder();
  }
}
