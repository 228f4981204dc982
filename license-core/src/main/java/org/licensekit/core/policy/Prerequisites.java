package org.licensekit.core.policy;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.TrainingRecord;

/**
 * Evaluates a product's prerequisites against a user's training records: a requirement is met by a
 * record of that training completed by now and not expired; a certification whose record expired
 * is reported as expired, not as missing.
 */
public final class Prerequisites {

  private Prerequisites() {}

  /** The prerequisites of {@code product} the user does not meet at {@code now}, ordered by training id. */
  public static List<UnmetPrerequisite> unmet(Product product, Collection<TrainingRecord> records, Instant now) {
    return product.prerequisites().stream()
        .sorted(Comparator.comparing((Prerequisite p) -> p.training()).thenComparing(Prerequisite::kind))
        .flatMap(prerequisite -> evaluate(prerequisite, records, now).stream())
        .collect(ImmutableList.toImmutableList());
  }

  private static Optional<UnmetPrerequisite> evaluate(
      Prerequisite prerequisite, Collection<TrainingRecord> records, Instant now) {
    List<TrainingRecord> matching = records.stream()
        .filter(r -> r.training().equals(prerequisite.training()))
        .filter(r -> !r.completedAt().isAfter(now))
        .collect(ImmutableList.toImmutableList());
    if (matching.stream().anyMatch(r -> r.validAt(now))) {
      return Optional.empty();
    }
    Optional<Instant> lastExpiry = matching.stream()
        .flatMap(r -> r.expiresAt().stream())
        .max(Comparator.naturalOrder());
    return Optional.of(new UnmetPrerequisite(prerequisite, lastExpiry));
  }
}
