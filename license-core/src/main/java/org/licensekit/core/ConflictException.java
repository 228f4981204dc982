package org.licensekit.core;

/**
 * The command is well formed but contradicts the current state (an illegal claim transition, a
 * duplicate id, seats below the live claims). {@link #code()} says which rule.
 */
public final class ConflictException extends LicensingException {

  private static final long serialVersionUID = 1L;

  /** A conflict with a code of {@link ErrorCode}, or an adapter's own. */
  public ConflictException(String code, String message) {
    super(code, message);
  }

  /** A conflict with a catalogued code. */
  public ConflictException(ErrorCode code, String message) {
    super(code.name(), message);
  }
}
