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
  SYSTEM
}
