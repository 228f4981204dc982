package org.licensekit.core.api;

import java.util.Optional;
import org.immutables.value.Value;

/** The first place a tenant's audit chain does not hold, as {@link AuditTrail#verify()} found it. */
@Value.Immutable
public interface AuditBreak {

  /** What is wrong at {@link #position()}. */
  enum Kind {
    /** The entry's content (or position or tenant) no longer matches its hash: it was edited. */
    CONTENT_CHANGED,
    /** The entry does not name the hash of the entry before it: an entry before it was replaced. */
    LINK_BROKEN,
    /** The chain skips this position, or ends before its recorded head: entries were removed. */
    ENTRY_MISSING,
    /** The recorded chain head does not match the newest entry (or is missing). */
    HEAD_MISMATCH
  }

  /** The position in the tenant's chain (from 1) where the chain breaks. */
  long position();

  Kind kind();

  /** The id of the entry found at {@link #position()}, when there is one. */
  Optional<String> entryId();

  /** What was expected and what was found, for a person. */
  String message();

  static ImmutableAuditBreak.Builder builder() {
    return ImmutableAuditBreak.builder();
  }
}
