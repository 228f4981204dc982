package org.licensekit.core.internal.lifecycle;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.Lifecycle;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.Validity;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.internal.claims.PoolClaimPages;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.policy.Refusal;

/** Renewal roll-overs, seat transfers and reassignment of freed seats, each one transaction. */
final class SeatMoves {

  private final Context context;
  private final Lookups lookups;
  private final ClaimWriter claims;

  SeatMoves(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
  }

  JobRun rollOver(PoolId fromId, PoolId toId, String reason) {
    if (fromId.equals(toId)) {
      throw InvalidInputException.of("to", "must be another pool than from");
    }
    return context.run(changes -> {
      LicensePool from = lookups.pool(fromId).pool();
      PoolUsage to = lookups.pool(toId);
      if (!from.product().equals(to.pool().product())) {
        throw InvalidInputException.of("to", "must be a pool of " + from.product() + " (is of " + to.pool().product() + ")");
      }
      // First walk: count the claimants and check the new pool serves each, so that a refusal moves
      // nothing; second walk: move them. Each holds one page of claims at a time.
      int pageSize = context.ports().pageSize();
      long[] unserved = {0};
      UserId[] firstUnserved = {null};
      long live = PoolClaimPages.forEach(context.store(), context.tenant(), fromId, pageSize, page -> {
        for (LicenseClaim claim : page) {
          if (!claims.serves(to.pool(), claim.user())) {
            unserved[0]++;
            if (firstUnserved[0] == null || claim.user().compareTo(firstUnserved[0]) < 0) {
              firstUnserved[0] = claim.user();
            }
          }
        }
      });
      if (to.free() < live) {
        throw new ConflictException(ErrorCode.NOT_ENOUGH_SEATS, "Pool " + toId + " has " + to.free() + " free seats; rolling over "
            + fromId + " needs " + live);
      }
      if (unserved[0] > 0) {
        throw new ConflictException(ErrorCode.POOL_OUT_OF_SCOPE, "Pool " + toId + " does not serve " + unserved[0]
            + " of the claimants of " + fromId + " (first: " + firstUnserved[0] + "); nothing was moved");
      }
      Validity validity = lookups.product(from.product()).validity();
      long moved = PoolClaimPages.forEach(context.store(), context.tenant(), fromId, pageSize, page -> {
        for (LicenseClaim claim : page) {
          claims.move(changes, claim, to.pool(), expiryAfterMove(claim, validity, to.pool()), reason);
        }
        changes.flush();
      });
      return new JobRun(moved, moved, 0, 0);
    });
  }

  /** Term-bound active claims end with the new pool's term; claim-bound ones keep their expiry. */
  private static Optional<java.time.Instant> expiryAfterMove(LicenseClaim claim, Validity validity, LicensePool to) {
    if (claim.status() != ClaimStatus.ACTIVE) {
      return claim.expiresAt();
    }
    return validity.kind() == Validity.Kind.UNTIL_TERM_END ? Optional.of(to.term().end()) : claim.expiresAt();
  }

  LicenseClaim transfer(UserId fromUser, UserId toUser, ProductId product, Lifecycle.Expiry expiry, String reason) {
    if (fromUser.equals(toUser)) {
      throw InvalidInputException.of("to", "must be another user than from");
    }
    return context.run(changes -> {
      lookups.user(fromUser);
      UserAccount receiver = lookups.assignableUser(changes, toUser);
      Product known = lookups.product(product);
      LicenseClaim held = context.store().claims().findLive(context.tenant(), fromUser, product)
          .orElseThrow(() -> new ConflictException(ErrorCode.NO_LIVE_CLAIM, "User " + fromUser + " holds no live claim of " + known.id()));
      if (context.store().claims().findLive(context.tenant(), receiver.id(), product).isPresent()) {
        throw new ConflictException(ErrorCode.ALREADY_HOLDS_PRODUCT, "User " + toUser + " already holds " + product);
      }
      LicensePool pool = lookups.pool(held.pool()).pool();
      if (!claims.serves(pool, receiver.id())) {
        throw new ConflictException(ErrorCode.POOL_OUT_OF_SCOPE, "Pool " + pool.id() + " of the seat does not serve " + toUser);
      }
      claims.revokeForTransfer(changes, held, "seat transferred to " + toUser + ": " + reason);
      // The receiver claims the seat themself (their prerequisites are checked then); KEEP carries
      // the giver's expiry to that activation, RESET lets the product's validity start afresh.
      boolean keep = expiry == Lifecycle.Expiry.KEEP;
      LicenseClaim given = ClaimWriter.pending(changes, toUser, product, held.pool(), true)
          .expiresAt(keep ? held.expiresAt() : Optional.empty())
          .reason("seat transferred from " + fromUser + ": " + reason)
          .build();
      return claims.assignInPool(changes, given);
    });
  }

  public List<UserOutcome> reassign(ProductId product, List<UserId> waiting, String reason) {
    return context.run(changes -> {
      lookups.product(product);
      ImmutableList.Builder<UserOutcome> outcomes = ImmutableList.builder();
      TenantSettings settings = context.store().settings().get(context.tenant());
      for (UserId id : waiting) {
        Optional<UserAccount> user = context.store().directory().findUser(context.tenant(), id);
        Optional<Refusal> unassignable = user.flatMap(u -> AccountLifecycle.assignable(u, settings));
        if (user.isEmpty()) {
          outcomes.add(UserOutcome.refused(id, ErrorCode.NOT_FOUND.name(), "no user " + id));
        } else if (unassignable.isPresent()) {
          outcomes.add(UserOutcome.refused(id, unassignable.get().code(), unassignable.get().message()));
        } else {
          outcomes.add(outcome(id, claims.assignNamed(changes, id, product, Optional.of(reason))));
        }
      }
      return outcomes.build();
    });
  }

  private static UserOutcome outcome(UserId user, AssignmentResult result) {
    if (!result.assigned().isEmpty()) {
      return UserOutcome.done(user, "assigned " + result.assigned().get(0).product());
    }
    if (!result.alreadyHeld().isEmpty()) {
      return UserOutcome.already(user, "already holds " + result.alreadyHeld().get(0).product());
    }
    return UserOutcome.refused(user, result.refused().get(0).code(), result.refused().get(0).message());
  }
}
