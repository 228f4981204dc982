package org.licensekit.core.policy;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
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
 *   <li>Names and reasons are bounded ({@link #MAX_NAME}, {@link #MAX_REASON} characters) and may
 *       not contain U+0000, which PostgreSQL cannot store.
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

  private static String requireText(String field, String text, int max) {
    if (text == null || text.isBlank()) {
      throw InvalidInputException.of(field, "must not be blank");
    }
    if (text.length() > max) {
      throw InvalidInputException.of(field, "must be at most " + max + " characters (was " + text.length() + ")");
    }
    if (text.indexOf('\0') >= 0) {
      throw InvalidInputException.of(field, "must not contain the character U+0000");
    }
    return text;
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
