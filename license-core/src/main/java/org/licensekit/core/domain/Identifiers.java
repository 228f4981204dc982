package org.licensekit.core.domain;

import java.util.regex.Pattern;
import org.licensekit.core.InvalidInputException;

/** Shared validation of identifier values, so every id type refuses bad input the same way. */
final class Identifiers {

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:@\\-]{1,128}");

  private Identifiers() {}

  static String check(String field, String value) {
    if (value == null) {
      throw InvalidInputException.of(field, "must not be null");
    }
    if (!ALLOWED.matcher(value).matches()) {
      throw InvalidInputException.of(
          field, "must be 1 to 128 characters of letters, digits and . _ : @ - (was '" + abbreviate(value) + "')");
    }
    return value;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
