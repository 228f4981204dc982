package org.licensekit.core.domain;

/**
 * A job profile: a named bundle of roles for a job function, such as {@code TEACHER}.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record JobProfileId(String value) implements Comparable<JobProfileId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code jobProfileId}. */
  public JobProfileId {
    value = Identifiers.check("jobProfileId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static JobProfileId of(String value) {
    return new JobProfileId(value);
  }

  @Override
  public int compareTo(JobProfileId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
