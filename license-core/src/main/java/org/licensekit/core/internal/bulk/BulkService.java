package org.licensekit.core.internal.bulk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkActions;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.directory.UserSelection;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.Target;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.core.spi.IdempotencyStore;
import org.licensekit.core.spi.UserCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk actions: checks what the request names, replays a request whose idempotency key was used,
 * takes over one whose run stopped renewing its lease, and otherwise runs it through the
 * {@link BulkEngine} under a {@link KeyLease}.
 */
public final class BulkService implements BulkActions {

  private static final Logger LOG = LoggerFactory.getLogger(BulkService.class);

  private final Context context;
  private final Lookups lookups;

  public BulkService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
  }

  @Override
  public long count(UserFilter filter) {
    return context.query(Operation.READ_DIRECTORY, Target.limitedByReach(),
        () -> context.store().userQueries().countUsers(context.tenant(), criteria(filter)));
  }

  @Override
  public List<UserId> select(UserFilter filter, Optional<UserId> after, int limit) {
    return context.query(Operation.READ_DIRECTORY, Target.limitedByReach(), () -> {
      if (limit < 1 || limit > 10_000) {
        throw InvalidInputException.of("limit", "must be between 1 and 10000");
      }
    }, () -> context.store().userQueries().findUserIds(context.tenant(), criteria(filter), after, limit));
  }

  @Override
  public BulkResult run(BulkRequest request) {
    return run(request, BulkListener.none());
  }

  @Override
  public BulkResult run(BulkRequest request, BulkListener listener) {
    return context.job(Operation.BULK_CHANGE, target(request.action()), () -> checkReferences(request.action()),
        () -> runOnce(request, criteria(request.filter()), listener));
  }

  /** Runs the request, or replays the result of an earlier run with the same idempotency key. */
  private BulkResult runOnce(BulkRequest request, UserCriteria criteria, BulkListener listener) {
    if (request.idempotencyKey().isEmpty()) {
      return new BulkEngine(context).run(request, criteria, listener, false, KeyLease.none());
    }
    String key = request.idempotencyKey().get();
    IdempotencyStore keys = context.store().idempotency();
    Instant now = KeyLease.now(context.ports().clock());
    KeyLease lease = KeyLease.held(keys, context.tenant(), key, context.ports().clock(), now);
    Optional<IdempotencyRecord> earlier = keys.find(context.tenant(), key);
    if (earlier.isPresent()) {
      IdempotencyRecord found = earlier.get();
      if (!found.fingerprint().equals(request.fingerprint()) || !KeyLease.stale(found, now)) {
        return replay(found, request);
      }
      // the run that reserved the key stopped renewing it (its JVM died): take the request over
      if (!holdOrGiveBack(lease, () -> keys.renew(context.tenant(), key, found.reservedAt(), now))) {
        return replay(keys.find(context.tenant(), key).orElseThrow(() -> inProgress(key)), request);
      }
      LOG.warn("took over bulk request '{}' whose run last renewed its lease at {}", key, found.reservedAt());
    } else if (!holdOrGiveBack(lease,
        () -> keys.reserve(context.tenant(), new IdempotencyRecord(key, request.fingerprint(), now, Optional.empty())))) {
      return replay(keys.find(context.tenant(), key).orElseThrow(() -> inProgress(key)), request);
    }
    try {
      return new BulkEngine(context).run(request, criteria, listener, false, lease);
    } catch (Throwable failure) {
      // an Error too (out of memory, a listener's assertion): a key left reserved would block every retry
      lease.release(failure);
      throw failure;
    }
  }

  /**
   * Reserves or takes over the key. When that fails (the connection was lost), the write may have
   * committed with its acknowledgement lost: the key is then given back if it is held under this
   * run's token, so that a retry runs the request instead of waiting out the lease.
   */
  private static boolean holdOrGiveBack(KeyLease lease, java.util.function.BooleanSupplier take) {
    try {
      return take.getAsBoolean();
    } catch (RuntimeException failure) {
      lease.release(failure);
      throw failure;
    }
  }

  @Override
  public BulkResult preview(BulkRequest request) {
    return preview(request, BulkListener.none());
  }

  @Override
  public BulkResult preview(BulkRequest request, BulkListener listener) {
    return context.job(Operation.BULK_CHANGE, target(request.action()), () -> checkReferences(request.action()),
        () -> new BulkEngine(context).run(request, criteria(request.filter()), listener, true, KeyLease.none()));
  }

  private BulkResult replay(IdempotencyRecord earlier, BulkRequest request) {
    if (!earlier.fingerprint().equals(request.fingerprint())) {
      throw new ConflictException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "Idempotency key '" + earlier.key() + "' was used for a different bulk request at " + earlier.reservedAt());
    }
    return BulkResultCodec.decode(earlier.result().orElseThrow(() -> inProgress(earlier.key()))).asReplay();
  }

  private static ConflictException inProgress(String key) {
    return new ConflictException(ErrorCode.BULK_IN_PROGRESS, "A bulk request with idempotency key '" + key + "' is still running");
  }

  /**
   * What an action acts in, besides the users its filter selects (always limited to the actor's
   * reach): the organizations it names; replacing every membership, or revoking a role in every
   * organization, reaches the whole tenant.
   */
  private static Target target(BulkAction action) {
    if (action instanceof BulkAction.GrantRoles a) {
      return Target.placing(Set.of(a.organization())).and(Target.limitedByReach());
    } else if (action instanceof BulkAction.ChangeOrganizations a) {
      return a.change() == BulkAction.MembershipChange.REPLACE ? Target.wholeTenant()
          : Target.placing(a.organizations()).and(Target.limitedByReach());
    } else if (action instanceof BulkAction.RevokeRole a) {
      return a.organization().map(organization -> Target.placing(Set.of(organization)).and(Target.limitedByReach()))
          .orElse(Target.wholeTenant());
    }
    return Target.limitedByReach();
  }

  private UserCriteria criteria(UserFilter filter) {
    return UserSelection.criteria(context, filter);
  }

  private void checkReferences(BulkAction action) {
    if (action instanceof BulkAction.GrantRoles a) {
      lookups.organization(a.organization());
      a.roles().forEach(lookups::role);
    } else if (action instanceof BulkAction.ChangeOrganizations a) {
      a.organizations().forEach(lookups::organization);
      a.roles().forEach(lookups::role);
    } else if (action instanceof BulkAction.RevokeProduct a) {
      lookups.product(a.product());
    } else if (action instanceof BulkAction.RevokeRole a) {
      lookups.role(a.role());
      a.organization().ifPresent(lookups::organization);
    }
  }
}
