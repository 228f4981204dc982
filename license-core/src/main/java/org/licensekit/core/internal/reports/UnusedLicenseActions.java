package org.licensekit.core.internal.reports;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.report.Reassignment;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.Target;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.Notification;

/** What an administrator does about unused licenses: remind the user, reclaim the seat, or reassign it. */
final class UnusedLicenseActions {

  private final Context context;
  private final Lookups lookups;
  private final ClaimWriter claims;

  UnusedLicenseActions(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
  }

  List<LicenseClaim> remind(List<ClaimId> ids) {
    return context.command(Operation.REMIND_USERS, Target.claims(ids == null ? List.of() : ids), () -> {
      if (ids.isEmpty()) {
        throw InvalidInputException.of("claims", "must name at least one claim");
      }
    }, changes -> {
      ImmutableList.Builder<LicenseClaim> reminded = ImmutableList.builder();
      for (ClaimId id : ids) {
        LicenseClaim claim = lookups.claim(id);
        if (claim.status() != ClaimStatus.PENDING) {
          continue;
        }
        UserAccount user = lookups.user(claim.user());
        changes.sendAfterCommit(Notification.builder()
            .tenant(context.tenant())
            .kind(Notification.Kind.CLAIM_REMINDER)
            .user(user.id())
            .email(user.email())
            .name(user.name())
            .attributes(Map.of("product", claim.product().value(), "claim", claim.id().value(),
                "assignedAt", claim.assignedAt().toString()))
            .build());
        changes.record(ChangeType.CLAIM_REMINDED, "claim", claim.id()).user(claim.user()).product(claim.product()).done();
        reminded.add(claim);
      }
      return reminded.build();
    });
  }

  LicenseClaim reclaim(ClaimId id, String reason) {
    return context.command(Operation.RECLAIM_LICENSES, Target.claims(Set.of(id)), () -> Context.requireReason(reason), changes -> claims.revoke(changes, lookups.claim(id), reason));
  }

  public Reassignment reassign(ClaimId id, UserId to, String reason) {
    return context.command(Operation.RECLAIM_LICENSES, Target.claims(Set.of(id)).and(Target.user(to)),
        () -> Context.requireReason(reason), changes -> {
      LicenseClaim claim = lookups.claim(id);
      if (!claim.live()) {
        throw new ConflictException(ErrorCode.CLAIM_NOT_LIVE, "Claim " + id + " is " + claim.status() + " and holds no seat to reassign");
      }
      if (claim.user().equals(to)) {
        throw InvalidInputException.of("to", "must be another user than the claim's holder " + to);
      }
      lookups.assignableUser(changes, to);
      if (context.store().claims().findLive(context.tenant(), to, claim.product()).isPresent()) {
        throw new ConflictException(ErrorCode.TARGET_ALREADY_HOLDS_PRODUCT, "User " + to + " already holds " + claim.product());
      }
      LicenseClaim revoked = claims.revokeForTransfer(changes, claim, "reassigned to " + to + ": " + reason);
      AssignmentResult assigned = claims.assignNamed(changes, to, claim.product(), Optional.of("reassigned from " + claim.user() + ": " + reason));
      if (!assigned.refused().isEmpty()) {
        AssignmentRefusal refusal = assigned.refused().get(0);
        throw new ConflictException(refusal.code(), refusal.message());
      }
      return new Reassignment(revoked, assigned.assigned().get(0));
    });
  }
}
