package org.licensekit.core.internal.claims;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.Training;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.policy.Operation;

public final class TrainingService implements Training {

  private final Context context;
  private final Lookups lookups;

  public TrainingService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
  }

  @Override
  public TrainingRecord recordCompletion(UserId user, TrainingId training, Instant completedAt) {
    return record(TrainingRecord.builder().user(user).training(training).completedAt(completedAt).build(), () -> { });
  }

  @Override
  public TrainingRecord recordCertification(UserId user, TrainingId training, Instant earnedAt, Instant expiresAt) {
    return record(TrainingRecord.builder().user(user).training(training).completedAt(earnedAt).expiresAt(expiresAt).build(),
        () -> {
          if (!expiresAt.isAfter(earnedAt)) {
            throw InvalidInputException.of("expiresAt", "must be after earnedAt (" + earnedAt + ")");
          }
        });
  }

  private TrainingRecord record(TrainingRecord record, Runnable check) {
    return context.command(Operation.RECORD_TRAINING, Optional.of(record.user()), check, changes -> {
      lookups.user(record.user());
      context.store().training().save(context.tenant(), record);
      changes.record(ChangeType.TRAINING_RECORDED, "training", record.user() + "/" + record.training())
          .user(record.user()).after(record).done();
      assignments().completed(changes, record);
      // a waiting user passed over for want of this training may take a free seat now
      ClaimWriter claims = new ClaimWriter(context.store(), context.tenant());
      context.store().waitlist().positionsOf(context.tenant(), record.user()).keySet()
          .forEach(product -> claims.waitlist().fill(changes, product));
      return record;
    });
  }

  @Override
  public List<TrainingRecord> of(UserId user) {
    return context.query(Operation.READ_TRAINING, Optional.of(user), () -> context.store().training().listForUser(context.tenant(), user));
  }

  @Override
  public TrainingAssignment assign(UserId user, TrainingId training, Instant dueAt) {
    return context.command(Operation.ASSIGN_TRAINING, Optional.of(user), () -> {
      if (!dueAt.isAfter(context.ports().clock().instant())) {
        throw InvalidInputException.of("dueAt", "must be in the future");
      }
    }, changes -> {
      lookups.user(user);
      return assignments().assign(changes, user, training, Optional.empty(), dueAt);
    });
  }

  @Override
  public List<TrainingAssignment> assignments(UserId user) {
    return context.query(Operation.READ_TRAINING, Optional.of(user), () -> context.store().training().assignmentsOf(context.tenant(), user));
  }

  private TrainingAssignments assignments() {
    return new TrainingAssignments(context.store(), context.tenant());
  }
}
