package org.licensekit.core;

/** A record the command refers to does not exist in the tenant. */
public final class NotFoundException extends LicensingException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public NotFoundException(String field, Object id) {
    super("NOT_FOUND", "No " + field + " '" + id + "' in this tenant");
    this.field = field;
  }

  /** The input field that named the missing record, such as {@code userId}. */
  public String field() {
    return field;
  }
}
