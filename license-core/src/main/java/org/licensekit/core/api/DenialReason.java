package org.licensekit.core.api;

/**
 * Why a user cannot use a product, in the order of the admin guide's troubleshooting list (roles,
 * account status, training, organizations) followed by the state of the claim itself. Each reason
 * has a stable code ({@link #name()}) and a one-line remediation hint.
 */
public enum DenialReason {
  UNKNOWN_USER("Register the user account first."),
  UNKNOWN_PRODUCT("Define the product in the catalog first."),
  NO_ROLE_GRANTS_PRODUCT("Grant the user a role that includes the product, or assign the product directly."),
  ACCOUNT_NOT_ACTIVE("Activate or reactivate the user's account."),
  TRAINING_NOT_ASSIGNED("Assign the required training (assigning the product does), then record the completion."),
  TRAINING_NOT_COMPLETED("Remind the user of the assigned training and its due date, then record the completion."),
  CERTIFICATION_EXPIRED("Have the user renew the certification, then record it."),
  NO_ORGANIZATION("Add the user to the appropriate organization."),
  NO_CLAIM("Assign the product so that a license is reserved for the user."),
  /**
   * No claim, and the user waits in the product's seat waitlist (every pool serving them was full):
   * the detail gives the place in the queue. Told by the troubleshooter in place of {@link #NO_CLAIM}.
   */
  WAITING_FOR_SEAT("Free a seat (revoke an unused license), add seats or a pool serving the user, or move the user up the waitlist."),
  CLAIM_PENDING("Ask the user to claim the license (activate it) on first use."),
  CLAIM_EXPIRED("Renew the license pool or assign the product again."),
  CLAIM_REVOKED("Assign the product again if the user should have access."),
  POOL_TERM_ENDED("Renew or extend the license pool's term."),
  POOL_TERM_NOT_STARTED("Wait until the pool's term starts, or assign a seat from a pool in term.");

  private final String hint;

  DenialReason(String hint) {
    this.hint = hint;
  }

  /** What an administrator can do about it. */
  public String hint() {
    return hint;
  }
}
