package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.List;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.TrainingStates;
import org.licensekit.core.spi.TrainingCriterion;
import org.licensekit.core.spi.TrainingStore;

/** Training completions, certifications and assignments in memory, kept per user by training id. */
final class InMemoryTrainingStore implements TrainingStore {

  private final InMemoryTransactions tx;
  private final TenantTable<UserId, ImmutableSortedMap<TrainingId, TrainingRecord>> records;
  private final TenantTable<UserId, ImmutableSortedMap<TrainingId, TrainingAssignment>> assignments;

  InMemoryTrainingStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.records = new TenantTable<>(tx);
    this.assignments = new TenantTable<>(tx);
  }

  @Override
  public void saveAssignment(TenantId tenant, TrainingAssignment assignment) {
    tx.write(() -> {
      ImmutableSortedMap<TrainingId, TrainingAssignment> current =
          assignments.get(tenant, assignment.user()).orElse(ImmutableSortedMap.of());
      return assignments.put(tenant, assignment.user(), SortedMaps.with(current, assignment.training(), assignment));
    });
  }

  @Override
  public List<TrainingAssignment> assignmentsOf(TenantId tenant, UserId user) {
    return tx.read(() -> assignments.get(tenant, user)
        .map(byTraining -> ImmutableList.copyOf(byTraining.values()))
        .orElse(ImmutableList.of()));
  }

  @Override
  public void save(TenantId tenant, TrainingRecord record) {
    tx.write(() -> {
      ImmutableSortedMap<TrainingId, TrainingRecord> current =
          records.get(tenant, record.user()).orElse(ImmutableSortedMap.of());
      return records.put(tenant, record.user(), SortedMaps.with(current, record.training(), record));
    });
  }

  @Override
  public List<TrainingRecord> listForUser(TenantId tenant, UserId user) {
    return tx.read(() -> records.get(tenant, user)
        .map(byTraining -> ImmutableList.copyOf(byTraining.values()))
        .orElse(ImmutableList.of()));
  }

  /** Whether the user's assignment and record of the criterion's training meet it (the caller holds the store lock or reads). */
  boolean matches(TenantId tenant, UserId user, TrainingCriterion criterion) {
    TrainingId training = criterion.condition().training();
    return tx.read(() -> TrainingStates.holds(criterion.condition().status(),
        assignments.get(tenant, user).map(byTraining -> byTraining.get(training)),
        records.get(tenant, user).map(byTraining -> byTraining.get(training)),
        criterion.at()));
  }
}
