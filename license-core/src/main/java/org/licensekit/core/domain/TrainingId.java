package org.licensekit.core.domain;

/**
 * A training course or certification a product may require.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record TrainingId(String value) implements Comparable<TrainingId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code trainingId}. */
  public TrainingId {
    value = Identifiers.check("trainingId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static TrainingId of(String value) {
    return new TrainingId(value);
  }

  @Override
  public int compareTo(TrainingId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
