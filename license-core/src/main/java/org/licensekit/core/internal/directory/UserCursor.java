package org.licensekit.core.internal.directory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.UserId;

/** The opaque cursor of a directory page: the id of the page's last user. */
final class UserCursor {

  private static final String PREFIX = "u1|";

  private UserCursor() {}

  static String after(UserId last) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + last.value()).getBytes(StandardCharsets.UTF_8));
  }

  /** The user id the cursor names; refused, naming {@code cursor}, unless this class made it. */
  static UserId user(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(PREFIX)) {
        return UserId.of(raw.substring(PREFIX.length()));
      }
    } catch (IllegalArgumentException | InvalidInputException e) {
      // not Base64, or no valid user id: refused below like any other forged cursor
    }
    throw InvalidInputException.of("cursor", "is not a directory cursor");
  }
}
