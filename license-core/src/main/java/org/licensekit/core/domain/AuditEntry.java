package org.licensekit.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One recorded change: who did what to which record, when, why, and the record before and after.
 */
@Value.Immutable
public interface AuditEntry {

  /** A unique id, assigned when the entry is made. */
  String id();

  Instant at();

  Actor actor();

  ChangeType action();

  /** The kind of record changed, such as {@code claim} or {@code user}. */
  String subjectType();

  String subjectId();

  /** The user the change concerns, when it concerns one; lets a user's history be queried. */
  Optional<UserId> user();

  /** The record before the change, rendered as text; empty for a creation. */
  Optional<String> before();

  /** The record after the change, rendered as text. */
  Optional<String> after();

  Optional<String> reason();

  static ImmutableAuditEntry.Builder builder() {
    return ImmutableAuditEntry.builder();
  }
}
