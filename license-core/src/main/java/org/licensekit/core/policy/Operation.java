package org.licensekit.core.policy;

/** Every operation of the public API, with the permission it needs and how far it reaches. */
public enum Operation {
  DEFINE_CATALOG(Permission.ADMINISTER, Reach.TENANT),
  READ_CATALOG(Permission.READ, Reach.SHARED),
  DEFINE_ORGANIZATION(Permission.ADMINISTER, Reach.ORGANIZATION),
  READ_DIRECTORY(Permission.READ, Reach.ORGANIZATION),
  READ_USER_PROFILE(Permission.SELF_SERVICE, Reach.ORGANIZATION),
  REGISTER_USER(Permission.ADMINISTER, Reach.ORGANIZATION),
  UPDATE_USER(Permission.ADMINISTER, Reach.ORGANIZATION),
  CHANGE_USER_STATUS(Permission.ADMINISTER, Reach.ORGANIZATION),
  /** Replacing a person's name and e-mail address by a pseudonym everywhere they are kept. */
  ERASE_PERSONAL_DATA(Permission.ADMINISTER, Reach.ORGANIZATION),
  MANAGE_POOLS(Permission.ADMINISTER, Reach.ORGANIZATION),
  READ_POOLS(Permission.READ, Reach.ORGANIZATION),
  ASSIGN(Permission.ADMINISTER, Reach.ORGANIZATION),
  CLAIM(Permission.SELF_SERVICE, Reach.ORGANIZATION),
  REVOKE_CLAIM(Permission.ADMINISTER, Reach.ORGANIZATION),
  READ_CLAIMS(Permission.SELF_SERVICE, Reach.ORGANIZATION),
  RECORD_TRAINING(Permission.ADMINISTER, Reach.ORGANIZATION),
  ASSIGN_TRAINING(Permission.ADMINISTER, Reach.ORGANIZATION),
  READ_TRAINING(Permission.SELF_SERVICE, Reach.ORGANIZATION),
  READ_WAITLIST(Permission.READ, Reach.ORGANIZATION),
  MANAGE_WAITLIST(Permission.ADMINISTER, Reach.ORGANIZATION),
  CHECK_ACCESS(Permission.SELF_SERVICE, Reach.ORGANIZATION),
  READ_AUDIT(Permission.READ, Reach.ORGANIZATION),
  VERIFY_AUDIT(Permission.READ, Reach.TENANT),
  READ_REPORTS(Permission.READ, Reach.ORGANIZATION),
  MANAGE_SETTINGS(Permission.ADMINISTER, Reach.TENANT),
  READ_SETTINGS(Permission.READ, Reach.SHARED),
  BULK_CHANGE(Permission.ADMINISTER, Reach.ORGANIZATION),
  RUN_LIFECYCLE(Permission.ADMINISTER, Reach.TENANT),
  REMIND_USERS(Permission.ADMINISTER, Reach.ORGANIZATION),
  RECLAIM_LICENSES(Permission.ADMINISTER, Reach.ORGANIZATION),
  RECONCILE(Permission.ADMINISTER, Reach.TENANT),
  RECORD_USAGE(Permission.SELF_SERVICE, Reach.ORGANIZATION),
  /** Redelivering, retrying and discarding outbox messages: the tenant's, not an organization's. */
  MANAGE_OUTBOX(Permission.ADMINISTER, Reach.TENANT),
  /** Reading dead letters and outbox counts. */
  READ_OUTBOX(Permission.READ, Reach.TENANT);

  /** What kind of access an operation needs. */
  public enum Permission {
    /** Changes the tenant's licensing: administrators and the host's system jobs only. */
    ADMINISTER,
    /** Reads reports and records: also reporters. */
    READ,
    /** Acts on one user's own licenses: administrators for anyone, a user for themself. */
    SELF_SERVICE
  }

  /** How far an operation reaches, which decides what an organization-scoped actor may do. */
  public enum Reach {
    /** Users, pools and claims: an organization-scoped actor only inside its subtrees. */
    ORGANIZATION,
    /** Reference data every part of the tenant works with (catalog, settings): readable by all. */
    SHARED,
    /** The whole tenant's configuration or every record at once: never an organization-scoped actor. */
    TENANT
  }

  private final Permission permission;
  private final Reach reach;

  Operation(Permission permission, Reach reach) {
    this.permission = permission;
    this.reach = reach;
  }

  public Permission permission() {
    return permission;
  }

  /** How far the operation reaches. */
  public Reach reach() {
    return reach;
  }
}
