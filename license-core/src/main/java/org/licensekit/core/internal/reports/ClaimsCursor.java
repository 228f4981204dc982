package org.licensekit.core.internal.reports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.spi.report.ClaimsPosition;

/**
 * The opaque cursor of a claims-report page: the last row's sort value and claim id, bound to the
 * sort key and direction it was made for, so it cannot be replayed against another order.
 */
final class ClaimsCursor {

  private static final String VERSION = "c1";
  private static final Pattern SEPARATOR = Pattern.compile("\\|");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private ClaimsCursor() {}

  public static String after(ClaimRow last, ClaimSortKey key, SortDirection direction) {
    ClaimsPosition position = ClaimsPosition.of(last, key);
    String kind = position.instantValue().isPresent() ? "I" : position.textValue().isPresent() ? "T" : "N";
    String value = position.instantValue().map(Instant::toString).or(position::textValue).orElse("");
    String raw = String.join("|", VERSION, key.name(), direction.name(), kind, encode(value), position.claim().value());
    return encode(raw);
  }

  /** The position the cursor names; refused, naming {@code cursor}, unless made for this key and direction. */
  static ClaimsPosition position(String cursor, ClaimSortKey key, SortDirection direction) {
    try {
      String[] parts = SEPARATOR.split(decode(cursor), -1);
      if (parts.length != 6 || !parts[0].equals(VERSION)) {
        throw invalid("is not a claims-report cursor");
      }
      if (!parts[1].equals(key.name()) || !parts[2].equals(direction.name())) {
        throw invalid("was made for another sort (" + parts[1] + " " + parts[2] + "); start again from the first page");
      }
      String value = decode(parts[4]);
      ClaimId claim = ClaimId.of(parts[5]);
      switch (parts[3]) {
        case "I":
          return new ClaimsPosition(Optional.empty(), Optional.of(Instant.parse(value)), claim);
        case "T":
          return new ClaimsPosition(Optional.of(value), Optional.empty(), claim);
        case "N":
          return new ClaimsPosition(Optional.empty(), Optional.empty(), claim);
        default:
          throw invalid("is not a claims-report cursor");
      }
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw invalid("is not a claims-report cursor");
    } catch (InvalidInputException e) {
      throw e.fields().contains("cursor") ? e : invalid("is not a claims-report cursor");
    }
  }

  private static InvalidInputException invalid(String problem) {
    return InvalidInputException.of("cursor", problem);
  }

  private static String encode(String text) {
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String text) {
    return new String(DECODER.decode(text), StandardCharsets.UTF_8);
  }
}
