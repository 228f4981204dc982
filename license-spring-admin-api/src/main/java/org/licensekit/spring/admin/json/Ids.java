package org.licensekit.spring.admin.json;

/** The shape every LicenseKit id has, for request validation. */
public final class Ids {

  /** 1 to 128 letters, digits and {@code . _ : @ -}: what every LicenseKit id accepts. */
  public static final String PATTERN = "[A-Za-z0-9._:@\\-]{1,128}";

  /** The message of an id that does not match {@link #PATTERN}. */
  public static final String PROBLEM = "must be 1 to 128 characters of letters, digits and . _ : @ -";

  private Ids() {}
}
