package org.licensekit.core.domain;

import java.util.Objects;

/**
 * An audit entry as the tamper-evident trail stores it: its position in its tenant's chain, the hash
 * of the entry before it, its own hash and how that hash was made (see
 * {@link org.licensekit.core.policy.AuditChain}).
 *
 * @param position the entry's place in its tenant's chain, from 1 without gaps
 * @param previousHash the hash of the entry at {@code position - 1}, or
 *     {@link org.licensekit.core.policy.AuditChain#GENESIS} for the first entry
 * @param hash the entry's own hash, over its content and {@code previousHash}
 * @param entry the entry
 * @param seal the encoding version the hash was made with, and what an erasure changed since
 */
public record AuditLink(long position, String previousHash, String hash, AuditEntry entry, AuditSeal seal) {

  public AuditLink {
    if (position < 1) {
      throw new IllegalArgumentException("position must be at least 1, was " + position);
    }
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(seal, "seal");
  }

  /** A link hashed with encoding version 1 (entries written before version 2 existed). */
  public AuditLink(long position, String previousHash, String hash, AuditEntry entry) {
    this(position, previousHash, hash, entry, AuditSeal.version1());
  }

  /** The chain head this link leaves behind. */
  public AuditChainHead head() {
    return new AuditChainHead(position, hash);
  }
}
