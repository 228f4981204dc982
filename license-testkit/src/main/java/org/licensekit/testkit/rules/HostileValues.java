package org.licensekit.testkit.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Hostile values drawn from a seeded {@link Random}: blank, over-long, control and bidi characters,
 * NUL and unpaired surrogates, SQL and LIKE meta-characters, spreadsheet formulas, composed and
 * decomposed letters, and extreme numbers and instants — alone or spliced into ordinary text.
 */
final class HostileValues {

  private static final List<String> PIECES = List.of(
      "", " ", "\t", "\r\n", "\u0000", "\u0001", "\u001b[31m", "\u007f", "\u0085", "\u00a0", "\u200b", "\ufeff",
      "\u202e", "\u2066", "\u2069", "\u061c", "\ud800", "\udfff", "\ud83d\udc69\u200d\ud83c\udfeb",
      "'; DROP TABLE lk_users; --", "\" OR 1=1 --", "' OR ''='", "%", "_", "!", "\\", "\\'", "$$", "${prefix}", "?",
      "=HYPERLINK(\"http://evil.example\")", "+1", "-1", "@SUM(A1)", "Zoe\u0301", "Zo\u00e9", "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3",
      "\u0130", "\u00df", "\uFB01", "ana@example.org", "ANA@EXAMPLE.ORG", " ana@example.org ", "a@b", "@", "a@b@c",
      "x".repeat(129), "y".repeat(201), "z".repeat(321), "r".repeat(1_001), "<script>alert(1)</script>", "null", "NULL",
      "../../etc/passwd", "a:b", "a.b-c_d", "ana", "north-high", "observation");

  private final Random random;

  HostileValues(Random random) {
    this.random = random;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  /** One to three pieces, sometimes around ordinary letters. */
  String text() {
    StringBuilder text = new StringBuilder();
    int pieces = 1 + random.nextInt(3);
    for (int i = 0; i < pieces; i++) {
      if (chance(30)) {
        text.append("Ana ");
      }
      text.append(PIECES.get(random.nextInt(PIECES.size())));
    }
    return text.toString();
  }

  /** An e-mail address, often well formed around a hostile local part. */
  String email() {
    return chance(50) ? text() : text().replace("@", "") + "@example.org";
  }

  int number() {
    return switch (random.nextInt(8)) {
      case 0 -> Integer.MIN_VALUE;
      case 1 -> Integer.MAX_VALUE;
      case 2 -> -1;
      case 3 -> 0;
      case 4 -> 10_000_001;
      default -> 1 + random.nextInt(20);
    };
  }

  /** An instant near {@code around}, or far outside any sensible range (whole milliseconds). */
  Instant instant(Instant around) {
    return switch (random.nextInt(8)) {
      case 0 -> Instant.MAX;
      case 1 -> Instant.MIN;
      case 2 -> Instant.EPOCH;
      case 3 -> Instant.parse("+10000-01-01T00:00:00Z");
      case 4 -> around.minus(Duration.ofDays(random.nextInt(400)));
      default -> around.plus(Duration.ofMillis(random.nextLong(400L * 24 * 3600 * 1000)));
    };
  }

  Duration duration() {
    return switch (random.nextInt(6)) {
      case 0 -> Duration.ofSeconds(Long.MAX_VALUE);
      case 1 -> Duration.ZERO;
      case 2 -> Duration.ofDays(-3);
      case 3 -> Duration.ofDays(40_000);
      default -> Duration.ofDays(1 + random.nextInt(400));
    };
  }

  /** A cursor: garbage, Base64 of garbage, or Base64 of a plausible but forged position. */
  String cursor() {
    java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
    return switch (random.nextInt(4)) {
      case 0 -> text();
      case 1 -> base64.encodeToString(text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      case 2 -> base64.encodeToString(("a1|" + number()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      default -> base64.encodeToString(("c1|USER_NAME|ASC|T|" + text() + "|x").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    };
  }
}
