package org.licensekit.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/** Everything the access decision for one user and one product looks at. */
@Value.Immutable
public interface AccessFacts {

  UserId userId();

  ProductId productId();

  Optional<UserAccount> user();

  Optional<Product> product();

  List<Membership> memberships();

  /** The role catalog (at least every role the memberships name). */
  Map<RoleId, Role> roles();

  List<TrainingRecord> training();

  /** The user's training assignments. */
  List<TrainingAssignment> trainingAssignments();

  /** The user's live claim for the product or, when none is live, the most recent one. */
  Optional<LicenseClaim> claim();

  /** The pool of {@link #claim()}. */
  Optional<LicensePool> pool();

  Instant now();

  static ImmutableAccessFacts.Builder builder() {
    return ImmutableAccessFacts.builder();
  }
}
