package org.licensekit.core.domain;

import java.util.regex.Pattern;
import org.licensekit.core.InvalidInputException;

/** Shared validation of identifier values, so every id type refuses bad input the same way. */
final class Identifiers {

  /** The identifiers {@link #allowed} accepts, as a pattern (for tests and readers). */
  static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:@\\-]{1,128}");

  private Identifiers() {}

  /**
   * Whether {@code value} matches {@link #ALLOWED}, checked character by character: every id a
   * report row or a store row builds is checked, and a regular expression per id was a measurable
   * share of exporting a million claims.
   */
  static boolean allowed(String value) {
    int length = value.length();
    if (length < 1 || length > 128) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static String check(String field, String value) {
    if (value == null) {
      throw InvalidInputException.of(field, "must not be null");
    }
    if (!allowed(value)) {
      throw InvalidInputException.of(
          field, "must be 1 to 128 characters of letters, digits and . _ : @ - (was '" + abbreviate(value) + "')");
    }
    return value;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
