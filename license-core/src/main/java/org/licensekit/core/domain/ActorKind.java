package org.licensekit.core.domain;

/** Who performs an operation. */
public enum ActorKind {
  /** May do everything in the tenant. */
  SYSTEM_ADMINISTRATOR,
  /** May read reports, the dashboard and the audit trail. */
  REPORTER,
  /** A user acting for themself: may claim, check and list only their own licenses. */
  USER,
  /** The host's own scheduled jobs (expiration sweeps, reminders); as trusted as an administrator. */
  SYSTEM,
  /**
   * Administers users, pools and claims inside one or more organization subtrees only; may not
   * change the tenant's catalog or settings, nor run tenant-wide jobs.
   */
  ORGANIZATION_ADMINISTRATOR,
  /** Reads what a reporter reads, limited to one or more organization subtrees. */
  ORGANIZATION_REPORTER;

  /** Whether an actor of this kind is bound to organization subtrees. */
  public boolean organizationScoped() {
    return this == ORGANIZATION_ADMINISTRATOR || this == ORGANIZATION_REPORTER;
  }
}
