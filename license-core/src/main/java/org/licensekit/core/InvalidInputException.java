package org.licensekit.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was refused before anything was written. {@link #errors()} names every bad field and what
 * is wrong with it.
 */
public final class InvalidInputException extends LicensingException {

  private static final long serialVersionUID = 1L;

  private final ImmutableList<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super("INVALID_INPUT", "Invalid input: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one field error");
    }
    this.errors = ImmutableList.copyOf(errors);
  }

  /** An error for a single field. */
  public static InvalidInputException of(String field, String problem) {
    return new InvalidInputException(List.of(new FieldError(field, problem)));
  }

  /** Every bad field, in a stable order. */
  public List<FieldError> errors() {
    return errors;
  }

  /** The names of the bad fields. */
  public List<String> fields() {
    return errors.stream().map(FieldError::field).collect(ImmutableList.toImmutableList());
  }
}
