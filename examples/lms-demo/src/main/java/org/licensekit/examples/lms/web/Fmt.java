package org.licensekit.examples.lms.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Formatting for the templates ({@code ${@fmt.date(...)}}): dates in UTC, absent values as a dash. */
@Component("fmt")
public class Fmt {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  /** The day of {@code instant}, in UTC. */
  public String date(Instant instant) {
    return DATE.format(instant);
  }

  /** The day of {@code instant} in UTC, or a dash. */
  public String date(Optional<?> value) {
    return value.map(v -> v instanceof Instant i ? DATE.format(i) : v.toString()).orElse("—");
  }

  /** Day and minute of {@code instant}, in UTC. */
  public String dateTime(Instant instant) {
    return DATE_TIME.format(instant);
  }

  /** The value, or a dash. */
  public String text(Optional<?> value) {
    return value.map(Object::toString).orElse("—");
  }

  /** A share as a percentage with one decimal. */
  public String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** An enum-like code for reading: {@code CLAIM_PENDING} becomes "Claim pending". */
  public String words(Object code) {
    String text = code.toString().replace('_', ' ').toLowerCase(Locale.ROOT);
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
