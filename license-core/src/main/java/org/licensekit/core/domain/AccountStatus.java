package org.licensekit.core.domain;

/** The status of a user account. Only {@link #ACTIVE} accounts may use products. */
public enum AccountStatus {
  /** Created and invited; the user has not activated the account yet. */
  INVITED,
  /** In good standing. */
  ACTIVE,
  /** Temporarily blocked; whether the user keeps seats is a tenant setting. */
  SUSPENDED,
  /** Gone for good (departed or temporary staff whose end date passed); never holds seats. */
  ARCHIVED
}
