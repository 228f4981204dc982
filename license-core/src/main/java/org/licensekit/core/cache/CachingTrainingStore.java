package org.licensekit.core.cache;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.TrainingStore;

/** A user's training records and assignments cached per tenant × user; a save invalidates the user. */
final class CachingTrainingStore implements TrainingStore {

  private final TrainingStore delegate;
  private final CachingTransactions tx;

  CachingTrainingStore(TrainingStore delegate, CachingTransactions tx) {
    this.delegate = delegate;
    this.tx = tx;
  }

  @Override
  public void save(TenantId tenant, TrainingRecord record) {
    tx.perform(Scope.user(tenant, record.user()), () -> delegate.save(tenant, record));
  }

  @Override
  public void saveAssignment(TenantId tenant, TrainingAssignment assignment) {
    tx.perform(Scope.user(tenant, assignment.user()), () -> delegate.saveAssignment(tenant, assignment));
  }

  @Override
  public List<TrainingAssignment> assignmentsOf(TenantId tenant, UserId user) {
    return tx.read(Scope.user(tenant, user), Query.of("training-assignments"), () -> ImmutableList.copyOf(delegate.assignmentsOf(tenant, user)));
  }

  /** Read a batch of a waitlist at a time inside a command's transaction, so never from the cache. */
  @Override
  public java.util.Map<UserId, List<TrainingRecord>> listForUsers(TenantId tenant, java.util.Collection<UserId> users) {
    return delegate.listForUsers(tenant, users);
  }

  @Override
  public List<TrainingRecord> listForUser(TenantId tenant, UserId user) {
    return tx.read(Scope.user(tenant, user), Query.of("training"), () -> ImmutableList.copyOf(delegate.listForUser(tenant, user)));
  }
}
