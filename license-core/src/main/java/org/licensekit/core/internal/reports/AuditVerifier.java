package org.licensekit.core.internal.reports;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.AuditBreak;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.policy.AuditChain;
import org.licensekit.core.policy.AuditChainCheck;
import org.licensekit.core.spi.AuditStore;

/**
 * Feeds a tenant's chain to {@link AuditChainCheck} page by page, up to the head read first, so
 * entries appended while it runs are left for the next verification instead of looking like a
 * mismatch.
 */
final class AuditVerifier {

  static final int PAGE = 1_000;
  private static final int ATTEMPTS = 3;

  private final AuditStore audit;
  private final TenantId tenant;
  private boolean erasedMeanwhile;

  AuditVerifier(AuditStore audit, TenantId tenant) {
    this.audit = audit;
    this.tenant = tenant;
  }

  /**
   * Verifies; when an erasure committed while the chain was being read (entries marked erased by an
   * entry beyond the head read first), verifies again from the new head, a few times at most.
   */
  AuditVerification verify() {
    AuditVerification verdict = verifyOnce();
    for (int attempt = 1; attempt < ATTEMPTS && erasedMeanwhile; attempt++) {
      verdict = verifyOnce();
    }
    return verdict;
  }

  private AuditVerification verifyOnce() {
    AuditChainHead head = audit.head(tenant).orElse(AuditChain.emptyHead());
    AuditChainCheck check = new AuditChainCheck(tenant);
    long after = 0;
    pages:
    while (after < head.position()) {
      List<AuditLink> links = audit.chain(tenant, after, PAGE);
      for (AuditLink link : links) {
        if (link.position() > head.position() || !check.accept(link)) {
          break pages;
        }
        after = link.position();
      }
      if (links.size() < PAGE) {
        break;
      }
    }
    AuditVerification verdict = check.finish(head);
    erasedMeanwhile = !verdict.intact() && check.sawErasureBeyond(head)
        && !audit.head(tenant).orElse(AuditChain.emptyHead()).equals(head);
    if (verdict.intact() && beyondUnchangedHead(head)) {
      return new AuditVerification(verdict.entriesChecked(), Optional.of(AuditBreak.builder()
          .position(head.position() + 1).kind(AuditBreak.Kind.HEAD_MISMATCH)
          .message("entries follow position " + head.position() + " but the chain head does not cover them").build()));
    }
    return verdict;
  }

  /** Entries beyond the head while the head has not moved: the head was set back (or removed). */
  private boolean beyondUnchangedHead(AuditChainHead head) {
    if (audit.chain(tenant, head.position(), 1).isEmpty()) {
      return false;
    }
    return audit.head(tenant).orElse(AuditChain.emptyHead()).equals(head);
  }
}
