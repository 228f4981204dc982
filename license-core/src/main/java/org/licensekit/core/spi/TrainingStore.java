package org.licensekit.core.spi;

import java.util.List;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;

/** Training completions and certifications, and training assigned to users with a due date. */
public interface TrainingStore {

  /** Inserts or replaces the user's record of that training. */
  void save(TenantId tenant, TrainingRecord record);

  /** The user's records, ordered by training id. */
  List<TrainingRecord> listForUser(TenantId tenant, UserId user);

  /**
   * {@link #listForUser} for many users at once (a batch of a waitlist's users); a store answers it
   * with one query for the whole collection.
   *
   * @return each user's records, ordered by training id; a user with none maps to an empty list
   */
  default java.util.Map<UserId, List<TrainingRecord>> listForUsers(TenantId tenant, java.util.Collection<UserId> users) {
    java.util.Map<UserId, List<TrainingRecord>> found = new java.util.LinkedHashMap<>();
    users.forEach(user -> found.put(user, listForUser(tenant, user)));
    return found;
  }

  /** Inserts or replaces the user's assignment of that training. */
  void saveAssignment(TenantId tenant, TrainingAssignment assignment);

  /** The user's training assignments, ordered by training id. */
  List<TrainingAssignment> assignmentsOf(TenantId tenant, UserId user);
}
