package org.licensekit.core;

import java.util.Objects;

/**
 * One problem with one input field.
 *
 * @param field the path of the field, such as {@code email} or {@code term.end}
 * @param problem what is wrong with it, in words
 */
public record FieldError(String field, String problem) {

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(problem, "problem");
  }

  @Override
  public String toString() {
    return field + ": " + problem;
  }
}
