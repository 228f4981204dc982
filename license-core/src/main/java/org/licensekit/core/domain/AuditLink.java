package org.licensekit.core.domain;

import java.util.Objects;

/**
 * An audit entry as the tamper-evident trail stores it: its position in its tenant's chain, the hash
 * of the entry before it and its own hash (see {@link org.licensekit.core.policy.AuditChain}).
 *
 * @param position the entry's place in its tenant's chain, from 1 without gaps
 * @param previousHash the hash of the entry at {@code position - 1}, or
 *     {@link org.licensekit.core.policy.AuditChain#GENESIS} for the first entry
 * @param hash the entry's own hash, over its content and {@code previousHash}
 * @param entry the entry
 */
public record AuditLink(long position, String previousHash, String hash, AuditEntry entry) {

  public AuditLink {
    if (position < 1) {
      throw new IllegalArgumentException("position must be at least 1, was " + position);
    }
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(entry, "entry");
  }

  /** The chain head this link leaves behind. */
  public AuditChainHead head() {
    return new AuditChainHead(position, hash);
  }
}
