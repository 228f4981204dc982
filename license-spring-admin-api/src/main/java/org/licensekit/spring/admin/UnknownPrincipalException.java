package org.licensekit.spring.admin;

/** No tenant and actor could be resolved for an admin API request: it is answered 403. */
final class UnknownPrincipalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnknownPrincipalException() {
    super("The request could not be matched to a LicenseKit tenant and actor.");
  }
}
