package org.licensekit.core.domain;

import java.util.Objects;

/**
 * The newest link of a tenant's audit chain: its position (the number of entries) and its hash. A
 * store keeps it apart from the entries, so removing the newest entries is detected too.
 *
 * @param position the position of the newest entry; 0 for an empty chain
 * @param hash the hash of the newest entry, or {@link org.licensekit.core.policy.AuditChain#GENESIS}
 */
public record AuditChainHead(long position, String hash) {

  public AuditChainHead {
    if (position < 0) {
      throw new IllegalArgumentException("position must not be negative, was " + position);
    }
    Objects.requireNonNull(hash, "hash");
  }
}
