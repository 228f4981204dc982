package org.licensekit.core.internal.bulk;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkActions;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.core.spi.IdempotencyStore;
import org.licensekit.core.spi.UserCriteria;

/**
 * Bulk actions: checks what the request names, replays a request whose idempotency key was used,
 * and otherwise runs it through the {@link BulkEngine}.
 */
public final class BulkService implements BulkActions {

  private final Context context;
  private final Lookups lookups;

  public BulkService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
  }

  @Override
  public long count(UserFilter filter) {
    return context.query(Operation.READ_DIRECTORY, Optional.empty(),
        () -> context.store().userQueries().countUsers(context.tenant(), criteria(filter)));
  }

  @Override
  public List<UserId> select(UserFilter filter, Optional<UserId> after, int limit) {
    return context.query(Operation.READ_DIRECTORY, Optional.empty(), () -> {
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
    return context.job(Operation.BULK_CHANGE, Optional.empty(), () -> checkReferences(request.action()),
        () -> runOnce(request, criteria(request.filter()), listener));
  }

  /** Runs the request, or replays the result of an earlier run with the same idempotency key. */
  private BulkResult runOnce(BulkRequest request, UserCriteria criteria, BulkListener listener) {
    if (request.idempotencyKey().isEmpty()) {
      return new BulkEngine(context).run(request, criteria, listener, false);
    }
    String key = request.idempotencyKey().get();
    IdempotencyStore keys = context.store().idempotency();
    Optional<IdempotencyRecord> earlier = keys.find(context.tenant(), key);
    if (earlier.isPresent()) {
      return replay(earlier.get(), request);
    }
    IdempotencyRecord reservation = new IdempotencyRecord(key, request.fingerprint(), context.ports().clock().instant(), Optional.empty());
    if (!keys.reserve(context.tenant(), reservation)) {
      return replay(keys.find(context.tenant(), key).orElseThrow(() -> inProgress(key)), request);
    }
    try {
      BulkResult result = new BulkEngine(context).run(request, criteria, listener, false);
      keys.complete(context.tenant(), key, BulkResultCodec.encode(result));
      return result;
    } catch (RuntimeException failure) {
      keys.release(context.tenant(), key);
      throw failure;
    }
  }

  @Override
  public BulkResult preview(BulkRequest request) {
    return preview(request, BulkListener.none());
  }

  @Override
  public BulkResult preview(BulkRequest request, BulkListener listener) {
    return context.job(Operation.BULK_CHANGE, Optional.empty(), () -> checkReferences(request.action()),
        () -> new BulkEngine(context).run(request, criteria(request.filter()), listener, true));
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

  /** Refuses a filter naming records the tenant does not have, before anything is read in bulk. */
  private UserCriteria criteria(UserFilter filter) {
    filter.organization().ifPresent(lookups::organization);
    filter.role().ifPresent(lookups::role);
    filter.jobProfile().ifPresent(id -> context.store().catalog().findJobProfile(context.tenant(), id)
        .orElseThrow(() -> new NotFoundException("jobProfileId", id)));
    filter.claim().ifPresent(condition -> lookups.product(condition.product()));
    return FilterResolver.resolve(filter, OrganizationTree.of(context.store().directory().listOrganizations(context.tenant())));
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
