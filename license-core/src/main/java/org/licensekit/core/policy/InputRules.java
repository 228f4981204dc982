package org.licensekit.core.policy;

import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.ImmutableNewUser;
import org.licensekit.core.api.ImmutableUserUpdate;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.InputBounds;

/**
 * Rules for text that comes from outside, applied once where it enters (the commands) and the same
 * on every store, on top of the {@link InputBounds bounds} every value keeps:
 *
 * <ul>
 *   <li>E-mail addresses are {@link #email(String) normalized}: surrounding white space stripped,
 *       Unicode NFC, lower case by {@link Locale#ROOT} — so {@code " Ana@Example.ORG"} and
 *       {@code "ana@example.org"} are one address, and an {@code é} typed as {@code e} plus a combining
 *       accent is the same letter as a precomposed {@code é}.
 *   <li>Text is compared and searched by its {@link #searchKey(String) search key} (NFC, lower case
 *       by {@code Locale.ROOT}), computed in Java for every store, so SQL's own {@code LOWER}, which
 *       depends on the database and its locale, never decides.
 *   <li>Names and reasons are bounded ({@link InputBounds#MAX_NAME}, {@link InputBounds#MAX_REASON}
 *       characters) and must be {@link InputBounds#STORABLE_TEXT storable}: no U+0000, which PostgreSQL cannot store, and no
 *       unpaired surrogate, which UTF-8 cannot encode.
 *  * </ul>
 */
public final class InputRules {

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
   * Refuses a name that is missing, blank, longer than {@link InputBounds#MAX_NAME} or holds U+0000.
   *
   * @throws InvalidInputException naming {@code field}
   */
  public static String requireName(String field, String name) {
    return requireText(field, name, InputBounds.MAX_NAME);
  }

  /**
   * Refuses a reason that is missing, blank, longer than {@link InputBounds#MAX_REASON} or holds U+0000.
   *
   * @throws InvalidInputException naming {@code reason}
   */
  public static String requireReason(String reason) {
    return requireText("reason", reason, InputBounds.MAX_REASON);
  }

  /** What is wrong with a reason, if anything, by the rules of {@link #requireReason(String)}. */
  public static Optional<FieldError> reasonProblem(String reason) {
    return textProblem("reason", reason, InputBounds.MAX_REASON);
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
    if (!InputBounds.storable(text)) {
      return Optional.of(new FieldError(field, InputBounds.STORABLE_TEXT_PROBLEM));
    }
    return Optional.empty();
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
    InputBounds.requireStorable("newEnd", newEnd);
    if (!newEnd.isAfter(currentEnd)) {
      throw InvalidInputException.of("newEnd", "must be after the current end " + currentEnd + " (was " + newEnd + ")");
    }
    if (!newEnd.isAfter(now)) {
      throw InvalidInputException.of("newEnd", "must be in the future (was " + newEnd + ", now " + now + ")");
    }
    return newEnd;
  }
}
