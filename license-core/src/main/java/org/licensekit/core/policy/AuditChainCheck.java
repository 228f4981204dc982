package org.licensekit.core.policy;

import java.util.Optional;
import org.licensekit.core.api.AuditBreak;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.TenantId;

/**
 * Re-computes a tenant's audit chain link by link, oldest first, and remembers the first place it
 * breaks. Fed page by page, so verifying a long trail needs the memory of one page.
 */
public final class AuditChainCheck {

  private final TenantId tenant;
  private AuditChainHead last = AuditChain.emptyHead();
  private long checked;
  private Optional<AuditBreak> broken = Optional.empty();

  /** A check of {@code tenant}'s chain, expecting its first entry next. */
  public AuditChainCheck(TenantId tenant) {
    this.tenant = tenant;
  }

  /**
   * Checks the next link; returns whether the chain still holds (once broken, further links are
   * ignored).
   */
  public boolean accept(AuditLink link) {
    if (broken.isPresent()) {
      return false;
    }
    long expected = last.position() + 1;
    String id = link.entry().id();
    if (link.position() != expected) {
      return breakAt(expected, AuditBreak.Kind.ENTRY_MISSING, Optional.empty(),
          "expected the entry at position " + expected + " but the next one is at " + link.position());
    }
    if (!link.previousHash().equals(last.hash())) {
      return breakAt(expected, AuditBreak.Kind.LINK_BROKEN, Optional.of(id),
          "the entry names previous hash " + link.previousHash() + " but the entry before it hashes to " + last.hash());
    }
    String recomputed = AuditChain.hash(tenant, link.position(), link.previousHash(), link.entry());
    if (!recomputed.equals(link.hash())) {
      return breakAt(expected, AuditBreak.Kind.CONTENT_CHANGED, Optional.of(id),
          "the entry's content hashes to " + recomputed + " but its recorded hash is " + link.hash());
    }
    checked++;
    last = link.head();
    return true;
  }

  /** The verdict, once every link up to {@code head} was given to {@link #accept(AuditLink)}. */
  public AuditVerification finish(AuditChainHead head) {
    if (broken.isEmpty() && !head.equals(last)) {
      if (head.position() > last.position()) {
        breakAt(last.position() + 1, AuditBreak.Kind.ENTRY_MISSING, Optional.empty(),
            "the chain head records " + head.position() + " entries but the trail ends at " + last.position());
      } else {
        breakAt(Math.max(1, head.position()), AuditBreak.Kind.HEAD_MISMATCH, Optional.empty(),
            "the chain head records position " + head.position() + " and hash " + head.hash()
                + " but the newest entry is at " + last.position() + " with hash " + last.hash());
      }
    }
    return new AuditVerification(checked, broken);
  }

  private boolean breakAt(long position, AuditBreak.Kind kind, Optional<String> entryId, String message) {
    broken = Optional.of(AuditBreak.builder().position(position).kind(kind).entryId(entryId).message(message).build());
    return false;
  }
}
