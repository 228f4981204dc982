package org.licensekit.core;

/**
 * The store failed (connection lost, retries of a serialization failure exhausted). The command
 * did not happen; the message says what the store reported.
 */
public class StoreException extends LicensingException {

  private static final long serialVersionUID = 1L;

  public StoreException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }

  public StoreException(String code, String message) {
    super(code, message);
  }

  /** A store failure with a catalogued code. */
  public StoreException(ErrorCode code, String message) {
    super(code.name(), message);
  }

  /** A store failure with a catalogued code and the fault that caused it. */
  public StoreException(ErrorCode code, String message, Throwable cause) {
    super(code.name(), message, cause);
  }
}
