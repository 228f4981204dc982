package org.licensekit.core.api;

import java.util.Objects;

/**
 * One failing condition of an access check.
 *
 * @param reason which condition failed
 * @param detail the specifics, such as the account status or the missing training
 */
public record AccessDenial(DenialReason reason, String detail) {

  public AccessDenial {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  public static AccessDenial of(DenialReason reason, String detail) {
    return new AccessDenial(reason, detail);
  }

  /** The stable code of the reason. */
  public String code() {
    return reason.name();
  }

  /** What an administrator can do about it. */
  public String hint() {
    return reason.hint();
  }

  @Override
  public String toString() {
    return code() + " (" + detail + "): " + hint();
  }
}
