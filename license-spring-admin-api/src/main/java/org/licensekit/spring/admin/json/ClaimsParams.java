package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The query of the claims report: every filter and sort of the Java API, and a cursor page.
 *
 * @param dateField which date {@code from} and {@code to} bound: {@code ASSIGNED} (default) or {@code CLAIMED}
 * @param from only claims at or after this instant
 * @param to only claims before this instant
 * @param user only this user's claims
 * @param product only claims of this product
 * @param status only claims in these statuses (repeat the parameter for several)
 * @param organization only claims of members of this organization
 * @param role only claims of users holding this role
 * @param trainingId with {@code trainingStatus}: only claims of users in that state of this training
 * @param trainingStatus the training state {@code trainingId} is filtered by: {@code ASSIGNED},
 *     {@code NOT_COMPLETED}, {@code OVERDUE}, {@code COMPLETED} or {@code CERTIFICATION_EXPIRED}
 * @param sortBy {@code USER_NAME}, {@code EMAIL}, {@code PRODUCT}, {@code ORGANIZATION}, {@code STATUS},
 *     {@code ASSIGNED_AT} (default), {@code CLAIMED_AT} or {@code EXPIRES_AT}
 * @param direction {@code ASCENDING} (default) or {@code DESCENDING}
 * @param limit rows per page, 1 to 1,000 (default 50); for the CSV download, rows fetched per page
 * @param cursor the {@code nextCursor} of the page before; absent for the first page
 */
public record ClaimsParams(
    DateField dateField,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String user,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product,
    List<ClaimStatusJson> status,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String organization,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String role,
    SortKey sortBy,
    Direction direction,
    @Min(1) @Max(1_000) Integer limit,
    @Size(min = 1, max = 2_000) String cursor,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String trainingId,
    TrainingStatusJson trainingStatus) {

  /** These parameters with another page size, for reading the first page of a download. */
  public ClaimsParams withLimit(Integer value) {
    return new ClaimsParams(dateField, from, to, user, product, status, organization, role, sortBy, direction, value, cursor,
        trainingId, trainingStatus);
  }

  /** The date a period bounds. */
  public enum DateField {
    /** When the claim was assigned. */
    ASSIGNED,
    /** When the claim was claimed. */
    CLAIMED
  }

  /** Claim statuses. */
  public enum ClaimStatusJson {
    /** Assigned, not yet claimed. */
    PENDING,
    /** Claimed, in use. */
    ACTIVE,
    /** Past its expiry. */
    EXPIRED,
    /** Revoked. */
    REVOKED
  }

  /** The report's sort columns. */
  public enum SortKey {
    /** The user's name. */
    USER_NAME,
    /** The user's e-mail. */
    EMAIL,
    /** The product. */
    PRODUCT,
    /** The user's first organization. */
    ORGANIZATION,
    /** The claim's status. */
    STATUS,
    /** When it was assigned. */
    ASSIGNED_AT,
    /** When it was claimed. */
    CLAIMED_AT,
    /** When it expires. */
    EXPIRES_AT
  }

  /** Sort direction. */
  public enum Direction {
    /** Smallest first. */
    ASCENDING,
    /** Largest first. */
    DESCENDING
  }
}
