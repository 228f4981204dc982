package org.licensekit.core.internal.reports;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.licensekit.core.InvalidInputException;

/** The opaque cursor of an audit page: the chain position of the page's oldest entry. */
final class AuditCursor {

  private static final String PREFIX = "a1|";

  private AuditCursor() {}

  static String before(long position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  /** The position the cursor names; refused, naming {@code cursor}, unless this class made it. */
  static long position(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(PREFIX)) {
        long position = Long.parseLong(raw.substring(PREFIX.length()));
        if (position >= 1) {
          return position;
        }
      }
    } catch (IllegalArgumentException e) {
      // not Base64 or not a number: refused below like any other forged cursor
    }
    throw InvalidInputException.of("cursor", "is not an audit-trail cursor");
  }
}
