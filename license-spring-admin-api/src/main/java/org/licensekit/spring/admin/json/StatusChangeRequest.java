package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An account status change.
 *
 * @param change what to do
 * @param reason why; required to suspend or archive
 */
public record StatusChangeRequest(@NotNull Change change, @Size(max = 500) String reason) {

  /** The status changes of the account lifecycle. */
  public enum Change {
    /** {@code INVITED → ACTIVE}: the user accepted the invitation. */
    ACTIVATE,
    /** Suspends the account; seats are kept or released as the tenant setting says. */
    SUSPEND,
    /** {@code SUSPENDED → ACTIVE}. */
    REACTIVATE,
    /** Archives the account for good, revoking every live claim. */
    ARCHIVE
  }
}
