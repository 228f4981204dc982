package org.licensekit.core.policy;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.ImmutableNewUser;
import org.licensekit.core.api.ImmutableUserUpdate;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserUpdate;

/**
 * Rules for text and numbers that come from outside, applied once where they enter (the commands)
 * and the same on every store:
 *
 * <ul>
 *   <li>E-mail addresses are {@link #email(String) normalized}: surrounding white space stripped,
 *       Unicode NFC, lower case by {@link Locale#ROOT} — so {@code " Ana@Example.ORG"} and
 *       {@code "ana@example.org"} are one address, and an {@code é} typed as {@code e} plus a combining
 *       accent is the same letter as a precomposed {@code é}.
 *   <li>Text is compared and searched by its {@link #searchKey(String) search key} (NFC, lower case
 *       by {@code Locale.ROOT}), computed in Java for every store, so SQL's own {@code LOWER}, which
 *       depends on the database and its locale, never decides.
 *   <li>Names and reasons are bounded ({@link #MAX_NAME}, {@link #MAX_REASON} characters) and must
 *       be {@link #STORABLE_TEXT storable}: no U+0000, which PostgreSQL cannot store, and no
 *       unpaired surrogate, which UTF-8 cannot encode.
 *   <li>Durations are bounded ({@link #MAX_VALIDITY}, {@link #MAX_FOLLOW_UP}) so adding them to an
 *       instant never overflows.
 * </ul>
 */
public final class InputRules {

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

  private static final java.util.regex.Pattern STORABLE = java.util.regex.Pattern.compile(STORABLE_TEXT);

  /** The earliest instant a term may name (both databases store it). */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant a term may name (both databases store it). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private InputRules() {}

  /** The address as LicenseKit keeps it: stripped, NFC, lower case by {@code Locale.ROOT}. */
  public static String email(String raw) {
    return searchKey(raw.strip());
  }

  /** The command with its e-mail address {@link #email(String) normalized}. */
  public static NewUser normalized(NewUser user) {
    return ImmutableNewUser.copyOf(user).withEmail(email(user.email()));
  }

  /** The update with its e-mail address, if any, {@link #email(String) normalized}. */
  public static UserUpdate normalized(UserUpdate update) {
    return ImmutableUserUpdate.copyOf(update).withEmail(update.email().map(InputRules::email));
  }

  /** The form text is compared and searched in: NFC, lower case by {@code Locale.ROOT}. */
  public static String searchKey(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /**
   * Refuses a name that is missing, blank, longer than {@link #MAX_NAME} or holds U+0000.
   *
   * @throws InvalidInputException naming {@code field}
   */
  public static String requireName(String field, String name) {
    return requireText(field, name, MAX_NAME);
  }

  /**
   * Refuses a reason that is missing, blank, longer than {@link #MAX_REASON} or holds U+0000.
   *
   * @throws InvalidInputException naming {@code reason}
   */
  public static String requireReason(String reason) {
    return requireText("reason", reason, MAX_REASON);
  }

  /** What is wrong with a reason, if anything, by the rules of {@link #requireReason(String)}. */
  public static Optional<FieldError> reasonProblem(String reason) {
    return textProblem("reason", reason, MAX_REASON);
  }

  private static String requireText(String field, String text, int max) {
    textProblem(field, text, max).ifPresent(problem -> {
      throw new InvalidInputException(List.of(problem));
    });
    return text;
  }

  private static Optional<FieldError> textProblem(String field, String text, int max) {
    if (text == null || text.isBlank()) {
      return Optional.of(new FieldError(field, "must not be blank"));
    }
    if (text.length() > max) {
      return Optional.of(new FieldError(field, "must be at most " + max + " characters (was " + text.length() + ")"));
    }
    if (!STORABLE.matcher(text).matches()) {
      return Optional.of(new FieldError(field, STORABLE_TEXT_PROBLEM));
    }
    return Optional.empty();
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

  /**
   * Refuses a new end of a pool's term that does not extend it: not after the current end, or not
   * after {@code now}.
   *
   * @throws InvalidInputException naming {@code newEnd}
   */
  public static Instant requireExtension(Instant currentEnd, Instant newEnd, Instant now) {
    if (newEnd == null) {
      throw InvalidInputException.of("newEnd", "must not be null");
    }
    requireStorable("newEnd", newEnd);
    if (!newEnd.isAfter(currentEnd)) {
      throw InvalidInputException.of("newEnd", "must be after the current end " + currentEnd + " (was " + newEnd + ")");
    }
    if (!newEnd.isAfter(now)) {
      throw InvalidInputException.of("newEnd", "must be in the future (was " + newEnd + ", now " + now + ")");
    }
    return newEnd;
  }
}
