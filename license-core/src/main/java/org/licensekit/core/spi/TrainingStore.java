package org.licensekit.core.spi;

import java.util.List;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;

/** Training completions and certifications. */
public interface TrainingStore {

  /** Inserts or replaces the user's record of that training. */
  void save(TenantId tenant, TrainingRecord record);

  /** The user's records, ordered by training id. */
  List<TrainingRecord> listForUser(TenantId tenant, UserId user);
}
