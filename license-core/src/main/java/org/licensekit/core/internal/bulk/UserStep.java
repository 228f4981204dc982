package org.licensekit.core.internal.bulk;

import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;

/** Applies one bulk action to one user inside the caller's transaction. */
final class UserStep {

  private final MembershipActions memberships;
  private final AccountActions accounts;
  private final RunScope scope;

  UserStep(RunScope scope) {
    this.scope = scope;
    this.memberships = new MembershipActions(scope);
    this.accounts = new AccountActions(scope);
  }

  public UserOutcome apply(UnitOfWork changes, BulkAction action, UserId id, String reason, SeatTally tally) {
    UserAccount user = scope.user(id).orElse(null);
    if (user == null) {
      return UserOutcome.refused(id, ErrorCode.NOT_FOUND.name(), "no user " + id);
    }
    if (action instanceof BulkAction.GrantRoles a) {
      return memberships.add(changes, user, java.util.Set.of(a.organization()), a.roles(), reason, tally);
    }
    if (action instanceof BulkAction.ChangeOrganizations a) {
      return switch (a.change()) {
        case ADD -> memberships.add(changes, user, a.organizations(), a.roles(), reason, tally);
        case REMOVE -> memberships.remove(changes, user, a.organizations(), reason, tally);
        case REPLACE -> memberships.replace(changes, user, a.organizations(), a.roles(), reason, tally);
      };
    }
    if (action instanceof BulkAction.RevokeProduct a) {
      return memberships.revokeProduct(changes, user, a.product(), reason, tally);
    }
    if (action instanceof BulkAction.RevokeRole a) {
      return memberships.revokeRole(changes, user, a, reason, tally);
    }
    if (action instanceof BulkAction.ChangeStatus a) {
      return accounts.change(changes, user, a.change(), reason, tally);
    }
    if (action instanceof BulkAction.Offboard) {
      return accounts.offboard(changes, user, reason, tally);
    }
    throw new IllegalStateException("unknown bulk action " + action);
  }
}
