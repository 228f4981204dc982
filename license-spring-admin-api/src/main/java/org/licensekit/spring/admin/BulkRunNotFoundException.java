package org.licensekit.spring.admin;

/** No bulk run with the idempotency key was started on this instance for the tenant: answered 404. */
final class BulkRunNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BulkRunNotFoundException(String key) {
    super("No bulk run with idempotency key '" + key + "' was started on this instance for this tenant;"
        + " send the request again with the same key to read a finished run's stored result.");
  }
}
