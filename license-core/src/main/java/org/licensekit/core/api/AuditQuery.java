package org.licensekit.core.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.UserId;

/** Which audit entries to read. Every criterion is optional; entries come oldest first. */
@Value.Immutable
public interface AuditQuery {

  /** Only entries concerning this user. */
  Optional<UserId> user();

  /** Only entries about this record, such as a claim id. */
  Optional<String> subjectId();

  /** Only these actions; empty means all. */
  Set<ChangeType> actions();

  /** Only entries at or after this instant. */
  Optional<Instant> from();

  /** Only entries before this instant. */
  Optional<Instant> to();

  @Value.Default
  @Positive
  @Max(10_000)
  default int limit() {
    return 1_000;
  }

  /** Every entry, up to the default limit. */
  static AuditQuery all() {
    return builder().build();
  }

  static ImmutableAuditQuery.Builder builder() {
    return ImmutableAuditQuery.builder();
  }
}
