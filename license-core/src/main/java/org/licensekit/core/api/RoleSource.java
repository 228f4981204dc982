package org.licensekit.core.api;

/** Where a role a user holds in an organization came from. */
public enum RoleSource {
  /** The role is one of the roles of the job profile the user was set up with. */
  JOB_PROFILE,
  /** The role was granted on its own: an additional role at setup, an assignment or a bulk action. */
  GRANTED
}
