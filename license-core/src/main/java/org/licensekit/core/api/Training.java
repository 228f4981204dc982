package org.licensekit.core.api;

import java.time.Instant;
import java.util.List;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;

/** Training completions and certifications that products may require. */
public interface Training {

  TrainingRecord recordCompletion(UserId user, TrainingId training, Instant completedAt);

  TrainingRecord recordCertification(UserId user, TrainingId training, Instant earnedAt, Instant expiresAt);

  List<TrainingRecord> of(UserId user);
}
