package org.licensekit.core.policy;

import java.util.Objects;

/**
 * A rule said no.
 *
 * @param code a stable, machine-readable code such as {@code ILLEGAL_TRANSITION}
 * @param message what was refused and why, in words
 */
public record Refusal(String code, String message) {

  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
