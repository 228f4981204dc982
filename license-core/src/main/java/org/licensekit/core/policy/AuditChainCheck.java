package org.licensekit.core.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.licensekit.core.api.AuditBreak;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;

/**
 * Re-computes a tenant's audit chain link by link, oldest first, and remembers the first place it
 * breaks. Fed page by page, so verifying a long trail needs the memory of one page (and of the
 * erased entries seen so far).
 *
 * <p>An entry whose personal fields an erasure rewrote is checked twice: its hash as its seal says
 * (a version-2 entry re-computes from its kept digests; an erased version-1 entry cannot, and only
 * its link is checked), and its content against the fingerprint the erasure entry recorded for it
 * ({@link ErasureManifest}), when that entry is reached. An erasure mark that names no erasure, an
 * erasure that lists an entry no longer marked, and a rewritten entry whose content differs from
 * what its erasure recorded all break the chain as {@code CONTENT_CHANGED}.
 */
public final class AuditChainCheck {

  private final TenantId tenant;
  private AuditChainHead last = AuditChain.emptyHead();
  private long checked;
  private Optional<AuditBreak> broken = Optional.empty();
  /** Position of every erased entry seen → the erasure that last rewrote it. */
  private final Map<Long, Long> erasedBy = new HashMap<>();
  /** Erasure position → the entries it rewrote that were seen, with their fingerprints and ids. */
  private final Map<Long, TreeMap<Long, Rewritten>> awaited = new HashMap<>();

  private record Rewritten(String fingerprint, String entryId) {}

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
    if (!sealHolds(link)) {
      return false;
    }
    Optional<String> recomputed = AuditChain.expectedHash(tenant, link);
    if (recomputed.isPresent() && !recomputed.get().equals(link.hash())) {
      return breakAt(expected, AuditBreak.Kind.CONTENT_CHANGED, Optional.of(id),
          "the entry's content hashes to " + recomputed.get() + " but its recorded hash is " + link.hash());
    }
    if (!erasureHolds(link)) {
      return false;
    }
    checked++;
    last = link.head();
    return true;
  }

  private boolean sealHolds(AuditLink link) {
    Optional<String> id = Optional.of(link.entry().id());
    if (link.seal().erased()) {
      long by = link.seal().erasedBy().orElseThrow();
      if (by <= link.position() || link.seal().version() == 2 && link.seal().digests().isEmpty()) {
        return breakAt(link.position(), AuditBreak.Kind.CONTENT_CHANGED, id,
            "the entry is marked erased by position " + by + ", which cannot have erased it");
      }
      erasedBy.put(link.position(), by);
      awaited.computeIfAbsent(by, position -> new TreeMap<>())
          .put(link.position(), new Rewritten(AuditChain.fingerprint(tenant, link), link.entry().id()));
    } else if (link.seal().version() == 2 && link.seal().salt().isEmpty()) {
      return breakAt(link.position(), AuditBreak.Kind.CONTENT_CHANGED, id, "the entry's salt is missing");
    }
    return true;
  }

  /** At an erasure entry: every entry it rewrote still has the content it recorded. */
  private boolean erasureHolds(AuditLink link) {
    TreeMap<Long, Rewritten> rewritten = awaited.remove(link.position());
    boolean erasure = link.entry().action() == ChangeType.PERSONAL_DATA_ERASED;
    if (!erasure) {
      return rewritten == null || breakAt(rewritten.firstKey(), AuditBreak.Kind.CONTENT_CHANGED,
          Optional.of(rewritten.firstEntry().getValue().entryId()),
          "the entry is marked erased by position " + link.position() + ", which is no erasure");
    }
    Map<Long, String> listed = ErasureManifest.read(link.entry().after().orElse(""));
    if (rewritten != null) {
      for (Map.Entry<Long, Rewritten> entry : rewritten.entrySet()) {
        if (!entry.getValue().fingerprint().equals(listed.get(entry.getKey()))) {
          return breakAt(entry.getKey(), AuditBreak.Kind.CONTENT_CHANGED, Optional.of(entry.getValue().entryId()),
              "the entry's content is not what the erasure at position " + link.position() + " left");
        }
      }
    }
    for (Long position : listed.keySet()) {
      boolean seen = rewritten != null && rewritten.containsKey(position);
      if (!seen && erasedBy.getOrDefault(position, 0L) <= link.position()) {
        return breakAt(position, AuditBreak.Kind.CONTENT_CHANGED, Optional.empty(),
            "the erasure at position " + link.position() + " rewrote this entry, which is no longer marked erased");
      }
    }
    return true;
  }

  /**
   * Whether an entry read was marked erased by a position beyond the newest entry checked: an
   * erasure committed while the chain was being read (or a forged mark); verifying again from the
   * new head tells the two apart.
   */
  public boolean sawErasureBeyond(AuditChainHead head) {
    return awaited.keySet().stream().anyMatch(position -> position > head.position());
  }

  /** The verdict, once every link up to {@code head} was given to {@link #accept(AuditLink)}. */
  public AuditVerification finish(AuditChainHead head) {
    if (broken.isEmpty() && !awaited.isEmpty() && head.equals(last)) {
      TreeMap<Long, Rewritten> first = awaited.values().stream().min(java.util.Comparator.comparing(TreeMap::firstKey)).orElseThrow();
      breakAt(first.firstKey(), AuditBreak.Kind.CONTENT_CHANGED, Optional.of(first.firstEntry().getValue().entryId()),
          "the entry is marked erased by an entry beyond the newest");
    }
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
