package org.licensekit.core.policy;

/** Every operation of the public API, with the permission it needs. */
public enum Operation {
  DEFINE_CATALOG(Permission.ADMINISTER),
  READ_CATALOG(Permission.READ),
  DEFINE_ORGANIZATION(Permission.ADMINISTER),
  READ_DIRECTORY(Permission.READ),
  READ_USER_PROFILE(Permission.SELF_SERVICE),
  REGISTER_USER(Permission.ADMINISTER),
  UPDATE_USER(Permission.ADMINISTER),
  CHANGE_USER_STATUS(Permission.ADMINISTER),
  MANAGE_POOLS(Permission.ADMINISTER),
  READ_POOLS(Permission.READ),
  ASSIGN(Permission.ADMINISTER),
  CLAIM(Permission.SELF_SERVICE),
  REVOKE_CLAIM(Permission.ADMINISTER),
  READ_CLAIMS(Permission.SELF_SERVICE),
  RECORD_TRAINING(Permission.ADMINISTER),
  ASSIGN_TRAINING(Permission.ADMINISTER),
  READ_TRAINING(Permission.SELF_SERVICE),
  CHECK_ACCESS(Permission.SELF_SERVICE),
  READ_AUDIT(Permission.READ),
  READ_REPORTS(Permission.READ),
  MANAGE_SETTINGS(Permission.ADMINISTER),
  READ_SETTINGS(Permission.READ),
  BULK_CHANGE(Permission.ADMINISTER),
  RUN_LIFECYCLE(Permission.ADMINISTER),
  REMIND_USERS(Permission.ADMINISTER),
  RECLAIM_LICENSES(Permission.ADMINISTER),
  RECONCILE(Permission.ADMINISTER),
  RECORD_USAGE(Permission.SELF_SERVICE),
  /** Redelivering, retrying and discarding outbox messages. */
  MANAGE_OUTBOX(Permission.ADMINISTER),
  /** Reading dead letters and outbox counts. */
  READ_OUTBOX(Permission.READ);

  /** What kind of access an operation needs. */
  public enum Permission {
    /** Changes the tenant's licensing: administrators and the host's system jobs only. */
    ADMINISTER,
    /** Reads reports and records: also reporters. */
    READ,
    /** Acts on one user's own licenses: administrators for anyone, a user for themself. */
    SELF_SERVICE
  }

  private final Permission permission;

  Operation(Permission permission) {
    this.permission = permission;
  }

  public Permission permission() {
    return permission;
  }
}
