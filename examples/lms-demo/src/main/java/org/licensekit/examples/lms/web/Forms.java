package org.licensekit.examples.lms.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.licensekit.core.FieldError;

/** Reading form fields: blank means absent; a value that does not parse becomes a field error. */
final class Forms {

  private Forms() {}

  static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  static <T> Optional<T> parse(String field, String value, Function<String, T> parser, String expected, Map<String, String> errors) {
    Optional<String> text = text(value);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(text.get()));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      errors.put(field, "must be " + expected + " (was '" + text.get() + "')");
      return Optional.empty();
    }
  }

  static Optional<Instant> startOfDay(String field, String value, Map<String, String> errors) {
    return parse(field, value, LocalDate::parse, "a date like 2026-09-01", errors).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** Field errors by field name, for the templates (first problem per field). */
  static Map<String, String> errors(List<FieldError> errors) {
    Map<String, String> byField = new TreeMap<>();
    errors.forEach(e -> byField.merge(e.field(), e.problem(), (a, b) -> a + "; " + b));
    return byField;
  }
}
