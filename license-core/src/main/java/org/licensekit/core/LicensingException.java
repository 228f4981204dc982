package org.licensekit.core;

import java.util.Optional;

/**
 * Base of every error LicenseKit throws. Errors are unchecked and carry a stable, machine-readable
 * {@link #code()}; business refusals (a denied access, a claim blocked by a prerequisite) are not
 * errors but result values.
 */
public class LicensingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public LicensingException(String code, String message) {
    super(message);
    this.code = code;
  }

  public LicensingException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * A stable code, such as {@code INVALID_INPUT} or {@code NOT_FOUND}, for programs to act on; see
   * {@link ErrorCode} for every code with its meaning and hint.
   */
  public String code() {
    return code;
  }

  /** The catalogue entry of {@link #code()}: its meaning and hint; empty for a code a third-party adapter made up. */
  public Optional<ErrorCode> errorCode() {
    return ErrorCode.find(code);
  }
}
