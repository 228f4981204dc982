package org.licensekit.spring.admin;

/** Where the admin API's routes live. */
final class Routes {

  /** The base path, from {@code licensekit.web.admin-api.base-path}. */
  static final String BASE = "${licensekit.web.admin-api.base-path:/licensekit/api}";

  private Routes() {}
}
