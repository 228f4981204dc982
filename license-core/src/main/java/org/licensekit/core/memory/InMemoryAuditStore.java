package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.AuditChain;
import org.licensekit.core.spi.AuditStore;

/**
 * The audit trail in memory: each tenant's links keyed by their chain position. Appends run under
 * the store's write lock, so a tenant's chain is extended by one transaction at a time; the head is
 * the newest link.
 */
final class InMemoryAuditStore implements AuditStore {

  private final InMemoryTransactions tx;
  private final TenantTable<Long, AuditLink> links;

  InMemoryAuditStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.links = new TenantTable<>(tx);
  }

  @Override
  public void append(TenantId tenant, List<AuditEntry> newEntries) {
    // salted, digested and encoded outside the write lock: only the chain fields wait for the head
    List<AuditChain.Prepared> prepared = AuditChain.prepare(tenant, newEntries);
    tx.write(() -> {
      AuditChainHead head = headOf(tenant).orElse(AuditChain.emptyHead());
      AuditChain.link(head, prepared).forEach(link -> links.put(tenant, link.position(), link));
      return null;
    });
  }

  @Override
  public List<AuditEntry> query(TenantId tenant, AuditQuery query) {
    return tx.read(() -> links.stream(tenant)
        .map(AuditLink::entry)
        .filter(entry -> matches(entry, query))
        .limit(query.limit())
        .collect(ImmutableList.toImmutableList()));
  }

  @Override
  public List<AuditLink> newestFirst(TenantId tenant, AuditQuery query, long beforePosition, int limit) {
    return tx.read(() -> links.streamDescending(tenant)
        .filter(link -> link.position() < beforePosition && matches(link.entry(), query))
        .limit(limit)
        .collect(ImmutableList.toImmutableList()));
  }

  @Override
  public long count(TenantId tenant, AuditQuery query) {
    return tx.read(() -> links.stream(tenant).filter(link -> matches(link.entry(), query)).count());
  }

  @Override
  public List<AuditLink> chain(TenantId tenant, long afterPosition, int limit) {
    return tx.read(() -> links.stream(tenant)
        .filter(link -> link.position() > afterPosition)
        .limit(limit)
        .collect(ImmutableList.toImmutableList()));
  }

  @Override
  public Optional<AuditChainHead> head(TenantId tenant) {
    return tx.read(() -> headOf(tenant));
  }

  @Override
  public List<AuditLink> mentioning(TenantId tenant, UserId user, Set<String> texts) {
    return tx.read(() -> links.stream(tenant)
        .filter(link -> link.entry().user().filter(user::equals).isPresent() || mentions(link.entry(), texts))
        .collect(ImmutableList.toImmutableList()));
  }

  private static boolean mentions(AuditEntry entry, Set<String> texts) {
    return java.util.stream.Stream.of(entry.before(), entry.after(), entry.reason())
        .flatMap(Optional::stream)
        .anyMatch(value -> texts.stream().anyMatch(value::contains));
  }

  @Override
  public void redact(TenantId tenant, List<AuditLink> redacted) {
    List<AuditLink> copy = ImmutableList.copyOf(redacted);
    tx.write(() -> {
      for (AuditLink link : copy) {
        AuditLink stored = links.get(tenant, link.position())
            .orElseThrow(() -> new IllegalArgumentException("no audit entry at position " + link.position()));
        links.put(tenant, link.position(), new AuditLink(stored.position(), stored.previousHash(), stored.hash(),
            AuditEntry.builder().from(stored.entry())
                .before(link.entry().before()).after(link.entry().after()).reason(link.entry().reason()).build(),
            link.seal()));
      }
      return null;
    });
  }

  private Optional<AuditChainHead> headOf(TenantId tenant) {
    return links.last(tenant).map(AuditLink::head);
  }

  private static boolean matches(AuditEntry entry, AuditQuery query) {
    return query.user().map(user -> entry.user().filter(user::equals).isPresent()).orElse(true)
        && query.subjectId().map(entry.subjectId()::equals).orElse(true)
        && (query.actions().isEmpty() || query.actions().contains(entry.action()))
        && query.from().map(from -> !entry.at().isBefore(from)).orElse(true)
        && query.to().map(to -> entry.at().isBefore(to)).orElse(true);
  }
}
