package org.licensekit.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.licensekit.core.InvalidInputException;

/**
 * The bounds every value that comes from outside must keep, the same on every store: how long a
 * name or reason may be, which text and which instants a database can store, how long a duration
 * may be so adding it to an instant never overflows. Values and commands check them where they are
 * built; {@link org.licensekit.core.policy.InputRules} adds the normalizing rules (e-mail, search
 * keys) on top.
 */
public final class InputBounds {

  /** The longest organization, job-profile or user name, in characters. */
  public static final int MAX_NAME = 200;

  /** The longest reason of a single command, in characters. */
  public static final int MAX_REASON = 1_000;

  /** The longest validity after claim: 100 years. */
  public static final Duration MAX_VALIDITY = Duration.ofDays(36_525);

  /** The longest follow-up step or deadline: 10 years. */
  public static final Duration MAX_FOLLOW_UP = Duration.ofDays(3_653);

  /**
   * Text every store keeps exactly: no U+0000 (PostgreSQL refuses it) and no unpaired surrogate
   * (UTF-8 cannot encode it; a database would store {@code ?}). For Jakarta {@code @Pattern}.
   */
  public static final String STORABLE_TEXT = "(?s)[^\\x{0}\\x{D800}-\\x{DFFF}]*";

  /** The problem {@link #STORABLE_TEXT} reports. */
  public static final String STORABLE_TEXT_PROBLEM = "must not contain U+0000 or an unpaired surrogate";

  /**
   * Text with something besides white space in it. For Jakarta {@code @Pattern} on an optional
   * value, where {@code @NotBlank} would refuse the empty optional too.
   */
  public static final String NOT_BLANK = "(?s).*\\S.*";

  /** The problem {@link #NOT_BLANK} reports. */
  public static final String NOT_BLANK_PROBLEM = "must not be blank";

  /** The earliest instant a term may name (both databases store it). */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant a term may name (both databases store it). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private static final Pattern STORABLE = Pattern.compile(STORABLE_TEXT);

  private InputBounds() {}

  /** Whether every store keeps {@code text} exactly (see {@link #STORABLE_TEXT}). */
  public static boolean storable(String text) {
    return STORABLE.matcher(text).matches();
  }

  /**
   * Refuses a duration that is not positive or is longer than {@code max}.
   *
   * @throws InvalidInputException naming {@code field}
   */
  public static Duration requireDuration(String field, Duration duration, Duration max) {
    if (duration.isNegative() || duration.isZero()) {
      throw InvalidInputException.of(field, "must be a positive duration");
    }
    if (duration.compareTo(max) > 0) {
      throw InvalidInputException.of(field, "must be at most " + max.toDays() + " days (was " + duration + ")");
    }
    return duration;
  }

  /**
   * Refuses an instant outside {@link #EARLIEST} … {@link #LATEST}.
   *
   * @throws InvalidInputException naming {@code field}
   */
  public static Instant requireStorable(String field, Instant instant) {
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw InvalidInputException.of(field, "must be between " + EARLIEST + " and " + LATEST + " (was " + instant + ")");
    }
    return instant;
  }
}
