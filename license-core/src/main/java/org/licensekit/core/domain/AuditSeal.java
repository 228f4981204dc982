package org.licensekit.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * How an audit entry's hash was made and whether its personal fields were erased since (see
 * {@link org.licensekit.core.policy.AuditChain}).
 *
 * <ul>
 *   <li>Version 1 hashes every field's value. An erased version-1 entry keeps its recorded hash,
 *       which its content can no longer re-compute; the erasure entry vouches for the content.
 *   <li>Version 2 hashes salted digests of the personal fields (before, after, reason) instead of
 *       their values; {@code salt} is the entry's random salt. When the fields are erased, their
 *       digests as they were are kept in {@code digests} and the salt is dropped, so the entry's hash
 *       still re-computes and the digests cannot be tested against guessed values.
 * </ul>
 *
 * @param version 1 or 2
 * @param salt a version-2 entry's salt (64 hex digits) while its personal fields are the original ones
 * @param digests the digests of the original before, after and reason of an erased version-2 entry,
 *     as {@link org.licensekit.core.policy.AuditChain#digests} writes them
 * @param erasedBy the chain position of the {@link ChangeType#PERSONAL_DATA_ERASED} entry that last
 *     rewrote this entry's personal fields; empty while they are the original ones
 */
public record AuditSeal(int version, Optional<String> salt, Optional<String> digests, Optional<Long> erasedBy) {

  private static final AuditSeal VERSION_1 = new AuditSeal(1, Optional.empty(), Optional.empty(), Optional.empty());

  public AuditSeal {
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("version must be 1 or 2, was " + version);
    }
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(digests, "digests");
    Objects.requireNonNull(erasedBy, "erasedBy");
  }

  /** An entry hashed with version 1 and never erased. */
  public static AuditSeal version1() {
    return VERSION_1;
  }

  /** A version-2 entry with its original personal fields and {@code salt}. */
  public static AuditSeal version2(String salt) {
    return new AuditSeal(2, Optional.of(salt), Optional.empty(), Optional.empty());
  }

  /** Whether an erasure rewrote the entry's personal fields. */
  public boolean erased() {
    return erasedBy.isPresent();
  }
}
