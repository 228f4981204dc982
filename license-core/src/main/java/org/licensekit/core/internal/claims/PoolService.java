package org.licensekit.core.internal.claims;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.Pools;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.Validity;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Target;
import org.licensekit.core.policy.OrganizationReach;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.Operation;

public final class PoolService implements Pools {

  /** The most seats a pool may have; the same bound as {@code NewPool.seats}. */
  private static final int MAX_SEATS = 10_000_000;

  private final Context context;
  private final Lookups lookups;
  private final ClaimWriter claims;

  public PoolService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
  }

  @Override
  public LicensePool add(NewPool request) {
    return context.command(Operation.MANAGE_POOLS, Target.placing(request.scope().stream().collect(Collectors.toSet())),
        () -> context.validate(request), changes -> {
      lookups.product(request.product());
      request.scope().ifPresent(lookups::organization);
      LicensePool pool = LicensePool.builder()
          .id(request.id().orElseGet(() -> PoolId.of(UUID.randomUUID().toString())))
          .product(request.product())
          .seats(request.seats())
          .term(request.term())
          .renewalDate(request.renewalDate())
          .reference(request.reference())
          .scope(request.scope())
          .build();
      // held first, so that a user queued meanwhile sees this pool or this pool's seats see the user;
      // the waiting users' accounts before the pools (accounts, then pools)
      claims.waitlist().holdWaiting(changes, pool.product(), pool.seats());
      context.store().waitlist().lock(context.tenant(), pool.product());
      context.store().pools().insert(context.tenant(), pool);
      changes.record(ChangeType.POOL_ADDED, "pool", pool.id()).product(pool.product()).after(pool).done();
      claims.waitlist().fill(changes, pool.product());
      return pool;
    });
  }

  @Override
  public LicensePool extendTerm(PoolId id, Instant newEnd, String reason) {
    return context.command(Operation.MANAGE_POOLS, Target.pools(Set.of(id)), () -> Context.requireReason(reason), changes -> {
      LicensePool before = lookups.pool(id).pool();
      org.licensekit.core.policy.InputRules.requireExtension(before.term().end(), newEnd, changes.now());
      return changeTerm(changes, before, LicensePool.builder().from(before).term(before.term().withEnd(newEnd)).build(), reason);
    });
  }

  @Override
  public LicensePool renew(PoolId id, Term term, Optional<LocalDate> renewalDate, String reason) {
    return context.command(Operation.MANAGE_POOLS, Target.pools(Set.of(id)), () -> Context.requireReason(reason), changes -> {
      LicensePool before = lookups.pool(id).pool();
      LicensePool after = LicensePool.builder().from(before).term(term).renewalDate(renewalDate.or(before::renewalDate)).build();
      return changeTerm(changes, before, after, reason);
    });
  }

  private LicensePool changeTerm(UnitOfWork changes, LicensePool before, LicensePool after, String reason) {
    claims.waitlist().holdWaiting(changes, after.product(), after.seats());
    context.store().waitlist().lock(context.tenant(), after.product());
    context.store().pools().updateDefinition(context.tenant(), after);
    changes.record(ChangeType.POOL_TERM_CHANGED, "pool", after.id())
        .product(after.product()).before(before).after(after).reason(Optional.of(reason)).done();
    Product product = lookups.product(after.product());
    if (product.validity().kind() == Validity.Kind.UNTIL_TERM_END) {
      PoolClaimPages.forEach(context.store(), context.tenant(), after.id(), context.ports().pageSize(), page -> {
        for (LicenseClaim claim : page) {
          if (claim.status() == ClaimStatus.ACTIVE) {
            claims.reschedule(changes, claim, after.term().end(), reason);
          }
        }
        changes.flush();
      });
    }
    // a term that starts now gives the pool's seats to the waitlist
    claims.waitlist().fill(changes, after.product());
    return after;
  }

  @Override
  public PoolUsage changeSeats(PoolId id, int seats, String reason) {
    return context.command(Operation.MANAGE_POOLS, Target.pools(Set.of(id)), () -> {
      List<FieldError> errors = new ArrayList<>();
      if (seats <= 0 || seats > MAX_SEATS) {
        errors.add(new FieldError("seats", "must be between 1 and " + MAX_SEATS + " (was " + seats + ")"));
      }
      org.licensekit.core.policy.InputRules.reasonProblem(reason).ifPresent(errors::add);
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
    }, changes -> {
      PoolUsage before = lookups.pool(id);
      if (seats > before.pool().seats()) {
        // the new seats go to the waitlist below: its accounts before the pool row (accounts, then pools)
        claims.waitlist().holdWaiting(changes, before.pool().product(), seats - before.pool().seats());
      }
      if (!context.store().pools().trySetSeats(context.tenant(), id, seats)) {
        PoolUsage now = lookups.pool(id);
        throw new ConflictException(ErrorCode.SEATS_BELOW_LIVE_CLAIMS, "Pool " + id + " has " + now.seatsInUse()
            + " live claims; revoke claims before reducing its seats to " + seats);
      }
      PoolUsage after = lookups.pool(id);
      changes.record(ChangeType.POOL_SEATS_CHANGED, "pool", id)
          .product(after.pool().product()).before(before.pool()).after(after.pool()).reason(Optional.of(reason))
          .attributes(Map.of("seats", Integer.toString(seats), "previousSeats", Integer.toString(before.pool().seats())))
          .done();
      if (seats > before.pool().seats()) {
        // the new seats go to the head of the waitlist in this same transaction
        claims.waitlist().fill(changes, after.pool().product());
        return lookups.pool(id);
      }
      return after;
    });
  }

  @Override
  public Optional<PoolUsage> find(PoolId id) {
    return context.query(Operation.READ_POOLS, Target.limitedByReach(), () -> {
      OrganizationReach reach = context.reach();
      return context.store().pools().find(context.tenant(), id).filter(usage -> reach.mayRead(usage.pool()));
    });
  }

  @Override
  public List<PoolUsage> list() {
    return context.query(Operation.READ_POOLS, Target.limitedByReach(), () -> {
      OrganizationReach reach = context.reach();
      return context.store().pools().list(context.tenant()).stream()
          .filter(usage -> reach.mayRead(usage.pool())).collect(Collectors.toList());
    });
  }
}
