package org.licensekit.core;

/** The actor may not perform the operation. Nothing was read or written. */
public final class NotAuthorizedException extends LicensingException {

  private static final long serialVersionUID = 1L;

  public NotAuthorizedException(String message) {
    super("NOT_AUTHORIZED", message);
  }
}
